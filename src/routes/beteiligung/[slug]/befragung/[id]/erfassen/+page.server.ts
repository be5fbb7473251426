// Staff entry of paper, interview, phone and workshop answers: every question on one form; after
// saving, the form is empty again for the next questionnaire (channel and date stay).
import { error, fail, redirect } from '@sveltejs/kit';
import { cityDay } from '$lib/format/dates';
import { pickText, type AnswerError } from '$lib/questionnaire';
import { translateFieldErrors } from '$lib/server/core';
import { analogCounts, ANALOG_CHANNELS, answerableAreas, enterStaffResponse, loadSurveyFor } from '$lib/server/surveys';
import type { Actions, PageServerLoad } from './$types';

async function allowed(locals: App.Locals, params: { slug: string; id: string }, here: string) {
	const { actor, t } = locals.ctx;
	if (!actor) redirect(303, `/anmelden?weiter=${encodeURIComponent(here)}`);
	const f = await loadSurveyFor(locals.ctx, params.id, 'surveys.enter_analog');
	if (!f || f.consultation.slug !== params.slug) error(404, t('surveys.errors.not_found'));
	return f;
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { db, locale, now } = locals.ctx;
	const { survey, consultation } = await allowed(locals, params, url.pathname);
	const [areas, counts] = await Promise.all([answerableAreas(db, survey), analogCounts(db, survey.id)]);
	const parentNames = new Map(areas.all.map((a) => [a.id, a.name]));
	return {
		consultation: { slug: consultation.slug, title: consultation.title },
		base: `/beteiligung/${consultation.slug}/befragung/${survey.id}`,
		survey: { id: survey.id, title: survey.title, status: survey.status, anonymous: survey.anonymous },
		channels: ANALOG_CHANNELS,
		today: cityDay(now),
		counts,
		questions: survey.definition.questions
			.filter((q) => q.type !== 'page_break')
			.map((q) => ({
				question: q,
				text: pickText(q.text, locale),
				areas:
					q.type === 'area'
						? (areas.byLevel.get(q.level) ?? []).map((a) => ({ id: a.id, name: a.name, parentName: a.parentId ? (parentNames.get(a.parentId) ?? null) : null }))
						: q.type === 'map'
							? areas.all
							: []
			}))
	};
};

export const actions: Actions = {
	default: async ({ locals, params, request, url }) => {
		const ctx = locals.ctx;
		await allowed(locals, params, url.pathname);
		const form = await request.formData();
		const keep = { channel: String(form.get('channel') ?? 'paper'), answeredOn: String(form.get('answeredOn') ?? '') };
		const r = await enterStaffResponse(ctx, params.id, form);
		if (!r.ok) {
			const answerErrors = Object.fromEntries(
				Object.entries(r.errors ?? {}).map(([k, e]: [string, AnswerError]) => [k, ctx.t(e.key, e.params ?? {})])
			);
			return fail(400, {
				fieldErrors: translateFieldErrors(r.fieldErrors ?? (r.code === 'invalid' ? {} : { form: `surveys.errors.${r.code}` }), ctx.t),
				errors: answerErrors,
				answers: r.answers ?? {},
				raw: r.raw ?? {},
				keep
			});
		}
		return { saved: true, keep };
	}
};
