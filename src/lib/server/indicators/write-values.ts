// One multi-row statement per write: unnest(...) over parallel arrays (100,000 rows in about a second
// on PGlite; row-by-row would hold PGlite's single connection ten times as long).
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/types';

export interface ValueColumns {
	indicatorId: string[];
	areaId: string[];
	year: number[];
	value: (number | null)[];
	category: (string | null)[];
	reason: (string | null)[];
}

/**
 * Inserts values; `own` rows (imported) replace whatever is there (derived rows included), derived
 * rows never replace anything.
 */
export async function writeValues(
	db: Kysely<DB>,
	rows: ValueColumns,
	options: { derived: boolean; importId: string | null }
): Promise<void> {
	if (rows.indicatorId.length === 0) return;
	const n = rows.indicatorId.length;
	const derived = new Array<boolean>(n).fill(options.derived);
	const importIds = new Array<string | null>(n).fill(options.importId);
	const conflict = options.derived
		? sql`do nothing`
		: sql`do update set value = excluded.value, category = excluded.category, reason = excluded.reason,
			derived = false, import_id = excluded.import_id`;
	await sql`
		insert into qk.indicator_value (indicator_id, area_id, year, value, category, reason, derived, import_id)
		select * from unnest(
			${rows.indicatorId}::uuid[], ${rows.areaId}::uuid[], ${rows.year}::int[], ${rows.value}::float8[],
			${rows.category}::text[], ${rows.reason}::text[], ${derived}::bool[], ${importIds}::uuid[]
		)
		on conflict (indicator_id, area_id, year) ${conflict}`.execute(db);
}
