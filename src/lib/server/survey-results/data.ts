// Reads for survey results and exports: the complete responses (no account columns) with the areas of
// their area and map answers, and the current area tree with population (area.population, as the
// monitoring's profiles read it). One query per table; the counting itself is done in one pass in
// $lib/questionnaire/results.ts (10,000 × 30 in well under a second, see bench/).
import type { Kysely } from 'kysely';
import type { AnswerValue, QuestionnaireDefinition, ResponseChannel } from '../../questionnaire/definition';
import type { BreakdownArea } from '../../questionnaire/breakdown';
import type { ResultResponse } from '../../questionnaire/results';
import type { TabularArea, TabularResponse } from '../../questionnaire/tabular';
import { areasPerGeometry, type MapGeometry } from '../../questionnaire/map-answer';
import type { AreaGeometry } from '../../geo/area-assignment';
import { listAreaLevels, listAreas } from '../areas/queries';
import type { DB } from '../db/types';

export interface SurveyArea extends BreakdownArea, TabularArea {
	levelName: string;
	rank: number;
}

export interface SurveyData {
	responses: (ResultResponse &
		TabularResponse & {
			id: string;
			/** map answers with several places: the areas of each place (see areasPerGeometry) */
			geometryAreas?: Record<string, string[][]>;
		})[];
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
	await splitMapAreas(db, definition, responses);
	return {
		responses,
		areas,
		levels: levelRows.map((l) => ({ key: l.key, name: l.name, rank: l.rank })),
		areaQuestion
	};
}

/** Map answers with several places: which of the answer's areas each place touches (shapes loaded once). */
async function splitMapAreas(
	db: Kysely<DB>,
	definition: QuestionnaireDefinition,
	responses: SurveyData['responses']
): Promise<void> {
	const keys = definition.questions.filter((q) => q.type === 'map' && q.maxFeatures > 1).map((q) => q.key);
	const many = responses.filter((r) =>
		keys.some((k) => {
			const a = r.answers[k];
			return a?.type === 'map' && a.geometries.length > 1;
		})
	);
	if (many.length === 0) return;
	const ids = [...new Set(many.flatMap((r) => keys.flatMap((k) => r.areas[k] ?? [])))];
	if (ids.length === 0) return;
	const rows = await db
		.selectFrom('area')
		.select(['id', 'parent_id', 'geometry'])
		.where('id', 'in', ids)
		.execute();
	const shapes = new Map(
		rows.map((a) => {
			const type = (a.geometry as { type?: string } | null)?.type;
			const geometry =
				type === 'Polygon' || type === 'MultiPolygon' ? (a.geometry as unknown as AreaGeometry) : null;
			return [a.id, { geometry, parentId: a.parent_id }];
		})
	);
	for (const r of many) {
		const split: Record<string, string[][]> = {};
		for (const k of keys) {
			const a = r.answers[k];
			if (a?.type === 'map' && a.geometries.length > 1)
				split[k] = areasPerGeometry(a.geometries as MapGeometry[], r.areas[k] ?? [], shapes);
		}
		r.geometryAreas = split;
	}
}
