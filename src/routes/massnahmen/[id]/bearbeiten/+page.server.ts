// Change a measure's details (those who may maintain it; others get a 404).
import { error, fail, redirect } from '@sveltejs/kit';
import { can } from '$lib/server/auth/permissions';
import {
	formValuesOf,
	getMeasure,
	measureFormChoices,
	measureFormInput,
	translateErrors,
	updateMeasure
} from '$lib/server/measures';
import type { Actions, PageServerLoad } from './$types';

const mayManage = (actor: App.Locals['ctx']['actor'], subject: unknown) =>
	can(actor, 'measure.manage', subject);

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { actor, db, t } = locals.ctx;
	if (!actor) redirect(303, `/anmelden?weiter=${encodeURIComponent(url.pathname)}`);
	const m = await getMeasure(db, params.id, { actor, mayManage });
	if (!m || !mayManage(actor, m.subject)) error(404, t('measures.errors.notFound'));
	return {
		...(await measureFormChoices(db)),
		id: m.id,
		title: m.title,
		values: {
			title: m.title,
			description: m.description,
			responsible: m.responsible,
			areaIds: m.areas.map((a) => a.id),
			consultationId: m.consultation?.id ?? '',
			budget: m.budgetEuros === null ? '' : String(m.budgetEuros).replace('.', ','),
			fundingSource: m.fundingSource,
			startsOn: m.startsOn ?? '',
			endsOn: m.endsOn ?? '',
			status: m.status
		} as Record<string, string | string[]>
	};
};

export const actions: Actions = {
	default: async ({ locals, params, request, url }) => {
		const ctx = locals.ctx;
		if (!ctx.actor) redirect(303, `/anmelden?weiter=${encodeURIComponent(url.pathname)}`);
		// The person first (as the page does): a measure they may not manage looks missing.
		const m = await getMeasure(ctx.db, params.id, { actor: ctx.actor, mayManage });
		if (!m || !mayManage(ctx.actor, m.subject)) error(404, ctx.t('measures.errors.notFound'));
		const form = await request.formData();
		const r = await updateMeasure(ctx, params.id, measureFormInput(form));
		if (!r.ok) {
			if (r.code === 'not_found') error(404, ctx.t('measures.errors.notFound'));
			const errors =
				r.code === 'forbidden'
					? { areaIds: ctx.t('measures.errors.forbiddenAreas') }
					: translateErrors(r.errors, ctx.t);
			return fail(r.code === 'forbidden' ? 403 : 400, { errors, values: formValuesOf(form) });
		}
		redirect(303, `/massnahmen/${params.id}?gespeichert=1`);
	}
};
