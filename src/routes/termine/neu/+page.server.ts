import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { EVENT_TYPES } from '$lib/events/types';
import { can } from '$lib/server/auth/permissions';
import { formValues, parseForm } from '$lib/server/core';
import { loadConsultationRef } from '$lib/server/consultations/ref';
import { createEvent, EventForm, filterAreas } from '$lib/server/events';
import type { Actions, PageServerLoad } from './$types';

// Prefill from a link (issue 12: the planner's outreach suggestions open /termine/neu?area=KEY&type=…).
const Prefill = z.object({
	area: z
		.string()
		.trim()
		.max(60)
		.regex(/^[A-Za-z0-9_.-]+$/)
		.optional()
		.catch(undefined),
	type: z.enum(EVENT_TYPES).optional().catch(undefined)
});

function mayCreateSomewhere(actor: App.Locals['ctx']['actor']): boolean {
	return !!actor?.grants.some((g) => ['admin', 'planner', 'quarter_manager'].includes(g.role));
}

async function consultationOf(locals: App.Locals, slug: string | null) {
	if (!slug) return null;
	const c = await loadConsultationRef(locals.ctx.db, { slug });
	if (!c || !can(locals.ctx.actor, 'consultation.manage', c.subject))
		error(404, locals.ctx.t('events.errors.not_found'));
	return c;
}

export const load: PageServerLoad = async ({ locals, url }) => {
	if (!locals.ctx.actor) redirect(303, `/anmelden?weiter=${encodeURIComponent(url.pathname + url.search)}`);
	if (!mayCreateSomewhere(locals.ctx.actor)) error(404, locals.ctx.t('events.errors.not_found'));
	const c = await consultationOf(locals, url.searchParams.get('verfahren'));
	const prefill = Prefill.parse(Object.fromEntries(url.searchParams));
	const areas = c ? [] : await filterAreas(locals.ctx.db);
	// A prefilled area of another level (a Quartier) is offered too.
	if (!c && prefill.area && !areas.some((a) => a.key === prefill.area)) {
		const extra = await locals.ctx.db
			.selectFrom('area')
			.select(['key', 'name'])
			.where('key', '=', prefill.area)
			.where('valid_to', 'is', null)
			.executeTakeFirst();
		if (extra) areas.unshift(extra);
	}
	return {
		consultation: c ? { slug: c.slug, title: c.title } : null,
		areas,
		types: EVENT_TYPES,
		prefill: Object.fromEntries(Object.entries(prefill).filter(([, v]) => v !== undefined)) as Record<
			string,
			string
		>
	};
};

export const actions: Actions = {
	default: async ({ locals, request, url }) => {
		const ctx = locals.ctx;
		if (!mayCreateSomewhere(ctx.actor)) error(404, ctx.t('events.errors.not_found'));
		const c = await consultationOf(locals, url.searchParams.get('verfahren'));
		const form = await request.formData();
		const parsed = parseForm(EventForm, form, ctx.t);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		let areaIds: string[] = [];
		const areaKey = String(form.get('area') ?? '');
		if (!c && areaKey) {
			const a = await ctx.db
				.selectFrom('area')
				.select('id')
				.where('key', '=', areaKey)
				.where('valid_to', 'is', null)
				.executeTakeFirst();
			if (a) areaIds = [a.id];
		}
		const r = await createEvent(ctx, parsed.data, { consultationId: c?.id ?? null, areaIds });
		if (!r.ok)
			return fail(r.code === 'forbidden' ? 403 : 400, {
				errors: { form: ctx.t(`events.errors.${r.code}`) },
				values: formValues(form)
			});
		redirect(303, `/termine/${r.value.id}/verwalten`);
	}
};
