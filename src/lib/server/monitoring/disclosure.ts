// Loads what the one small-number decision (stats/disclosure.ts) needs for some years — all current
// areas with their population of that year, the counts that decide protection — and returns, per
// year, the areas hidden in every published output.
import type { Kysely } from 'kysely';
import { countIndicators, decideDisclosure, type DisclosureIndicator } from '../../stats/disclosure';
import type { SuppressionReason, SuppressionRules } from '../../stats/suppression';
import type { DB } from '../db/types';

export type HiddenAreas = ReadonlyMap<string, SuppressionReason>;

export interface PopulationPoint {
	year: number | null;
	population: number | null;
}

/**
 * The population that decides small-area protection for a value of `year`: the figure of that year or
 * the latest before it. When every known figure is later than the value's year, the earliest one is
 * the best there is and is used; figures without a year count as "always".
 */
export function populationFor(points: readonly PopulationPoint[], year: number): number | null {
	const known = points.filter((p) => p.population !== null);
	const undated = known.find((p) => p.year === null);
	const dated = known.filter((p) => p.year !== null).sort((a, b) => a.year! - b.year!);
	const before = dated.filter((p) => p.year! <= year).at(-1);
	return (before ?? undated ?? dated[0])?.population ?? null;
}

export async function listDisclosureIndicators(db: Kysely<DB>): Promise<DisclosureIndicator[]> {
	const rows = await db
		.selectFrom('indicator')
		.select(['id', 'visibility', 'aggregation', 'numerator_id', 'denominator_id'])
		.execute();
	return rows.map((r) => ({
		id: r.id,
		visibility: r.visibility as DisclosureIndicator['visibility'],
		aggregation: r.aggregation as DisclosureIndicator['aggregation'],
		numeratorId: r.aggregation === 'rate' ? r.numerator_id : null,
		// A rate's denominator, or the weight of a weighted mean ('none' with a denominator only).
		denominatorId:
			r.aggregation === 'rate' || (r.aggregation === 'none' && r.numerator_id === null)
				? r.denominator_id
				: null
	}));
}

/** Per year: area id → reason for every current area whose numbers are hidden. */
export async function loadHiddenAreas(
	db: Kysely<DB>,
	rules: SuppressionRules,
	years: readonly number[]
): Promise<Map<number, HiddenAreas>> {
	const result = new Map<number, HiddenAreas>();
	if (years.length === 0) return result;
	const [indicators, areaRows] = await Promise.all([
		listDisclosureIndicators(db),
		db
			.selectFrom('area')
			.select(['id', 'level_id', 'key', 'parent_id', 'population', 'population_year', 'valid_to'])
			.execute()
	]);
	// Earlier versions of an area (same level and key) keep their populations: a population history.
	const history = new Map<string, PopulationPoint[]>();
	for (const a of areaRows) {
		const k = `${a.level_id}|${a.key}`;
		const list = history.get(k) ?? [];
		list.push({ year: a.population_year, population: a.population });
		history.set(k, list);
	}
	const current = areaRows.filter((a) => a.valid_to === null);
	const countIds = [...countIndicators(indicators)];
	const counts = new Map<number, Map<string, (number | null)[]>>();
	if (countIds.length > 0 && current.length > 0) {
		const rows = await db
			.selectFrom('indicator_value')
			.select(['area_id', 'year', 'value'])
			.where('indicator_id', 'in', countIds)
			.where('year', 'in', [...years])
			.where(
				'area_id',
				'in',
				current.map((a) => a.id)
			)
			.execute();
		for (const r of rows) {
			const perYear = counts.get(r.year) ?? new Map<string, (number | null)[]>();
			counts.set(r.year, perYear);
			const list = perYear.get(r.area_id) ?? [];
			list.push(r.value);
			perYear.set(r.area_id, list);
		}
	}
	for (const year of new Set(years)) {
		const areas = current.map((a) => {
			const own = history.get(`${a.level_id}|${a.key}`) ?? [];
			// The current row's own figure first: older versions only fill in earlier years.
			const points = [{ year: a.population_year, population: a.population }, ...own];
			return { id: a.id, parentId: a.parent_id, population: populationFor(points, year) };
		});
		result.set(year, decideDisclosure(areas, counts.get(year) ?? new Map(), rules).hidden);
	}
	return result;
}

export async function loadHiddenAreasOfYear(
	db: Kysely<DB>,
	rules: SuppressionRules,
	year: number
): Promise<HiddenAreas> {
	return (await loadHiddenAreas(db, rules, [year])).get(year)!;
}
