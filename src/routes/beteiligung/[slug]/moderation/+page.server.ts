import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { consultationRef, mayModerate } from '$lib/server/consultations';
import { translateErrors } from '$lib/server/contributions';
import {
	blockItemAuthor,
	countQueue,
	ItemRef,
	listBlockedUsers,
	listModerationLog,
	listQueue,
	moderateItem,
	MODERATION_ACTIONS,
	MODERATION_PAGE_SIZE,
	MODERATION_VIEWS,
	unblockUser
} from '$lib/server/participation/moderation';
import type { RequestContext } from '$lib/server/core';
import type { Actions, PageServerLoad } from './$types';

const Query = z.object({
	ansicht: z.enum(MODERATION_VIEWS).catch('reported'),
	seite: z.coerce.number().int().min(1).max(10_000).catch(1),
	protokoll: z.coerce.number().int().min(1).max(10_000).catch(1)
});
const Id = z.uuid();
const parsedAction = (a: string) => MODERATION_ACTIONS.find((x) => x === a) ?? 'hide';
const DONE = [...MODERATION_ACTIONS, 'block_user', 'unblock_user'] as const;

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
	const q = Query.parse(Object.fromEntries(url.searchParams));
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
		done: DONE.find((d) => d === url.searchParams.get('erledigt')) ?? null,
		page: q.seite,
		logPage: q.protokoll,
		pageSize: MODERATION_PAGE_SIZE,
		counts,
		items,
		log,
		blocked
	};
};

function fields(form: FormData, ...names: string[]): Record<string, string> {
	return Object.fromEntries(names.map((n) => [n, String(form.get(n) ?? '')]));
}

/** After an action: back to the same view with a confirmation (a reload does not repeat it). */
function done(url: URL, what: string): never {
	const view = Query.parse(Object.fromEntries(url.searchParams)).ansicht;
	redirect(303, `${url.pathname}?ansicht=${view}&erledigt=${what}`);
}

export const actions: Actions = {
	moderate: async ({ locals, params, request, url }) => {
		const ctx = locals.ctx;
		await moderated(ctx, params.slug);
		const form = fields(await request.formData(), 'itemType', 'id', 'action', 'reason');
		const item = ItemRef.safeParse({ itemType: form.itemType || 'contribution', id: form.id });
		if (!item.success) return fail(404, { id: form.id, errors: translateErrors(ctx.t, 'not_found') });
		const r = await moderateItem(ctx, item.data.itemType, item.data.id, {
			action: form.action,
			reason: form.reason
		});
		if (!r.ok)
			return fail(r.code === 'forbidden' ? 403 : 400, {
				id: form.id,
				reason: form.reason,
				errors: translateErrors(ctx.t, r.code, r.errors)
			});
		done(url, parsedAction(form.action));
	},
	block: async ({ locals, params, request, url }) => {
		const ctx = locals.ctx;
		await moderated(ctx, params.slug);
		const form = fields(await request.formData(), 'itemType', 'id', 'reason');
		const item = ItemRef.safeParse({ itemType: form.itemType || 'contribution', id: form.id });
		if (!item.success) return fail(404, { id: form.id, errors: translateErrors(ctx.t, 'not_found') });
		const r = await blockItemAuthor(ctx, item.data.itemType, item.data.id, { reason: form.reason });
		if (!r.ok)
			return fail(r.code === 'forbidden' ? 403 : 400, {
				id: form.id,
				blockReason: form.reason,
				errors: translateErrors(ctx.t, r.code, r.errors)
			});
		done(url, 'block_user');
	},
	unblock: async ({ locals, params, request, url }) => {
		const ctx = locals.ctx;
		const facts = await moderated(ctx, params.slug);
		const form = fields(await request.formData(), 'userId');
		if (!Id.safeParse(form.userId).success) return fail(404, { errors: translateErrors(ctx.t, 'not_found') });
		const r = await unblockUser(ctx, facts.id, form.userId);
		if (!r.ok) return fail(400, { errors: translateErrors(ctx.t, r.code) });
		done(url, 'unblock_user');
	}
};
