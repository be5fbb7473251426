// Results of one survey for organisers and for publishing: the pure counting of
// $lib/questionnaire/results.ts and the protected per-area numbers of $lib/questionnaire/breakdown.ts
// over the data of data.ts. No SQL here beyond what data.ts read.
import { decideReach, protectBreakdown, type AreaReach, type Breakdown } from '../../questionnaire/breakdown';
import { mapAnswerFeatures, type MapAnswerFeature } from '../../questionnaire/map-answer';
import type { Question, QuestionnaireDefinition } from '../../questionnaire/definition';
import {
	answerableQuestions,
	answerCodes,
	codesOf,
	computeResults,
	matchesFilter,
	type ResultFilter,
	type SurveyResults
} from '../../questionnaire/results';
import type { SuppressionRules } from '../../stats/suppression';
import type { SurveyArea, SurveyData } from './data';

/** Question types that can be broken down by area (one or more codes per answer). */
export const BREAKDOWN_TYPES = ['single_choice', 'multiple_choice', 'yes_no', 'scale'] as const;

export function canBreakDown(q: Question): boolean {
	return (BREAKDOWN_TYPES as readonly string[]).includes(q.type);
}

export function descendantsOf(areas: readonly SurveyArea[]): (id: string) => Set<string> {
	const children = new Map<string, string[]>();
	for (const a of areas)
		if (a.parentId) children.set(a.parentId, [...(children.get(a.parentId) ?? []), a.id]);
	return (id) => {
		const out = new Set<string>();
		const stack = [id];
		while (stack.length) {
			const cur = stack.pop()!;
			if (out.has(cur)) continue;
			out.add(cur);
			stack.push(...(children.get(cur) ?? []));
		}
		return out;
	};
}

export interface ReachRow extends AreaReach {
	key: string;
	name: string;
	level: string;
}

export interface SurveyResultsView {
	results: SurveyResults;
	reach: ReachRow[];
	breakdown: (Breakdown & { question: string; level: string }) | null;
	/** the filtered responses' map answers (area names only), for the results map and its table */
	mapAnswers: { features: MapAnswerFeature[]; total: number };
}

export function computeSurveyResults(
	definition: QuestionnaireDefinition,
	data: SurveyData,
	options: { filter?: ResultFilter; rules: SuppressionRules; breakdown?: { question: string; level: string } }
): SurveyResultsView {
	const descendants = descendantsOf(data.areas);
	const filter = options.filter ?? {};
	const keep = matchesFilter(filter, descendants);
	const kept = data.responses.filter(keep);
	const results = computeResults(definition, kept, {
		areaIdsAtLevel: (level) => data.areas.filter((a) => a.level === level).map((a) => a.id)
	});
	const counts = new Map<string, number>();
	for (const r of kept) if (r.areaId) counts.set(r.areaId, (counts.get(r.areaId) ?? 0) + 1);
	const { hidden, reach } = decideReach(data.areas, counts, options.rules);
	const byId = new Map(data.areas.map((a) => [a.id, a]));
	const reachRows = reach.map((r) => {
		const a = byId.get(r.areaId)!;
		return { ...r, key: a.key, name: a.name, level: a.level };
	});
	let breakdown: SurveyResultsView['breakdown'] = null;
	const q = options.breakdown
		? answerableQuestions(definition).find((x) => x.key === options.breakdown!.question)
		: undefined;
	if (q && canBreakDown(q) && options.breakdown) {
		const answers = kept
			.filter((r) => r.answers[q.key]?.type === q.type)
			.map((r) => {
				const a = r.answers[q.key];
				return { areaId: r.areaId, codes: codesOf(a), value: a.type === 'scale' ? a.value : null };
			});
		breakdown = {
			question: q.key,
			level: options.breakdown.level,
			...protectBreakdown({
				areas: data.areas,
				hiddenAreas: hidden,
				codes: answerCodes(q),
				answers,
				sumsToRow: q.type !== 'multiple_choice',
				withMean: q.type === 'scale',
				rules: options.rules,
				level: options.breakdown.level
			})
		};
	}
	const mapAnswers = mapAnswerFeatures(definition.questions, kept, data.areas);
	return { results, reach: reachRows, breakdown, mapAnswers };
}
