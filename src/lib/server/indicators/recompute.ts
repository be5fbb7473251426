// Aggregation upward, after every indicator import and after area imports: counts ('sum') are summed
// into every parent level, rates ('rate') recomputed at every level from summed numerator and
// denominator. Own (imported) values at a level always win; derived rows carry derived = true.
// 'none' with a weight indicator (denominator_id without numerator_id: shares or index values such as
// the Berlin MSS shares) is aggregated as the weighted mean Σ value × weight / Σ weight, weighted by
// that count (residents for a population-weighted mean). Plain 'none' (z-values, class labels) is
// never aggregated.
import { sql, type Kysely } from 'kysely';
import { deriveRates, deriveSums, deriveWeightedMeans, type TreeArea } from '../../stats/aggregate-tree';
import type { DB } from '../db/types';
import { writeValues, type ValueColumns } from './write-values';

export interface RecomputeResult {
	indicators: number;
	derivedValues: number;
}

type Own = Map<number, Map<string, number | null>>;

export interface IndicatorAggregation {
	id: string;
	aggregation: string;
	numerator_id: string | null;
	denominator_id: string | null;
	scale: number;
}

export interface DerivedPlan {
	/** indicators whose derived rows are replaced */
	cleared: string[];
	/** the derived rows to write */
	out: ValueColumns;
	indicators: number;
}

const weighted = (i: IndicatorAggregation) =>
	i.aggregation === 'none' && i.numerator_id === null && i.denominator_id !== null;

/** How many source indicators are read per query (short statements let other requests in on PGlite). */
const READ_BATCH = 10;

/**
 * Computes (without writing) the derived values of the given indicators (and of every rate or weighted
 * mean built from them), or of all indicators when none are given. `overlay` holds own values that are
 * about to be written (an import in progress; they replace stored own values of the same cell), and
 * `extraIndicators` indicators that the same transaction will create.
 */
export async function planDerivedValues(
	db: Kysely<DB>,
	options: {
		indicatorIds?: readonly string[];
		overlay?: ValueColumns;
		extraIndicators?: readonly IndicatorAggregation[];
	} = {}
): Promise<DerivedPlan> {
	const all: IndicatorAggregation[] = [
		...(await db
			.selectFrom('indicator')
			.select(['id', 'aggregation', 'numerator_id', 'denominator_id', 'scale'])
			.execute()),
		...(options.extraIndicators ?? [])
	];
	const wanted = options.indicatorIds ? new Set(options.indicatorIds) : null;
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
	const set = (indicatorId: string, year: number, areaId: string, value: number | null) => {
		let byYear = own.get(indicatorId);
		if (!byYear) own.set(indicatorId, (byYear = new Map()));
		let values = byYear.get(year);
		if (!values) byYear.set(year, (values = new Map()));
		values.set(areaId, value);
	};
	const sourceList = [...sources];
	for (let i = 0; i < sourceList.length; i += READ_BATCH) {
		const rows = await db
			.selectFrom('indicator_value')
			.select(['indicator_id', 'area_id', 'year', 'value'])
			.where('indicator_id', 'in', sourceList.slice(i, i + READ_BATCH))
			.where('derived', '=', false)
			.execute();
		for (const r of rows) set(r.indicator_id, r.year, r.area_id, r.value);
		// On PGlite a query resolves without leaving the microtask queue: let timers and I/O in.
		await new Promise<void>((resolve) => setImmediate(resolve));
	}
	const overlay = options.overlay;
	if (overlay)
		for (let i = 0; i < overlay.indicatorId.length; i++)
			if (sources.has(overlay.indicatorId[i]))
				set(overlay.indicatorId[i], overlay.year[i], overlay.areaId[i], overlay.value[i]);

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
	return { cleared: [...cleared], out, indicators: targets.length };
}

/** Replaces the derived rows of the plan's indicators (call inside a transaction). */
export async function writeDerivedPlan(trx: Kysely<DB>, plan: DerivedPlan): Promise<void> {
	if (plan.cleared.length > 0)
		await trx
			.deleteFrom('indicator_value')
			.where('derived', '=', true)
			.where('indicator_id', 'in', plan.cleared)
			.execute();
	await writeValues(trx, plan.out, { derived: true, importId: null });
}

/**
 * Recomputes derived values of the given indicators (and of every rate built from them), or of all
 * indicators when none are given. Callers that change values or how they aggregate pass their own
 * transaction, so totals are never out of step with the values they are made of.
 */
export async function recomputeDerivedValues(
	db: Kysely<DB>,
	options: { indicatorIds?: readonly string[] } = {}
): Promise<RecomputeResult> {
	const run = async (trx: Kysely<DB>) => {
		await lockDerivedValues(trx);
		const plan = await planDerivedValues(trx, options);
		await writeDerivedPlan(trx, plan);
		return { indicators: plan.indicators, derivedValues: plan.out.indicatorId.length };
	};
	return db.isTransaction ? run(db) : db.transaction().execute(run);
}

/**
 * Serialises every writer of derived values (until its transaction ends), so two imports or an
 * import and a metadata change never both compute totals from a state without the other's values.
 */
export async function lockDerivedValues(trx: Kysely<DB>): Promise<void> {
	await sql`select pg_advisory_xact_lock(${DERIVED_LOCK_KEY}::bigint)`.execute(trx);
}
const DERIVED_LOCK_KEY = 7_170_011_008;

/**
 * What derived values depend on besides the values of the indicators themselves: the area tree and
 * imports (each writes an import_run) and indicator metadata (updated_at). An import computes its
 * totals outside its transaction and compares this inside, under lockDerivedValues.
 */
export async function derivedInputsToken(db: Kysely<DB>): Promise<string> {
	const row = await sql<{ token: string }>`
		select (select count(*) from qk.import_run)::text || '|' ||
		       coalesce((select max(updated_at) from qk.indicator)::text, '') || '|' ||
		       (select count(*) from qk.area)::text as token`.execute(db);
	return row.rows[0].token;
}
