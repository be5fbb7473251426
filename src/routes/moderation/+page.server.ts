// One moderation queue across every consultation a person moderates (all of them for platform-wide
// moderators and admins), over every module's items. Each action re-checks consultation.moderate on
// the item's own consultation inside the command.
import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { translateErrors } from '$lib/server/contributions';
import {
	blockItemAuthor,
	countQueue,
	ItemRef,
	listModerationLog,
	listQueue,
	moderateItem,
	MODERATION_ACTIONS,
	MODERATION_PAGE_SIZE,
	MODERATION_VIEWS,
	moderationScope
} from '$lib/server/participation/moderation';
import type { RequestContext } from '$lib/server/core';
import type { Actions, PageServerLoad } from './$types';

const Query = z.object({
	ansicht: z.enum(MODERATION_VIEWS).catch('reported'),
	seite: z.coerce.number().int().min(1).max(10_000).catch(1),
	protokoll: z.coerce.number().int().min(1).max(10_000).catch(1)
});
const DONE = [...MODERATION_ACTIONS, 'block_user'] as const;
const parsedAction = (a: string) => MODERATION_ACTIONS.find((x) => x === a) ?? 'hide';

async function scope(ctx: RequestContext) {
	if (!ctx.actor) redirect(303, `/anmelden?weiter=${encodeURIComponent('/moderation')}`);
	const ids = await moderationScope(ctx.db, ctx.actor);
	if (ids !== null && ids.length === 0) error(403, ctx.t('core.error.forbidden'));
	return ids;
}

export const load: PageServerLoad = async ({ locals, url }) => {
	const ctx = locals.ctx;
	const ids = await scope(ctx);
	const q = Query.parse(Object.fromEntries(url.searchParams));
	const [counts, items, log] = await Promise.all([
		countQueue(ctx.db, ids),
		listQueue(ctx.db, ids, q.ansicht, q.seite),
		listModerationLog(ctx.db, ids, q.protokoll)
	]);
	return {
		view: q.ansicht,
		done: DONE.find((d) => d === url.searchParams.get('erledigt')) ?? null,
		page: q.seite,
		logPage: q.protokoll,
		pageSize: MODERATION_PAGE_SIZE,
		counts,
		items,
		log
	};
};

function fields(form: FormData, ...names: string[]): Record<string, string> {
	return Object.fromEntries(names.map((n) => [n, String(form.get(n) ?? '')]));
}

function done(url: URL, what: string): never {
	const view = Query.parse(Object.fromEntries(url.searchParams)).ansicht;
	redirect(303, `${url.pathname}?ansicht=${view}&erledigt=${what}`);
}

export const actions: Actions = {
	moderate: async ({ locals, request, url }) => {
		const ctx = locals.ctx;
		await scope(ctx);
		const form = fields(await request.formData(), 'itemType', 'id', 'action', 'reason');
		const item = ItemRef.safeParse({ itemType: form.itemType, id: form.id });
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
	block: async ({ locals, request, url }) => {
		const ctx = locals.ctx;
		await scope(ctx);
		const form = fields(await request.formData(), 'itemType', 'id', 'reason');
		const item = ItemRef.safeParse({ itemType: form.itemType, id: form.id });
		if (!item.success) return fail(404, { id: form.id, errors: translateErrors(ctx.t, 'not_found') });
		const r = await blockItemAuthor(ctx, item.data.itemType, item.data.id, { reason: form.reason });
		if (!r.ok)
			return fail(r.code === 'forbidden' ? 403 : 400, {
				id: form.id,
				blockReason: form.reason,
				errors: translateErrors(ctx.t, r.code, r.errors)
			});
		done(url, 'block_user');
	}
};
