// Published survey results: only the chosen questions and breakdowns of a survey whose consultation is
// public, protected at read time — the overall counts of a question (1…k−1 hidden, and a second cell
// where the total would give one back), its breakdowns over the whole area tree at once, and the
// responses per area (one decision per survey, see $lib/questionnaire/breakdown.ts). Free texts, map
// answers and numbers are never published.
import type { Kysely } from 'kysely';
import { protectBreakdown, type BreakdownArea } from '../../questionnaire/breakdown';
import { answerCodes, codesOf, textIn, type ResultResponse } from '../../questionnaire/results';
import type { Question } from '../../questionnaire/definition';
import type { SuppressionRules } from '../../stats/suppression';
import { areaAndDescendantIds } from '../areas/lookup';
import { consultationRef, isPublic } from '../consultations/ref';
import type { CommandContext } from '../core';
import type { DB } from '../db/types';
import { getSurvey } from '../surveys';
import type { PublishedQuestion, PublishedResults } from '../../survey-results/types';
import { canBreakDown, computeSurveyResults } from './compute';
import { loadSurveyData } from './data';

function optionLabels(q: Question, locale: string): Map<string, string> {
	const m = new Map<string, string>();
	if (q.type === 'single_choice' || q.type === 'multiple_choice')
		for (const o of q.options) m.set(o.code, textIn(o.label, locale));
	return m;
}

/** Surveys with published results in public consultations (open data, consultation page). */
export async function listPublishedSurveys(
	db: Kysely<DB>,
	consultationSlug?: string
): Promise<{ id: string; title: string; consultation: string; area: string | null; publishedAt: string }[]> {
	const rows = await db
		.selectFrom('survey_publication as p')
		.innerJoin('survey as s', 's.id', 'p.survey_id')
		.innerJoin('consultation as c', 'c.id', 's.consultation_id')
		.leftJoin('area as a', 'a.id', 's.area_id')
		.select(['s.id', 's.title', 'c.slug', 'a.key as area_key', 'p.published_at'])
		.where('c.status', 'in', ['published', 'closed', 'archived'])
		.$if(!!consultationSlug, (q) => q.where('c.slug', '=', consultationSlug!))
		.orderBy('p.published_at')
		.orderBy('s.id')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		title: r.title,
		consultation: r.slug,
		area: r.area_key,
		publishedAt: new Date(r.published_at).toISOString()
	}));
}

export async function publishedSurveyIds(db: Kysely<DB>, consultationId?: string): Promise<string[]> {
	const rows = await db
		.selectFrom('survey_publication as p')
		.innerJoin('survey as s', 's.id', 'p.survey_id')
		.select('p.survey_id')
		.$if(!!consultationId, (q) => q.where('s.consultation_id', '=', consultationId!))
		.orderBy('p.published_at')
		.execute();
	return rows.map((r) => r.survey_id);
}

/**
 * Refinement (issue 12 audit): the planner's area view narrows published results to a period (answer
 * day; `to` exclusive) and a channel (analog = every channel but online: paper, interview … entered by
 * staff). The small-number rules then apply to the narrowed counts.
 */
export interface PublishedFilter {
	from?: Date;
	to?: Date;
	channel?: 'online' | 'analog';
}

function keepResponse(filter: PublishedFilter | undefined): (r: ResultResponse) => boolean {
	const from = filter?.from?.toISOString().slice(0, 10);
	const to = filter?.to?.toISOString().slice(0, 10);
	return (r) =>
		(!from || r.date >= from) &&
		(!to || r.date < to) &&
		(filter?.channel !== 'online' || r.channel === 'online') &&
		(filter?.channel !== 'analog' || r.channel !== 'online');
}

/** The published results of a survey, protected; null when not published or not public. */
export async function loadPublishedResults(
	db: Kysely<DB>,
	surveyId: string,
	rules: SuppressionRules,
	locale: string,
	labels: { yes: string; no: string; other: string },
	filter?: PublishedFilter
): Promise<PublishedResults | null> {
	if (!/^[0-9a-f-]{36}$/i.test(surveyId)) return null;
	const pub = await db
		.selectFrom('survey_publication')
		.select(['questions', 'breakdown_levels', 'reach', 'published_at'])
		.where('survey_id', '=', surveyId)
		.executeTakeFirst();
	if (!pub) return null;
	const survey = await getSurvey(db, surveyId);
	if (!survey) return null;
	const consultation = await consultationRef({ db }, { id: survey.consultationId });
	if (!consultation || !isPublic(consultation)) return null;
	const chosen = pub.questions as string[];
	const levels = pub.breakdown_levels as string[];
	const questions = survey.definition.questions.filter((q) => chosen.includes(q.key) && canBreakDown(q));
	const loaded = await loadSurveyData(db, surveyId, survey.definition);
	const data = filter ? { ...loaded, responses: loaded.responses.filter(keepResponse(filter)) } : loaded;
	const base = computeSurveyResults(survey.definition, data, { rules });
	const k = rules.minCount;
	const total = data.responses.length;
	const levelName = (key: string) => data.levels.find((l) => l.key === key)?.name ?? key;
	const byId = new Map(data.areas.map((a) => [a.id, a]));
	const hiddenAreas = new Map(base.reach.filter((r) => r.hidden).map((r) => [r.areaId, r.hidden!]));

	const published: PublishedQuestion[] = questions.map((q) => {
		const codes = answerCodes(q);
		const withAnswer = data.responses.filter((r: ResultResponse) => r.answers[q.key]?.type === q.type);
		const answers = withAnswer.map((r) => {
			const a = r.answers[q.key];
			return { areaId: r.areaId, codes: codesOf(a), value: a.type === 'scale' ? a.value : null };
		});
		// the overall counts: one virtual area holding every answer, protected like a row
		const ALL: BreakdownArea = { id: '\u0000all', parentId: null, population: null, level: '' };
		const overall = protectBreakdown({
			areas: [ALL],
			hiddenAreas: new Map(),
			codes,
			answers: answers.map((a) => ({ ...a, areaId: ALL.id })),
			sumsToRow: q.type !== 'multiple_choice',
			withMean: q.type === 'scale',
			rules
		}).rows[0];
		const n = withAnswer.length;
		const few = n > 0 && n < k;
		const labelsOf = optionLabels(q, locale);
		const label = (code: string) =>
			labelsOf.get(code) ??
			(code === 'yes' ? labels.yes : code === 'no' ? labels.no : code === '_other' ? labels.other : code);
		return {
			key: q.key,
			type: q.type,
			text: textIn(q.text, locale),
			n: few ? null : n,
			options: codes.map((code, j) => ({ code, label: label(code), count: few ? null : overall.counts[j] })),
			mean: few ? null : overall.mean,
			breakdowns: levels.map((level) => {
				const b = protectBreakdown({
					areas: data.areas,
					hiddenAreas,
					codes,
					answers,
					sumsToRow: q.type !== 'multiple_choice',
					withMean: q.type === 'scale',
					rules,
					level
				});
				return {
					level,
					levelName: levelName(level),
					rows: b.rows.map((r) => ({
						areaId: r.areaId,
						key: byId.get(r.areaId)?.key ?? '',
						name: byId.get(r.areaId)?.name ?? '',
						n: r.n,
						counts: r.counts,
						mean: r.mean
					}))
				};
			})
		};
	});
	return {
		surveyId,
		title: survey.title,
		consultation: { id: consultation.id, slug: consultation.slug, title: consultation.title },
		publishedAt: new Date(pub.published_at).toISOString(),
		total: total > 0 && total < k ? null : total,
		minCount: k,
		questions: published,
		reach: pub.reach
			? levels.map((level) => ({
					level,
					levelName: levelName(level),
					rows: base.reach
						.filter((r) => r.level === level)
						.map((r) => ({
							areaId: r.areaId,
							key: r.key,
							name: r.name,
							responses: r.responses,
							per1000: r.per1000
						}))
				}))
			: []
	};
}

type Ctx = Pick<CommandContext, 'db' | 'locale' | 't' | 'config'>;

function readerLabels(ctx: Ctx) {
	const t = ctx.t ?? ((k: string) => k);
	return {
		yes: t('surveysResults.export.yes') as string,
		no: t('surveysResults.export.no') as string,
		other: t('surveysResults.export.other') as string
	};
}

function rulesOf(ctx: Ctx): SuppressionRules {
	return { minPopulation: ctx.config?.smallAreaPopulation ?? 0, minCount: ctx.config?.smallCountK ?? 3 };
}

/** Published results of a consultation's surveys (the consultation page's survey section). */
export async function publishedForConsultation(
	ctx: Ctx,
	consultationId: string
): Promise<PublishedResults[]> {
	const ids = await publishedSurveyIds(ctx.db, consultationId);
	const out = await Promise.all(
		ids.map((id) => loadPublishedResults(ctx.db, id, rulesOf(ctx), ctx.locale ?? 'de', readerLabels(ctx)))
	);
	return out.filter((x): x is PublishedResults => x !== null);
}

/**
 * Published results for an area (its profile): surveys with a breakdown row for the area, and surveys
 * tied to the area or an area below it (a door-to-door survey there), whose whole result is the area's;
 * optionally of one consultation, a period and a channel (the planner's area view).
 */
export async function publishedForArea(
	ctx: Ctx,
	areaId: string,
	filter: PublishedFilter & { consultationId?: string } = {}
): Promise<PublishedResults[]> {
	const ids = await publishedSurveyIds(ctx.db, filter.consultationId);
	if (ids.length === 0) return [];
	const narrowed = filter.from || filter.to || filter.channel ? filter : undefined;
	const below = await areaAndDescendantIds(ctx.db, areaId);
	const tiedRows = below.length
		? await ctx.db
				.selectFrom('survey')
				.select('id')
				.where('area_id', 'in', below)
				.where('id', 'in', ids)
				.execute()
		: [];
	const tied = new Set(tiedRows.map((r) => r.id));
	const out = await Promise.all(
		ids.map((id) =>
			loadPublishedResults(ctx.db, id, rulesOf(ctx), ctx.locale ?? 'de', readerLabels(ctx), narrowed)
		)
	);
	return out.filter(
		(x): x is PublishedResults =>
			x !== null &&
			(tied.has(x.surveyId) ||
				x.questions.some((q) => q.breakdowns.some((b) => b.rows.some((r) => r.areaId === areaId))))
	);
}
