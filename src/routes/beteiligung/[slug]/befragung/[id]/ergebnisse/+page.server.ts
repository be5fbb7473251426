// Results of a survey for organisers (permission surveys.results): counts per question, filters in the
// URL (area, channel, date range, answer to another question), responses per area and per 1,000
// residents, one question broken down by area — all protected against small numbers; publishing.
import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { RESPONSE_CHANNELS } from '$lib/questionnaire/definition';
import { answerableQuestions, answerCodes, textIn, type ResultFilter } from '$lib/questionnaire/results';
import { zodFieldErrors, type RequestContext } from '$lib/server/core';
import { suppressionRules } from '$lib/server/monitoring';
import { loadSurveyFor } from '$lib/server/surveys';
import {
	canBreakDown,
	computeSurveyResults,
	loadSurveyData,
	PublishInput,
	publishSurveyResults,
	SURVEY_EXPORT_FORMATS,
	unpublishSurveyResults
} from '$lib/server/survey-results';
import type { Actions, PageServerLoad } from './$types';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const Query = z.object({
	bereich: z.string().uuid().optional().catch(undefined),
	kanal: z.enum(RESPONSE_CHANNELS).optional().catch(undefined),
	von: date.optional().catch(undefined),
	bis: date.optional().catch(undefined),
	antwort: z
		.string()
		.regex(/^[A-Za-z][A-Za-z0-9_]{0,63}:[A-Za-z0-9_][A-Za-z0-9_.-]{0,40}$/)
		.optional()
		.catch(undefined),
	ebene: z.string().max(64).optional().catch(undefined),
	nach: z.string().max(64).optional().catch(undefined),
	suche: z.string().max(200).optional().catch(undefined)
});

async function surveyFor(ctx: RequestContext, slug: string, id: string, url: URL) {
	if (!ctx.actor) redirect(303, `/anmelden?weiter=${encodeURIComponent(url.pathname + url.search)}`);
	const found = await loadSurveyFor(ctx, id, 'surveys.results');
	if (!found || found.consultation.slug !== slug) error(404, ctx.t('consultations.error.not_found'));
	return found;
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const ctx = locals.ctx;
	const { survey, consultation } = await surveyFor(ctx, params.slug, params.id, url);
	const q = Query.parse(Object.fromEntries(url.searchParams));
	const data = await loadSurveyData(ctx.db, survey.id, survey.definition);
	const levels = data.levels.filter((l) => data.areas.some((a) => a.level === l.key));
	const level = levels.find((l) => l.key === q.ebene)?.key ?? levels.at(-1)?.key ?? '';
	const questions = answerableQuestions(survey.definition);
	const [answerKey, answerCode] = q.antwort?.split(':') ?? [];
	const filter: ResultFilter = {
		areaId: data.areas.some((a) => a.id === q.bereich) ? q.bereich : undefined,
		channel: q.kanal,
		from: q.von,
		to: q.bis,
		answer:
			answerKey && questions.some((x) => x.key === answerKey)
				? { question: answerKey, code: answerCode }
				: undefined
	};
	const breakdownQuestion = questions.find((x) => x.key === q.nach && canBreakDown(x));
	const rules = suppressionRules(ctx.config);
	const view = computeSurveyResults(survey.definition, data, {
		filter,
		rules,
		breakdown: breakdownQuestion ? { question: breakdownQuestion.key, level } : undefined
	});
	const locale = ctx.locale;
	const label = (qKey: string, code: string) => {
		const question = questions.find((x) => x.key === qKey);
		if (!question) return code;
		if (
			question.type === 'single_choice' ||
			question.type === 'multiple_choice' ||
			question.type === 'ranking'
		)
			return (
				textIn(question.options.find((o) => o.code === code)?.label, locale) ||
				ctx.t('surveysResults.export.other')
			);
		if (question.type === 'matrix')
			return (
				textIn(
					question.columns.find((o) => o.code === code)?.label ??
						question.rows.find((o) => o.code === code)?.label,
					locale
				) || code
			);
		if (question.type === 'yes_no')
			return ctx.t(code === 'yes' ? 'surveysResults.export.yes' : 'surveysResults.export.no');
		if (question.type === 'area') return data.areas.find((a) => a.id === code)?.name ?? code;
		return code;
	};
	const labels: Record<string, Record<string, string>> = {};
	for (const question of questions) {
		const codes = [
			...answerCodes(
				question,
				question.type === 'area' ? data.areas.filter((a) => a.level === question.level).map((a) => a.id) : []
			),
			...(question.type === 'matrix' ? [...question.rows, ...question.columns].map((o) => o.code) : []),
			...(question.type === 'ranking' ? question.options.map((o) => o.code) : [])
		];
		labels[question.key] = Object.fromEntries(codes.map((c) => [c, label(question.key, c)]));
	}
	const publication = await ctx.db
		.selectFrom('survey_publication')
		.select(['questions', 'breakdown_levels', 'reach', 'published_at'])
		.where('survey_id', '=', survey.id)
		.executeTakeFirst();
	return {
		consultation: { slug: consultation.slug, title: consultation.title },
		survey: { id: survey.id, title: survey.title },
		query: q,
		filter,
		level,
		levels: levels.map((l) => ({ key: l.key, name: l.name })),
		areas: data.areas
			.slice()
			.sort((a, b) => a.rank - b.rank || a.name.localeCompare(b.name, 'de'))
			.map((a) => ({ id: a.id, key: a.key, name: a.name, level: a.level, levelName: a.levelName })),
		questions: questions.map((x) => ({
			key: x.key,
			type: x.type,
			text: textIn(x.text, locale),
			breakable: canBreakDown(x)
		})),
		labels,
		results: view.results,
		reach: view.reach.filter((r) => r.level === level),
		breakdown: view.breakdown,
		minCount: rules.minCount,
		codeMode: survey.accessMode === 'code',
		formats: [...SURVEY_EXPORT_FORMATS],
		publication: publication
			? {
					questions: publication.questions as string[],
					levels: publication.breakdown_levels as string[],
					reach: publication.reach,
					publishedAt: new Date(publication.published_at).toISOString()
				}
			: null
	};
};

export const actions: Actions = {
	publish: async ({ locals, params, request, url }) => {
		const ctx = locals.ctx;
		await surveyFor(ctx, params.slug, params.id, url);
		const form = await request.formData();
		const input = PublishInput.safeParse({
			questions: form.getAll('questions').map(String),
			levels: form.getAll('levels').map(String),
			reach: form.get('reach') === 'on'
		});
		const values = {
			questions: form.getAll('questions').map(String),
			levels: form.getAll('levels').map(String)
		};
		if (!input.success) return fail(400, { errors: zodFieldErrors(input.error), values });
		const result = await publishSurveyResults(ctx, params.id, input.data);
		if (!result.ok) {
			if (result.code === 'not_found') error(404, ctx.t('consultations.error.not_found'));
			return fail(400, { errors: result.errors ?? {}, values });
		}
		redirect(
			303,
			`/beteiligung/${params.slug}/befragung/${params.id}/ergebnisse?veroeffentlicht=1#veroeffentlichen`
		);
	},
	unpublish: async ({ locals, params, url }) => {
		const ctx = locals.ctx;
		await surveyFor(ctx, params.slug, params.id, url);
		const result = await unpublishSurveyResults(ctx, params.id);
		if (!result.ok) error(404, ctx.t('consultations.error.not_found'));
		redirect(303, `/beteiligung/${params.slug}/befragung/${params.id}/ergebnisse#veroeffentlichen`);
	}
};
