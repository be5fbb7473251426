// Multi-row statements: unnest(...) over parallel arrays, in batches (row-by-row would hold PGlite's
// single connection ten times as long; one statement of 100,000 rows would block the event loop while
// the driver turns its parameters into text).
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/types';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface ValueColumns {
	indicatorId: string[];
	areaId: string[];
	year: number[];
	value: (number | null)[];
	category: (string | null)[];
	reason: (string | null)[];
}

/** Rows per statement of writeValues: the driver turns each batch into text synchronously. */
export const WRITE_CHUNK = 5_000;

/**
 * Inserts values; `own` rows (imported) replace whatever is there (derived rows included), derived
 * rows never replace anything. In batches of WRITE_CHUNK rows with a turn for other requests between
 * them (call inside a transaction to make them all-or-nothing).
 */
export async function writeValues(
	db: Kysely<DB>,
	rows: ValueColumns,
	options: { derived: boolean; importId: string | null }
): Promise<void> {
	const n = rows.indicatorId.length;
	const conflict = options.derived
		? sql`do nothing`
		: sql`do update set value = excluded.value, category = excluded.category, reason = excluded.reason,
			derived = false, import_id = excluded.import_id`;
	for (let from = 0; from < n; from += WRITE_CHUNK) {
		const to = Math.min(n, from + WRITE_CHUNK);
		if (from > 0) await nextTurn();
		// Ids travel once as lists of the distinct ids, each row naming its ids by position (see stageValues).
		const indicators = positions(rows.indicatorId, from, to);
		const areas = positions(rows.areaId, from, to);
		await sql`
			insert into qk.indicator_value (indicator_id, area_id, year, value, category, reason, derived, import_id)
			select (${indicators.ids}::uuid[])[r.i], (${areas.ids}::uuid[])[r.a], r.y, r.v, r.c, r.r,
			       ${options.derived}::bool, ${options.importId}::uuid
			  from unnest(${indicators.at}::int[], ${areas.at}::int[], ${rows.year.slice(from, to)}::int[],
			              ${rows.value.slice(from, to)}::float8[], ${rows.category.slice(from, to)}::text[],
			              ${rows.reason.slice(from, to)}::text[]) as r(i, a, y, v, c, r)
			on conflict (indicator_id, area_id, year) ${conflict}`.execute(db);
	}
}

/** Rows per staging statement: each is its own short statement, so other requests get a turn between them. */
export const STAGE_CHUNK = 5_000;

/**
 * Writes rows of an import in progress to the staging table, in chunks of STAGE_CHUNK rows, each
 * its own statement (outside any transaction). Nothing reads the staging table, so a process that
 * dies here publishes nothing.
 */
export async function stageValues(
	db: Kysely<DB>,
	importId: string,
	rows: ValueColumns,
	derived: boolean
): Promise<void> {
	const n = rows.indicatorId.length;
	// Ids travel once per chunk as lists of the distinct ids, each row naming its ids by position: a
	// fraction of the bytes of two uuids per row for PGlite to copy and parse.
	for (let from = 0; from < n; from += STAGE_CHUNK) {
		const to = Math.min(n, from + STAGE_CHUNK);
		const indicators = positions(rows.indicatorId, from, to);
		const areas = positions(rows.areaId, from, to);
		await sql`
			insert into qk.indicator_value_stage (import_id, indicator_id, area_id, year, value, category, reason, derived)
			select ${importId}::uuid, (${indicators.ids}::uuid[])[r.i], (${areas.ids}::uuid[])[r.a], r.y, r.v, r.c, r.r,
			       ${derived}::bool
			  from unnest(${indicators.at}::int[], ${areas.at}::int[], ${rows.year.slice(from, to)}::int[],
			              ${rows.value.slice(from, to)}::float8[], ${rows.category.slice(from, to)}::text[],
			              ${rows.reason.slice(from, to)}::text[]) with ordinality as r(i, a, y, v, c, r, n)
			 order by r.n`.execute(db);
		await nextTurn();
	}
}

/** The distinct ids of list[from, to) and, for each row, the 1-based position of its id in them. */
function positions(list: readonly string[], from: number, to: number): { ids: string[]; at: number[] } {
	const index = new Map<string, number>();
	const ids: string[] = [];
	const at: number[] = [];
	for (let k = from; k < to; k++) {
		let p = index.get(list[k]);
		if (p === undefined) {
			ids.push(list[k]);
			index.set(list[k], (p = ids.length));
		}
		at.push(p);
	}
	return { ids, at };
}

/** Removes staging rows of imports that never finished (the process died or the commit failed). */
export async function discardStagedValues(
	db: Kysely<DB>,
	options: { importId?: string; olderThanHours?: number }
) {
	if (options.importId)
		await db.deleteFrom('indicator_value_stage').where('import_id', '=', options.importId).execute();
	if (options.olderThanHours !== undefined)
		await sql`delete from qk.indicator_value_stage
			where created_at < now() - make_interval(hours => ${options.olderThanHours}::int)`.execute(db);
}
