// The board's phase rules (staff who manage the consultation): posting and support periods, the
// support threshold with its response time, archiving, the status path.
import { error, fail, redirect } from '@sveltejs/kit';
import { getConsultationBySlug } from '$lib/server/consultations';
import { translateFieldErrors } from '$lib/server/core';
import { boardTimeForForm, boardTimeFromForm } from '$lib/ideas/board-times';
import { loadBoardRules, saveBoardRules } from '$lib/server/ideas';
import type { Actions, PageServerLoad } from './$types';

async function board(locals: App.Locals, slug: string) {
	const { db, actor, t } = locals.ctx;
	const c = await getConsultationBySlug(db, slug, actor);
	// Forbidden looks like missing.
	if (!c || !c.modules.includes('ideas') || !c.canManage) error(404, t('ideas.errors.notFound'));
	return c;
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const c = await board(locals, params.slug);
	const r = await loadBoardRules(locals.ctx.db, c.id);
	return {
		consultation: { slug: c.slug, title: c.title },
		saved: url.searchParams.has('gespeichert'),
		values: {
			postingStartsAt: boardTimeForForm(r.postingStartsAt),
			postingEndsAt: boardTimeForForm(r.postingEndsAt),
			supportEndsAt: boardTimeForForm(r.supportEndsAt),
			supportThreshold: r.supportThreshold === null ? '' : String(r.supportThreshold),
			responseDays: String(r.responseDays),
			archiveAfterDays: r.archiveAfterDays === null ? '' : String(r.archiveAfterDays)
		},
		statusPath: r.statusPath
	};
};

export const actions: Actions = {
	default: async ({ locals, params, request }) => {
		const c = await board(locals, params.slug);
		const form = await request.formData();
		const text = (n: string) => String(form.get(n) ?? '');
		// datetime-local fields are Berlin time (the hint says so).
		const at = (n: string) => boardTimeFromForm(text(n));
		const values = {
			postingStartsAt: text('postingStartsAt'),
			postingEndsAt: text('postingEndsAt'),
			supportEndsAt: text('supportEndsAt'),
			supportThreshold: text('supportThreshold'),
			responseDays: text('responseDays'),
			archiveAfterDays: text('archiveAfterDays')
		};
		const statusPath = [
			'received',
			...form
				.getAll('statusPath')
				.map(String)
				.filter((s) => s !== 'received')
		];
		const r = await saveBoardRules(locals.ctx, c.id, {
			...values,
			postingStartsAt: at('postingStartsAt'),
			postingEndsAt: at('postingEndsAt'),
			supportEndsAt: at('supportEndsAt'),
			statusPath
		});
		if (!r.ok)
			return fail(400, {
				errors: {
					...translateFieldErrors(r.errors ?? {}, locals.ctx.t),
					form: locals.ctx.t('ideas.errors.invalid')
				},
				values,
				statusPath
			});
		redirect(303, `/beteiligung/${params.slug}/ideen/einstellungen?gespeichert=1`);
	}
};
