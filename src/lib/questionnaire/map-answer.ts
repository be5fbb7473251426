// Map answers (browser-safe): the geometries a map question accepts (zod, WGS84, 2D, inside Germany,
// size limits), and the shapes the results page draws (answers on a map, reach as a choropleth).
// Whether a geometry lies inside the city (touches one of its areas) is decided on the server, where
// the area shapes are (surveys/answer.ts); the browser warns earlier with the same assignment.
import { z } from 'zod';
import { classBreaks, classIndex } from '../stats/classify';
import { paletteFor } from '../monitoring/palette';
import type { LegendClass, MapRow } from '../monitoring/types';
import type { AreaReach } from './breakdown';
import type { Answers, Question } from './definition';
import { touchesArea, type AreaGeometry, type ContributionGeometry } from '../geo/area-assignment';

/** Germany's box (as geo/projection's GERMANY_BOUNDS, without pulling proj4 into the browser). */
export const MAP_BOUNDS = { minLon: 5.5, minLat: 47.0, maxLon: 15.5, maxLat: 55.2 } as const;
/** Limits of one answer: vertices per line, per area ring, characters of the whole form field. */
export const MAP_LIMITS = { lineVertices: 500, ringVertices: 1000, jsonChars: 200_000 } as const;

const V = 'surveyMap.validation.';
const coordinate = z.number().finite();
const position = z.tuple([coordinate, coordinate]).rest(z.number());
const point = z.object({ type: z.literal('Point'), coordinates: position });
const line = z.object({
	type: z.literal('LineString'),
	coordinates: z.array(position).min(2).max(MAP_LIMITS.lineVertices)
});
const polygon = z.object({
	type: z.literal('Polygon'),
	coordinates: z
		.array(z.array(position).min(4).max(MAP_LIMITS.ringVertices))
		.length(1)
		.refine(([r]) => r[0][0] === r[r.length - 1][0] && r[0][1] === r[r.length - 1][1])
});

export type MapGeometry =
	| { type: 'Point'; coordinates: number[] }
	| { type: 'LineString'; coordinates: number[][] }
	| { type: 'Polygon'; coordinates: number[][][] };

const positionsOf = (g: MapGeometry): number[][] =>
	g.type === 'Point' ? [g.coordinates] : g.type === 'LineString' ? g.coordinates : g.coordinates[0];

export function insideGermany(g: MapGeometry): boolean {
	return positionsOf(g).every(
		([lon, lat]) =>
			lon >= MAP_BOUNDS.minLon &&
			lon <= MAP_BOUNDS.maxLon &&
			lat >= MAP_BOUNDS.minLat &&
			lat <= MAP_BOUNDS.maxLat
	);
}

/** One drawn geometry: Point, LineString or single-ring Polygon, reduced to 2D and 6 decimals. */
export const mapGeometry = z
	.discriminatedUnion('type', [point, line, polygon])
	.transform((g): MapGeometry => {
		const strip = (p: number[]) => [Math.round(p[0] * 1e6) / 1e6, Math.round(p[1] * 1e6) / 1e6];
		if (g.type === 'Point') return { type: 'Point', coordinates: strip(g.coordinates) };
		if (g.type === 'LineString') return { type: 'LineString', coordinates: g.coordinates.map(strip) };
		return { type: 'Polygon', coordinates: g.coordinates.map((r) => r.map(strip)) };
	});

export type MapGeometryError = 'invalid' | 'outside';

/**
 * Reads the JSON of the map field (an array of geometries, or one geometry): the geometries, or the
 * reason (an i18n key under surveyMap.validation).
 */
export function parseMapGeometries(
	json: string
): { ok: true; geometries: MapGeometry[] } | { ok: false; error: { key: string } } {
	const text = json.trim();
	if (!text) return { ok: true, geometries: [] };
	const fail = (e: MapGeometryError) => ({ ok: false as const, error: { key: V + e } });
	if (text.length > MAP_LIMITS.jsonChars) return fail('invalid');
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		return fail('invalid');
	}
	const list = z
		.array(mapGeometry)
		.max(50)
		.safeParse(Array.isArray(parsed) ? parsed : [parsed]);
	if (!list.success) return fail('invalid');
	if (!list.data.every(insideGermany)) return fail('outside');
	return { ok: true, geometries: list.data };
}

/** A map answer on the results map: its geometry and the names of its areas — nothing else. */
export interface MapAnswerFeature {
	type: 'Feature';
	geometry: MapGeometry;
	properties: { n: number; question: string; areas: string };
}

/** The reach of a survey as choropleth rows: responses per 1,000 residents; small numbers suppressed. */
export function reachChoropleth(reach: readonly (AreaReach & { key: string; name: string })[]): {
	rows: MapRow[];
	legend: LegendClass[];
} {
	const values = reach.map((r) => (r.hidden ? null : r.per1000));
	const breaks = classBreaks(values, 'quantile', 5);
	const palette = paletteFor('neutral', Math.max(breaks.length - 1, 1));
	const legend: LegendClass[] = [];
	for (let i = 1; i < breaks.length; i++)
		legend.push({ from: breaks[i - 1], to: breaks[i], color: palette[i - 1] });
	const rows: MapRow[] = reach.map((r) => {
		const value = r.hidden ? null : r.per1000;
		return {
			key: r.key,
			name: r.name,
			value,
			category: null,
			count: r.hidden ? null : r.responses,
			reason: r.hidden ?? (value === null ? 'missing' : null),
			suppressed: r.hidden !== null,
			classIndex: classIndex(value, breaks)
		};
	});
	return { rows, legend };
}

/** At most this many map answers are drawn on the results page (the export has them all). */
export const RESULTS_MAP_LIMIT = 2000;

/**
 * The map answers of the (filtered) responses as features: geometry, a running number, the question
 * and the names of the finest areas the place touches — no text, no date, no channel, nothing personal.
 */
export function mapAnswerFeatures(
	questions: readonly Question[],
	responses: readonly {
		answers: Answers;
		areas: Record<string, readonly string[]>;
		/** per map question: the areas of each geometry (areasPerGeometry); else the answer's areas */
		geometryAreas?: Record<string, readonly (readonly string[])[]>;
	}[],
	areas: readonly { id: string; name: string; rank: number }[],
	limit = RESULTS_MAP_LIMIT
): { features: MapAnswerFeature[]; total: number } {
	const byId = new Map(areas.map((a) => [a.id, a]));
	const mapKeys = questions.filter((q) => q.type === 'map').map((q) => q.key);
	const features: MapAnswerFeature[] = [];
	let total = 0;
	for (const r of responses)
		for (const key of mapKeys) {
			const a = r.answers[key];
			if (a?.type !== 'map') continue;
			const namesOf = (ids: readonly string[]) => {
				const touched = ids.map((id) => byId.get(id)).filter((x) => !!x);
				const finest = Math.max(-Infinity, ...touched.map((x) => x.rank));
				return [...new Set(touched.filter((x) => x.rank === finest).map((x) => x.name))]
					.sort((x, y) => x.localeCompare(y, 'de'))
					.join(', ');
			};
			a.geometries.forEach((g, i) => {
				total++;
				if (features.length >= limit) return;
				features.push({
					type: 'Feature',
					geometry: g as MapGeometry,
					properties: {
						n: features.length + 1,
						question: key,
						areas: namesOf(r.geometryAreas?.[key]?.[i] ?? r.areas[key] ?? [])
					}
				});
			});
		}
	return { features, total };
}

/**
 * The areas of each geometry of one map answer. survey_response_area keeps the areas of the whole
 * answer (every level, as they were when it was answered); a geometry's own areas are those of them
 * whose shape it touches, with their ancestors among them. Areas without a shape stay with every geometry
 * that has one of their descendants (or with all geometries when none has a shape at all).
 */
export function areasPerGeometry(
	geometries: readonly MapGeometry[],
	answerAreaIds: readonly string[],
	shapes: ReadonlyMap<string, { geometry: AreaGeometry | null; parentId: string | null }>
): string[][] {
	if (geometries.length <= 1) return geometries.map(() => [...answerAreaIds]);
	const inAnswer = new Set(answerAreaIds);
	if (!answerAreaIds.some((id) => shapes.get(id)?.geometry)) return geometries.map(() => [...answerAreaIds]);
	return geometries.map((g) => {
		const out = new Set<string>();
		for (const id of answerAreaIds) {
			const shape = shapes.get(id)?.geometry;
			if (!shape || !touchesArea(g as ContributionGeometry, shape)) continue;
			for (
				let a: string | null | undefined = id;
				a && inAnswer.has(a) && !out.has(a);
				a = shapes.get(a)?.parentId
			)
				out.add(a);
		}
		return answerAreaIds.filter((id) => out.has(id));
	});
}
