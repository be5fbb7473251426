// One page of a survey (or one question, as configured): the questions with earlier answers piped
// in, saved on every submit; "back" keeps what is valid; the last page completes the response.
import { error, fail, redirect } from '@sveltejs/kit';
import { pickText, pipeText, progress, visiblePages, type AnswerError } from '$lib/questionnaire';
import {
	answerableAreas,
	clearResumeCookie,
	loadSurveyForRespondent,
	localizeSurvey,
	participationState,
	respondentFor,
	saveResponsePage
} from '$lib/server/surveys';
import { consultationAreaShapes, consultationBounds } from '$lib/server/areas';
import type { TFunction } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

async function setup(
	locals: App.Locals,
	params: { slug: string; id: string },
	cookies: import('@sveltejs/kit').Cookies
) {
	const ctx = locals.ctx;
	const f = await loadSurveyForRespondent(ctx, params.slug, params.id);
	if (!f) error(404, ctx.t('surveys.errors.not_found'));
	const who = respondentFor(cookies, ctx.secret, f.survey.id);
	const base = `/beteiligung/${f.consultation.slug}/befragung/${f.survey.id}`;
	return { ctx, f, who, base };
}

function translate(t: TFunction, errors: Record<string, AnswerError>): Record<string, string> {
	return Object.fromEntries(Object.entries(errors).map(([k, e]) => [k, t(e.key, e.params ?? {})]));
}

export const load: PageServerLoad = async ({ locals, params, cookies, url }) => {
	const { ctx, f, who, base } = await setup(locals, params, cookies);
	const state = await participationState(ctx, f.survey, who);
	if (state.state !== 'in_progress') redirect(303, base);
	const { survey } = f;
	const answers = state.response.answers;
	const pages = visiblePages(survey.definition, answers, survey.layout);
	const index = Number(params.page) - 1;
	if (!Number.isInteger(index) || index < 0 || index >= pages.length)
		redirect(303, `${base}/seite/${Math.min(state.response.page, Math.max(pages.length - 1, 0)) + 1}`);
	const page = pages[index];
	const areas = await answerableAreas(ctx.db, survey);
	const names = Object.fromEntries(areas.all.map((a) => [a.id, a.name]));
	const parentNames = new Map(areas.all.map((a) => [a.id, a.name]));
	const pipe = (texts: Record<string, string | undefined>) => {
		const picked = pickText(texts, ctx.locale);
		return {
			text: pipeText(picked.text, survey.definition.questions, answers, ctx.locale, names),
			lang: picked.lang
		};
	};
	const texts = localizeSurvey(survey, ctx.locale);
	// The map of map questions: the city's areas (the server refuses places outside them).
	const map = page.questions.some((q) => q.type === 'map')
		? {
				areas: await consultationAreaShapes(ctx.db, []),
				bounds: await consultationBounds(ctx.db, []),
				tileUrl: ctx.config.tileUrl ?? null,
				tileAttribution: ctx.config.tileAttribution ?? null
			}
		: null;
	return {
		map,
		title: texts.title,
		base,
		page: index,
		progress: progress(index, pages.length),
		last: index === pages.length - 1,
		pageTitle: page.pageBreak ? pipe(page.pageBreak.text) : null,
		questions: page.questions.map((q) => ({
			question: q,
			text: pipe(q.text),
			areas:
				q.type === 'area'
					? (areas.byLevel.get(q.level) ?? []).map((a) => ({
							id: a.id,
							name: a.name,
							parentName: a.parentId ? (parentNames.get(a.parentId) ?? null) : null
						}))
					: q.type === 'map'
						? areas.all
						: []
		})),
		answers,
		resumeLink: who.resumeToken ? `${url.origin}${base}/weiter/${who.resumeToken}` : null,
		anonymous: survey.anonymous
	};
};

export const actions: Actions = {
	default: async ({ locals, params, request, cookies }) => {
		const { ctx, f, who, base } = await setup(locals, params, cookies);
		const form = await request.formData();
		const direction = form.get('direction') === 'back' ? 'back' : 'next';
		const index = Number(params.page) - 1;
		const result = await saveResponsePage(ctx, f, who, { page: index, direction, form });
		if (!result.ok) {
			if (result.code !== 'invalid') redirect(303, base);
			return fail(400, {
				errors: translate(ctx.t, result.errors ?? {}),
				answers: result.answers ?? {},
				raw: result.raw ?? {}
			});
		}
		if (result.value.kind === 'complete') {
			if (f.survey.anonymous) clearResumeCookie(cookies, f.survey.id);
			redirect(303, `${base}?fertig=1`);
		}
		redirect(303, `${base}/seite/${result.value.page + 1}`);
	}
};
