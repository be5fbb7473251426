// A measure's public page: details, progress with dated milestones, where it came from (the linked
// items), follow button. Staff who may maintain it record progress and link items here.
import { error, fail, redirect } from '@sveltejs/kit';
import { can } from '$lib/server/auth/permissions';
import { isFollowing, itemSummaryAdapters, publicItems, refKey } from '$lib/server/following';
import { getMeasure, linkItem, recordProgress, translateErrors, unlinkItem } from '$lib/server/measures';
import { cityDay } from '$lib/format/dates';
import type { Actions, PageServerLoad } from './$types';

const mayManage = (actor: App.Locals['ctx']['actor'], subject: unknown) =>
	can(actor, 'measure.manage', subject);

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { db, actor, t, now } = locals.ctx;
	const m = await getMeasure(db, params.id, { actor, mayManage });
	if (!m) error(404, t('measures.errors.notFound'));
	const manage = mayManage(actor, m.subject);
	const found = await publicItems(
		db,
		m.links.map((l) => ({ itemType: l.itemType, itemId: l.itemId }))
	);
	const links = m.links.flatMap((l) => {
		const item = found.get(refKey(l.itemType, l.itemId));
		return item
			? [
					{
						itemType: l.itemType,
						itemId: l.itemId,
						kindKey: item.kindKey,
						title: item.title,
						path: item.path
					}
				]
			: [];
	});
	const adapters = manage ? await itemSummaryAdapters() : [];
	const kinds = adapters.filter((a) => a.itemType !== 'measure');
	return {
		measure: { ...m, subject: undefined, links },
		manage,
		// Staff also see links to items that are no longer public (kind and id only, no text), to remove them.
		hiddenLinks: manage
			? m.links
					.filter((l) => !found.has(refKey(l.itemType, l.itemId)))
					.map((l) => ({
						itemType: l.itemType,
						itemId: l.itemId,
						kindKey: adapters.find((a) => a.itemType === l.itemType)?.kindKey ?? 'measures.origin.title'
					}))
			: [],
		linkKinds: kinds.map((k) => ({ itemType: k.itemType, kindKey: k.kindKey })),
		following: await isFollowing(db, actor?.id ?? null, { type: 'measure', id: m.id }),
		signedIn: !!actor,
		today: cityDay(now),
		saved: url.searchParams.has('gespeichert')
	};
};

async function manageOr404(locals: App.Locals, id: string) {
	const { db, actor, t } = locals.ctx;
	if (!actor) redirect(303, `/anmelden?weiter=${encodeURIComponent(`/massnahmen/${id}`)}`);
	const m = await getMeasure(db, id, { actor, mayManage });
	if (!m || !mayManage(actor, m.subject)) error(404, t('measures.errors.notFound'));
	return m;
}

export const actions: Actions = {
	progress: async ({ locals, params, request }) => {
		await manageOr404(locals, params.id);
		const form = await request.formData();
		const input = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === 'string'));
		const r = await recordProgress(locals.ctx, params.id, input);
		if (!r.ok)
			return fail(r.code === 'not_found' ? 404 : 400, {
				progressErrors: translateErrors(r.errors, locals.ctx.t),
				progressValues: input as Record<string, string>
			});
		redirect(303, `/massnahmen/${params.id}?gespeichert=1`);
	},
	link: async ({ locals, params, request }) => {
		await manageOr404(locals, params.id);
		const form = await request.formData();
		const input = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === 'string'));
		const r = await linkItem(locals.ctx, params.id, input);
		if (!r.ok)
			return fail(r.code === 'not_found' ? 404 : 400, {
				linkErrors: translateErrors(r.errors ?? { reference: 'measures.errors.itemReference' }, locals.ctx.t),
				linkValues: input as Record<string, string>
			});
		redirect(303, `/massnahmen/${params.id}?gespeichert=1`);
	},
	unlink: async ({ locals, params, request }) => {
		await manageOr404(locals, params.id);
		const form = await request.formData();
		const r = await unlinkItem(locals.ctx, params.id, {
			itemType: form.get('itemType'),
			itemId: form.get('itemId')
		});
		if (!r.ok) return fail(400, { unlinkError: locals.ctx.t('measures.errors.itemReference') });
		redirect(303, `/massnahmen/${params.id}?gespeichert=1`);
	}
};
