// The moderation pages' form actions (one consultation's queue and the platform queue share them):
// read (itemType, id) and the reason, call the command (which checks consultation.moderate on the
// item's own consultation), answer the form or go back to the same view with a confirmation.
import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { RequestContext } from '../../core';
import { translateErrors } from '../../contributions/form';
import { blockItemAuthor, moderateItem } from './moderate';
import { MODERATION_VIEWS } from './queue';
import { ItemRef, MODERATION_ACTIONS } from './schemas';

export const ModerationQuery = z.object({
	ansicht: z.enum(MODERATION_VIEWS).catch('reported'),
	seite: z.coerce.number().int().min(1).max(10_000).catch(1),
	protokoll: z.coerce.number().int().min(1).max(10_000).catch(1)
});

/** Confirmations the pages show after a redirect (?erledigt=…). */
export const MODERATION_DONE = [...MODERATION_ACTIONS, 'block_user', 'unblock_user'] as const;

export function doneParam(url: URL): (typeof MODERATION_DONE)[number] | null {
	return MODERATION_DONE.find((d) => d === url.searchParams.get('erledigt')) ?? null;
}

function fields(form: FormData, ...names: string[]): Record<string, string> {
	return Object.fromEntries(names.map((n) => [n, String(form.get(n) ?? '')]));
}

/** After an action: back to the same view with a confirmation (a reload does not repeat it). */
export function backToView(url: URL, what: string): never {
	const view = ModerationQuery.parse(Object.fromEntries(url.searchParams)).ansicht;
	redirect(303, `${url.pathname}?ansicht=${view}&erledigt=${what}`);
}

export async function moderateAction(ctx: RequestContext, request: Request, url: URL) {
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
	backToView(url, MODERATION_ACTIONS.find((x) => x === form.action) ?? 'hide');
}

export async function blockAction(ctx: RequestContext, request: Request, url: URL) {
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
	backToView(url, 'block_user');
}
