// The consultation's surveys: open and closed ones for everyone; drafts and "new survey" for managers.
import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { ACCESS_MODES } from '$lib/server/surveys/schemas';
import { can } from '$lib/server/auth/permissions';
import { consultationRef, isPublic } from '$lib/server/consultations';
import { formValues, translateFieldErrors } from '$lib/server/core';
import {
	createSurvey,
	listSurveys,
	listSurveysOfConsultation,
	localizeSurvey,
	prefillArea,
	surveyAreaOptions
} from '$lib/server/surveys';
import type { Actions, PageServerLoad } from './$types';

async function consultation(locals: App.Locals, slug: string) {
	const c = await consultationRef(locals.ctx, { slug });
	const canManage = !!c && !!locals.ctx.actor && can(locals.ctx.actor, 'surveys.manage', c.subject);
	if (!c || (!canManage && (!isPublic(c) || !c.modules.includes('surveys'))))
		error(404, locals.ctx.t('surveys.errors.not_found'));
	return { c, canManage };
}

// Prefill from the planner's outreach suggestions (issue 12): ?gebiet=KEY&zugang=code starts a
// door-to-door survey (interviewers hand out codes) named for and tied to the area (the picker shows
// it and the manager may change it).
const Prefill = z.object({
	gebiet: z
		.string()
		.trim()
		.max(60)
		.regex(/^[A-Za-z0-9_.-]+$/)
		.optional()
		.catch(undefined),
	zugang: z.enum(ACCESS_MODES).optional().catch(undefined)
});

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { db, locale } = locals.ctx;
	const { c, canManage } = await consultation(locals, params.slug);
	const prefill = canManage ? Prefill.parse(Object.fromEntries(url.searchParams)) : {};
	const area = prefill.gebiet ? await prefillArea(db, prefill.gebiet) : null;
	const [surveys, counts, areas] = await Promise.all([
		listSurveysOfConsultation(db, c.id),
		canManage ? listSurveys(db, { consultationId: c.id }) : Promise.resolve([]),
		canManage ? surveyAreaOptions(db) : Promise.resolve([])
	]);
	const responses = new Map(counts.map((s) => [s.id, s.completeResponses]));
	return {
		prefill: {
			...(prefill.zugang ? { accessMode: prefill.zugang } : {}),
			...(area
				? { title: locals.ctx.t('planning.outreach.surveyTitle', { name: area.name }), areaId: area.id }
				: {})
		} as Record<string, string>,
		areas,
		consultation: { slug: c.slug, title: c.title, moduleOn: c.modules.includes('surveys') },
		canManage,
		surveys: surveys
			.filter((s) => canManage || s.status !== 'draft')
			.map((s) => {
				const texts = localizeSurvey(s, locale);
				return {
					id: s.id,
					title: texts.title.text,
					titleLang: texts.title.lang,
					status: s.status,
					accessMode: s.accessMode,
					anonymous: s.anonymous,
					responses: canManage ? (responses.get(s.id) ?? 0) : null
				};
			})
	};
};

export const actions: Actions = {
	create: async ({ locals, params, request }) => {
		const { c, canManage } = await consultation(locals, params.slug);
		if (!canManage) error(404, locals.ctx.t('surveys.errors.not_found'));
		const form = await request.formData();
		const result = await createSurvey(locals.ctx, c.id, formValues(form));
		if (!result.ok)
			return fail(400, {
				errors: translateFieldErrors(
					result.errors ?? { form: `surveys.errors.${result.code}` },
					locals.ctx.t
				),
				values: formValues(form)
			});
		redirect(303, `/beteiligung/${c.slug}/befragung/${result.value.id}/verwalten`);
	}
};
