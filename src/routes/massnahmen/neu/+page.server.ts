// A new measure (planners; consultation managers for their consultation's areas).
import { error, fail, redirect } from '@sveltejs/kit';
import { can } from '$lib/server/auth/permissions';
import {
	createMeasure,
	formValuesOf,
	measureFormChoices,
	measureFormInput,
	translateErrors
} from '$lib/server/measures';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { actor, db, t } = locals.ctx;
	if (!actor) redirect(303, `/anmelden?weiter=${encodeURIComponent(url.pathname)}`);
	if (!can(actor, 'measure.plan')) error(403, t('core.error.forbidden'));
	return {
		...(await measureFormChoices(db)),
		values: { status: 'draft', areaIds: [] as string[] } as Record<string, string | string[]>
	};
};

export const actions: Actions = {
	default: async ({ locals, request, url }) => {
		const ctx = locals.ctx;
		if (!ctx.actor) redirect(303, `/anmelden?weiter=${encodeURIComponent(url.pathname)}`);
		if (!can(ctx.actor, 'measure.plan')) error(403, ctx.t('core.error.forbidden'));
		const form = await request.formData();
		const r = await createMeasure(ctx, measureFormInput(form));
		if (!r.ok) {
			const errors =
				r.code === 'forbidden'
					? { areaIds: ctx.t('measures.errors.forbiddenAreas') }
					: translateErrors(r.errors, ctx.t);
			return fail(r.code === 'forbidden' ? 403 : 400, { errors, values: formValuesOf(form) });
		}
		redirect(303, `/massnahmen/${r.value.id}?gespeichert=1`);
	}
};
