import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { consultationRef, mayModerate } from '$lib/server/consultations';
import { translateErrors } from '$lib/server/contributions';
import type { RequestContext } from '$lib/server/core';
import {
	countQueue,
	listBlockedUsers,
	listModerationLog,
	listQueue,
	MODERATION_PAGE_SIZE,
	unblockUser
} from '$lib/server/participation/moderation';
import {
	backToView,
	blockAction,
	doneParam,
	ModerationQuery,
	moderateAction
} from '$lib/server/participation/moderation/form-actions';
import type { Actions, PageServerLoad } from './$types';

const Id = z.uuid();

/** Moderators only; everyone else sees a 404 (the queue's existence is not public). */
async function moderated(ctx: RequestContext, slug: string) {
	if (!ctx.actor) redirect(303, `/anmelden?weiter=${encodeURIComponent(`/beteiligung/${slug}/moderation`)}`);
	const facts = await consultationRef(ctx, { slug });
	if (!facts || !mayModerate(ctx.actor, facts)) error(404, ctx.t('contributions.errors.notFound'));
	return facts;
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const ctx = locals.ctx;
	const facts = await moderated(ctx, params.slug);
	const q = ModerationQuery.parse(Object.fromEntries(url.searchParams));
	const [counts, items, log, blocked] = await Promise.all([
		countQueue(ctx.db, [facts.id]),
		listQueue(ctx.db, [facts.id], q.ansicht, q.seite),
		listModerationLog(ctx.db, [facts.id], q.protokoll),
		listBlockedUsers(ctx.db, facts.id)
	]);
	return {
		consultation: {
			id: facts.id,
			slug: facts.slug,
			title: facts.title,
			preModeration: facts.preModeration,
			autoHideAfterReports: facts.autoHideAfterReports
		},
		view: q.ansicht,
		done: doneParam(url),
		page: q.seite,
		logPage: q.protokoll,
		pageSize: MODERATION_PAGE_SIZE,
		counts,
		items,
		log,
		blocked
	};
};

export const actions: Actions = {
	moderate: async ({ locals, params, request, url }) => {
		await moderated(locals.ctx, params.slug);
		return moderateAction(locals.ctx, request, url);
	},
	block: async ({ locals, params, request, url }) => {
		await moderated(locals.ctx, params.slug);
		return blockAction(locals.ctx, request, url);
	},
	unblock: async ({ locals, params, request, url }) => {
		const ctx = locals.ctx;
		const facts = await moderated(ctx, params.slug);
		const form = { userId: String((await request.formData()).get('userId') ?? '') };
		if (!Id.safeParse(form.userId).success) return fail(404, { errors: translateErrors(ctx.t, 'not_found') });
		const r = await unblockUser(ctx, facts.id, form.userId);
		if (!r.ok) return fail(400, { errors: translateErrors(ctx.t, r.code) });
		backToView(url, 'unblock_user');
	}
};
