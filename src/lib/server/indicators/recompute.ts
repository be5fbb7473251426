// Aggregation upward, after every indicator import and after area imports: counts ('sum') are summed
// into every parent level, rates ('rate') recomputed at every level from summed numerator and
// denominator. Own (imported) values at a level always win; derived rows carry derived = true.
// 'none' with a weight indicator (denominator_id without numerator_id: shares or index values such as
// the Berlin MSS shares) is aggregated as the weighted mean Σ value × weight / Σ weight, weighted by
// that count (residents for a population-weighted mean). Plain 'none' (z-values, class labels) is
// never aggregated.
import type { Kysely } from 'kysely';
import { deriveRates, deriveSums, deriveWeightedMeans, type TreeArea } from '../../stats/aggregate-tree';
import type { DB } from '../db/types';
import { writeValues, type ValueColumns } from './write-values';

export interface RecomputeResult {
	indicators: number;
	derivedValues: number;
}

type Own = Map<number, Map<string, number | null>>;

/**
 * Recomputes derived values of the given indicators (and of every rate built from them), or of all
 * indicators when none are given. Reads outside the transaction; deletes and inserts inside one.
 */
export async function recomputeDerivedValues(
	db: Kysely<DB>,
	options: { indicatorIds?: readonly string[] } = {}
): Promise<RecomputeResult> {
	const all = await db
		.selectFrom('indicator')
		.select(['id', 'aggregation', 'numerator_id', 'denominator_id', 'scale'])
		.execute();
	const wanted = options.indicatorIds ? new Set(options.indicatorIds) : null;
	const weighted = (i: (typeof all)[number]) =>
		i.aggregation === 'none' && i.numerator_id === null && i.denominator_id !== null;
	const targets = all.filter(
		(i) =>
			(i.aggregation === 'sum' || i.aggregation === 'rate' || weighted(i)) &&
			(wanted === null ||
				wanted.has(i.id) ||
				(i.numerator_id !== null && wanted.has(i.numerator_id)) ||
				(i.denominator_id !== null && wanted.has(i.denominator_id)))
	);
	// Derived rows of every indicator in scope go first (an indicator switched to 'none' loses them).
	const cleared = new Set<string>([...(wanted ?? all.map((i) => i.id)), ...targets.map((i) => i.id)]);
	const sources = new Set<string>();
	for (const t of targets) {
		sources.add(t.id);
		if (t.aggregation === 'rate') sources.add(t.numerator_id!);
		if (t.denominator_id !== null) sources.add(t.denominator_id);
	}

	const areas: TreeArea[] = (await db.selectFrom('area').select(['id', 'parent_id']).execute()).map((a) => ({
		id: a.id,
		parentId: a.parent_id
	}));
	const own = new Map<string, Own>();
	if (sources.size > 0) {
		const rows = await db
			.selectFrom('indicator_value')
			.select(['indicator_id', 'area_id', 'year', 'value'])
			.where('indicator_id', 'in', [...sources])
			.where('derived', '=', false)
			.execute();
		for (const r of rows) {
			let byYear = own.get(r.indicator_id);
			if (!byYear) own.set(r.indicator_id, (byYear = new Map()));
			let values = byYear.get(r.year);
			if (!values) byYear.set(r.year, (values = new Map()));
			values.set(r.area_id, r.value);
		}
	}

	const out: ValueColumns = { indicatorId: [], areaId: [], year: [], value: [], category: [], reason: [] };
	const push = (indicatorId: string, areaId: string, year: number, value: number) => {
		out.indicatorId.push(indicatorId);
		out.areaId.push(areaId);
		out.year.push(year);
		out.value.push(value);
		out.category.push(null);
		out.reason.push(null);
	};
	const empty = new Map<string, number | null>();
	for (const t of targets) {
		if (t.aggregation === 'sum') {
			for (const [year, values] of own.get(t.id) ?? [])
				for (const [areaId, value] of deriveSums(areas, values)) push(t.id, areaId, year, value);
		} else if (weighted(t)) {
			const weights = own.get(t.denominator_id!);
			for (const [year, values] of own.get(t.id) ?? []) {
				const w = weights?.get(year);
				if (!w) continue;
				for (const [areaId, m] of deriveWeightedMeans(areas, values, w)) push(t.id, areaId, year, m.value);
			}
		} else {
			const num = own.get(t.numerator_id!) ?? new Map<number, Map<string, number | null>>();
			const den = own.get(t.denominator_id!) ?? new Map<number, Map<string, number | null>>();
			const ownRates = own.get(t.id);
			for (const [year, numerators] of num) {
				const denominators = den.get(year);
				if (!denominators) continue;
				const derived = deriveRates(areas, numerators, denominators, ownRates?.get(year) ?? empty, t.scale);
				for (const [areaId, r] of derived) push(t.id, areaId, year, r.value);
			}
		}
	}

	const write = async (trx: Kysely<DB>) => {
		if (cleared.size > 0)
			await trx
				.deleteFrom('indicator_value')
				.where('derived', '=', true)
				.where('indicator_id', 'in', [...cleared])
				.execute();
		await writeValues(trx, out, { derived: true, importId: null });
	};
	// Inside a caller's transaction (e.g. the demo seed) write there; otherwise in a short one of our own.
	if (db.isTransaction) await write(db);
	else await db.transaction().execute(write);
	return { indicators: targets.length, derivedValues: out.indicatorId.length };
}
