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

/**
 * Imported values reference areas and indicators the import has just read. When the connection may
 * (a superuser: always so on embedded PGlite), the per-row foreign-key triggers are skipped for the one
 * big insert — they cost PGlite about half of the import time — after checking every reference once,
 * with the referenced rows locked against deletion until the transaction ends. Elsewhere the normal
 * checks run. Must be called inside a transaction.
 */
export async function writeImportedValues(
	trx: Kysely<DB>,
	rows: ValueColumns,
	importId: string
): Promise<void> {
	const superuser = await sql<{ on: boolean }>`select current_setting('is_superuser') = 'on' as on`.execute(
		trx
	);
	if (!superuser.rows[0]?.on) {
		await writeValues(trx, rows, { derived: false, importId });
		return;
	}
	const areaIds = [...new Set(rows.areaId)];
	const indicatorIds = [...new Set(rows.indicatorId)];
	const found = await sql<{ areas: number; indicators: number }>`
		select (select count(*)::int from (select 1 from qk.area where id = any(${areaIds}::uuid[]) for key share) a) as areas,
		       (select count(*)::int from (select 1 from qk.indicator where id = any(${indicatorIds}::uuid[]) for key share) i) as indicators`.execute(
		trx
	);
	if (found.rows[0].areas !== areaIds.length || found.rows[0].indicators !== indicatorIds.length)
		throw new Error('indicator import: an area or indicator was deleted during the import');
	await sql`set local session_replication_role = replica`.execute(trx);
	await writeValues(trx, rows, { derived: false, importId });
	await sql`set local session_replication_role = origin`.execute(trx);
}
