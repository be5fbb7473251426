// Areas of online answers without reading every area: an area or map answer names area ids, and only
// those are checked (in the response's read); the places of map answers are tested against the
// areas whose boxes they overlap (one read for all places); the areas of every level a completed
// response gets are expanded from their seeds inside the completing statement.
import { sql, type RawBuilder } from 'kysely';
import type { Kysely } from 'kysely';
import {
	assignAreas,
	contributionBbox,
	type AreaGeometry,
	type ContributionGeometry
} from '../../geo/area-assignment';
import { fromPostgresBox, toPostgresBox, type BBox } from '../../geo/bbox';
import { fieldName, type AnswerError, type Answers, type FormLike, type Question } from '../../questionnaire';
import type { DB } from '../db/types';
import type { SurveyRow } from './queries';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const str = (v: FormDataEntryValue | null | undefined): string => (typeof v === 'string' ? v.trim() : '');

/** The area ids the form names in the survey's area questions and the area fields of its map questions. */
export function namedAreaIds(survey: SurveyRow, form: FormLike): string[] {
	const ids = new Set<string>();
	for (const q of survey.definition.questions) {
		const v =
			q.type === 'area'
				? str(form.get(fieldName(q.key)))
				: q.type === 'map'
					? str(form.get(fieldName(q.key, 'area')))
					: '';
		if (UUID.test(v)) ids.add(v.toLowerCase());
	}
	return [...ids];
}

/**
 * Which of `ids` an answer of this survey may name (as `answerableAreas` decides: current areas of
 * the levels its area questions use, or every current area when it has a map question) — as an
 * array expression, to be selected in the same round trip as the response.
 */
export function answerableAreaSql(survey: SurveyRow, ids: readonly string[]): RawBuilder<string[]> {
	const levels = new Set<string>();
	let anyMap = false;
	for (const q of survey.definition.questions) {
		if (q.type === 'area') levels.add(q.level);
		if (q.type === 'map') anyMap = true;
	}
	const level = anyMap ? sql`` : sql`and l.key = any(${[...levels]}::text[])`;
	return sql<string[]>`array(
		select a.id::text from qk.area a join qk.area_level l on l.id = a.level_id
		where a.id = any(${[...ids]}::uuid[]) and a.valid_to is null ${level})`;
}

const isAreaGeometry = (g: unknown): g is AreaGeometry =>
	!!g && typeof g === 'object' && 'type' in g && (g.type === 'Polygon' || g.type === 'MultiPolygon');

const overlaps = (a: BBox, b: BBox) => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];

/**
 * For each place (by its JSON text), the current areas it touches directly (ancestors are added where
 * the areas are written): one read of the candidates whose boxes overlap any place, the exact test here.
 */
export async function touchedAreas(
	db: Kysely<DB>,
	places: readonly GeoJSON.Geometry[]
): Promise<Map<string, string[]>> {
	const byText = new Map(places.map((g) => [JSON.stringify(g), g]));
	const geometries = [...byText.values()];
	if (!geometries.length) return new Map();
	const boxes = geometries.map((g) => contributionBbox(g as ContributionGeometry));
	const rows = await db
		.selectFrom('area')
		.select(['id', 'key', 'geometry', sql<string>`bbox::text`.as('box')])
		.where('valid_to', 'is', null)
		.where('geometry', 'is not', null)
		.where(
			sql<boolean>`(${sql.join(
				boxes.map((b) => sql`bbox && ${toPostgresBox(b)}::box`),
				sql` or `
			)})`
		)
		.execute();
	const candidates = rows
		.filter((r) => isAreaGeometry(r.geometry))
		.map((r) => ({
			id: String(r.id),
			key: r.key,
			box: fromPostgresBox(r.box),
			geometry: r.geometry as unknown as AreaGeometry
		}));
	return new Map(
		geometries.map((g, i) => [
			JSON.stringify(g),
			assignAreas(
				g as ContributionGeometry,
				candidates.filter((c) => !c.box || overlaps(c.box, boxes[i]))
			).map((c) => c.id)
		])
	);
}

/** Map answers of `questions` with a place outside the city (touching none of its areas). */
export function outsideErrors(
	questions: readonly Question[],
	answers: Answers,
	touched: Map<string, string[]>
): Record<string, AnswerError> {
	const errors: Record<string, AnswerError> = {};
	for (const q of questions) {
		const a = answers[q.key];
		if (q.type !== 'map' || a?.type !== 'map') continue;
		if (a.geometries.some((g) => (touched.get(JSON.stringify(g)) ?? []).length === 0))
			errors[q.key] = { key: 'surveyMap.validation.outside' };
	}
	return errors;
}

/** The places of the map answers of `questions` in `answers`. */
export function mapGeometries(questions: readonly Question[], answers: Answers): GeoJSON.Geometry[] {
	const out: GeoJSON.Geometry[] = [];
	for (const q of questions) {
		const a = answers[q.key];
		if (q.type === 'map' && a?.type === 'map') out.push(...a.geometries);
	}
	return out;
}

/** The directly named or touched areas of a response's area and map answers: (question, area) pairs. */
export function areaSeeds(
	questions: readonly Question[],
	answers: Answers,
	touched: Map<string, string[]>
): { keys: string[]; ids: string[] } {
	const keys: string[] = [];
	const ids: string[] = [];
	const add = (key: string, id: string) => {
		if (!UUID.test(id)) return;
		keys.push(key);
		ids.push(id);
	};
	for (const q of questions) {
		const a = answers[q.key];
		if (a?.type === 'area') add(q.key, a.areaId);
		if (a?.type === 'map') {
			if (a.areaId) add(q.key, a.areaId);
			for (const g of a.geometries) for (const id of touched.get(JSON.stringify(g)) ?? []) add(q.key, id);
		}
	}
	return { keys, ids };
}

/**
 * A recursive CTE `up (question_key, id, parent_id, depth)`: the seeds that are current areas and
 * all their ancestors (as `pickedAreas`/`areasTouching` add them). Use after `with recursive`.
 */
export function responseAreasSql(seeds: { keys: string[]; ids: string[] }) {
	return sql`up (question_key, id, parent_id, depth) as (
		select s.question_key, a.id, a.parent_id, 0
		from unnest(${seeds.keys}::text[], ${seeds.ids}::uuid[]) as s (question_key, area_id)
		join qk.area a on a.id = s.area_id and a.valid_to is null
		union all
		select up.question_key, p.id, p.parent_id, up.depth + 1
		from up join qk.area p on p.id = up.parent_id where up.depth < 32
	)`;
}
