// Reads for survey results and exports: the complete responses (no account columns) with the areas of
// their area and map answers, and the current area tree with population (area.population, as the
// monitoring's profiles read it). One query per table; the counting itself is done in one pass in
// $lib/questionnaire/results.ts (10,000 × 30 in well under a second, see bench/).
import type { Kysely } from 'kysely';
import type { AnswerValue, QuestionnaireDefinition, ResponseChannel } from '../../questionnaire/definition';
import type { BreakdownArea } from '../../questionnaire/breakdown';
import type { ResultResponse } from '../../questionnaire/results';
import type { TabularArea, TabularResponse } from '../../questionnaire/tabular';
import { listAreaLevels, listAreas } from '../areas/queries';
import type { DB } from '../db/types';

export interface SurveyArea extends BreakdownArea, TabularArea {
	levelName: string;
	rank: number;
}

export interface SurveyData {
	responses: (ResultResponse & TabularResponse & { id: string })[];
	areas: SurveyArea[];
	levels: { key: string; name: string; rank: number }[];
	/** the first area question, whose answer places a response in an area */
	areaQuestion: string | null;
}

export function firstAreaQuestion(definition: QuestionnaireDefinition): string | null {
	return definition.questions.find((q) => q.type === 'area')?.key ?? null;
}

export async function loadSurveyData(
	db: Kysely<DB>,
	surveyId: string,
	definition: QuestionnaireDefinition
): Promise<SurveyData> {
	const [rows, areaRows, levelRows, links] = await Promise.all([
		db
			.selectFrom('survey_response')
			.select(['id', 'channel', 'answered_on', 'answers'])
			.where('survey_id', '=', surveyId)
			.where('complete', '=', true)
			.orderBy('answered_on')
			.orderBy('id')
			.execute(),
		listAreas(db),
		listAreaLevels(db),
		db
			.selectFrom('survey_response_area as a')
			.innerJoin('survey_response as r', 'r.id', 'a.response_id')
			.select(['a.response_id', 'a.question_key', 'a.area_id'])
			.where('r.survey_id', '=', surveyId)
			.where('r.complete', '=', true)
			.execute()
	]);
	const areas: SurveyArea[] = areaRows.map((a) => ({
		id: a.id,
		parentId: a.parentId,
		population: a.population,
		level: a.levelKey,
		levelName: a.levelName,
		rank: a.rank,
		key: a.key,
		name: a.name
	}));
	const byResponse = new Map<string, Record<string, string[]>>();
	for (const l of links) {
		const m = byResponse.get(l.response_id) ?? {};
		(m[l.question_key] ??= []).push(l.area_id);
		byResponse.set(l.response_id, m);
	}
	const areaQuestion = firstAreaQuestion(definition);
	const responses = rows.map((r) => {
		const answers = (r.answers ?? {}) as Record<string, AnswerValue>;
		const a = areaQuestion ? answers[areaQuestion] : undefined;
		return {
			id: r.id,
			channel: r.channel as ResponseChannel,
			date: String(r.answered_on).slice(0, 10),
			areaId: a?.type === 'area' ? a.areaId : null,
			answers,
			areas: byResponse.get(r.id) ?? {}
		};
	});
	return {
		responses,
		areas,
		levels: levelRows.map((l) => ({ key: l.key, name: l.name, rank: l.rank })),
		areaQuestion
	};
}
