// One moderation queue across every consultation a person moderates (all of them for platform-wide
// moderators and admins), over every module's items. Each action re-checks consultation.moderate on
// the item's own consultation inside the command.
import { error, redirect } from '@sveltejs/kit';
import type { RequestContext } from '$lib/server/core';
import {
	countQueue,
	listModerationLog,
	listQueue,
	MODERATION_PAGE_SIZE,
	moderationScope
} from '$lib/server/participation/moderation';
import {
	blockAction,
	doneParam,
	ModerationQuery,
	moderateAction
} from '$lib/server/participation/moderation/form-actions';
import type { Actions, PageServerLoad } from './$types';

async function scope(ctx: RequestContext) {
	if (!ctx.actor) redirect(303, `/anmelden?weiter=${encodeURIComponent('/moderation')}`);
	const ids = await moderationScope(ctx.db, ctx.actor);
	if (ids !== null && ids.length === 0) error(403, ctx.t('core.error.forbidden'));
	return ids;
}

export const load: PageServerLoad = async ({ locals, url }) => {
	const ctx = locals.ctx;
	const ids = await scope(ctx);
	const q = ModerationQuery.parse(Object.fromEntries(url.searchParams));
	const [counts, items, log] = await Promise.all([
		countQueue(ctx.db, ids),
		listQueue(ctx.db, ids, q.ansicht, q.seite),
		listModerationLog(ctx.db, ids, q.protokoll)
	]);
	return {
		view: q.ansicht,
		done: doneParam(url),
		page: q.seite,
		logPage: q.protokoll,
		pageSize: MODERATION_PAGE_SIZE,
		counts,
		items,
		log
	};
};

export const actions: Actions = {
	moderate: async ({ locals, request, url }) => {
		await scope(locals.ctx);
		return moderateAction(locals.ctx, request, url);
	},
	block: async ({ locals, request, url }) => {
		await scope(locals.ctx);
		return blockAction(locals.ctx, request, url);
	}
};
