// An indicator import larger than one batch (staging and publication chunks on PGlite, write batches
// in the one transaction on PostgreSQL): a database failure in its LAST batch leaves the database as it was, and
// after a failure in a late publication chunk (PGlite, after the commit) the next start finishes the
// import with totals that add up. On both databases.
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../src/lib/server/core';
import type { DB } from '../../../src/lib/server/db/types';
import { commitIndicatorImport, suggestIndicatorImport } from '../../../src/lib/server/indicators';
import { PUBLISH_CHUNK, resumePublications } from '../../../src/lib/server/indicators/publication';
import { STAGE_CHUNK, WRITE_CHUNK } from '../../../src/lib/server/indicators/write-values';
import { readTable } from '../../../src/lib/server/imports/table-file';
import { describeEachDatabase } from '../helpers/db';

const now = new Date('2026-03-01T10:00:00Z');
const LEAVES = 60;
const COLUMNS = 100; // 6,000 values: more than one staging and one publication chunk
const MARKER = 424242;

async function importWide(db: Kysely<DB>, leaves: { key: string }[], base: number, marker = false) {
	const header = ['Schlüssel', ...Array.from({ length: COLUMNS }, (_, c) => `Anzahl ${c + 1}`)];
	const lines = leaves.map((l, r) =>
		[
			l.key,
			...Array.from({ length: COLUMNS }, (_, c) =>
				// The very last cell of the file carries the marker the failing trigger looks for.
				marker && r === leaves.length - 1 && c === COLUMNS - 1 ? MARKER : base + r + c
			)
		].join(';')
	);
	const table = await readTable(new TextEncoder().encode(`${header.join(';')}\n${lines.join('\n')}\n`));
	if (!table.ok) throw new Error(table.code);
	const s = await suggestIndicatorImport(db, table.table, 'quartier', { year: 2024 });
	if (!s.ok) throw new Error(s.code);
	const mapping = {
		...s.mapping,
		series: s.mapping.series.map((x) =>
			x.action === 'new' ? { ...x, meta: { ...x.meta, aggregation: 'sum' as const } } : x
		)
	};
	return commitIndicatorImport(
		{ db, actor: SYSTEM_ACTOR, now },
		{ fileName: 'gross.csv', table: table.table, mapping }
	);
}

/** Everything an import touches, to compare before and after. */
async function snapshot(db: Kysely<DB>) {
	const r = await sql<{
		v: string;
		values: number;
		i: number;
		runs: number;
		stage: number;
		pub: number;
		audit: number;
	}>`
		select (select md5(coalesce(string_agg(concat_ws('|', indicator_id, area_id, year, value, derived, import_id),
		                                       ',' order by indicator_id, area_id, year), ''))
		          from qk.indicator_value) as v,
		       (select count(*)::int from qk.indicator_value) as values,
		       (select count(*)::int from qk.indicator) as i,
		       (select count(*)::int from qk.import_run) as runs,
		       (select count(*)::int from qk.indicator_value_stage) as stage,
		       (select count(*)::int from qk.indicator_publication) as pub,
		       (select count(*)::int from qk.audit_log) as audit`.execute(db);
	return r.rows[0];
}

/**
 * Parents whose derived total of a sum indicator differs from the sum of their children's values, the
 * derived rows there are, and how many there should be (every Bezirk and the city, per sum indicator).
 */
async function totals(db: Kysely<DB>) {
	const expected = await sql<{ n: number }>`
		select (count(*) * 4)::int as n from qk.indicator where aggregation = 'sum'`.execute(db);
	const r = await sql<{ n: number; derived: number }>`
		with sums as (
			select v.indicator_id, a.parent_id as area_id, v.year, sum(v.value) as total
			  from qk.indicator_value v join qk.area a on a.id = v.area_id join qk.indicator i on i.id = v.indicator_id
			 where i.aggregation = 'sum' and a.parent_id is not null
			 group by v.indicator_id, a.parent_id, v.year
		)
		select count(*) filter (where p.value is distinct from s.total)::int as n, count(p.value)::int as derived
		  from sums s left join qk.indicator_value p
		    on p.indicator_id = s.indicator_id and p.area_id = s.area_id and p.year = s.year`.execute(db);
	return { wrong: r.rows[0].n, derived: r.rows[0].derived, expected: expected.rows[0].n };
}

describeEachDatabase('indicator import in batches: a late failure', (get) => {
	let leaves: { id: string; key: string }[];

	beforeAll(async () => {
		const db = get().db;
		const levels = await db
			.insertInto('area_level')
			.values([
				{ key: 'stadt', name: 'Stadt', rank: 0 },
				{ key: 'bezirk', name: 'Bezirk', rank: 1 },
				{ key: 'quartier', name: 'Quartier', rank: 2 }
			])
			.returning(['id', 'key'])
			.execute();
		const level = new Map(levels.map((l) => [l.key, l.id]));
		const city = randomUUID();
		const bezirke = [randomUUID(), randomUUID(), randomUUID()];
		await db
			.insertInto('area')
			.values([
				{ id: city, level_id: level.get('stadt')!, key: '0', name: 'Stadt' },
				...bezirke.map((id, i) => ({
					id,
					level_id: level.get('bezirk')!,
					key: `B${i}`,
					name: `Bezirk ${i}`,
					parent_id: city
				}))
			])
			.execute();
		leaves = Array.from({ length: LEAVES }, (_, i) => ({ id: randomUUID(), key: `Q${i}` }));
		await db
			.insertInto('area')
			.values(
				leaves.map((l, i) => ({
					id: l.id,
					level_id: level.get('quartier')!,
					key: l.key,
					name: `Quartier ${i}`,
					parent_id: bezirke[i % 3]
				}))
			)
			.execute();
		// A first import: the state a failed second import must leave untouched.
		const first = await importWide(db, leaves, 10);
		expect(first.ok).toBe(true);
		// Fails on the marker only, reporting how many rows the import had written before it (fires in
		// the staging table on PGlite, in the values table on PostgreSQL; ALWAYS: also where a chunk
		// skips the foreign-key triggers).
		await sql`
			create function qk.test_fail_on_marker() returns trigger language plpgsql as $$
			begin
				if new.value = ${sql.lit(MARKER)} then
					raise exception 'late batch failure after % rows',
						(select count(*) from qk.indicator_value_stage where import_id = new.import_id) +
						(select count(*) from qk.indicator_value where import_id = new.import_id);
				end if;
				return new;
			end $$`.execute(db);
		for (const table of ['indicator_value_stage', 'indicator_value']) {
			await sql
				.raw(
					`create trigger test_fail_on_marker before insert or update on qk.${table}
				for each row execute function qk.test_fail_on_marker()`
				)
				.execute(db);
			await sql.raw(`alter table qk.${table} enable always trigger test_fail_on_marker`).execute(db);
		}
	});

	it('has more values than one batch', () => {
		expect(LEAVES * COLUMNS).toBeGreaterThan(STAGE_CHUNK);
		expect(LEAVES * COLUMNS).toBeGreaterThan(PUBLISH_CHUNK);
		expect(LEAVES * COLUMNS).toBeGreaterThan(WRITE_CHUNK);
	});

	it('leaves the database as it was when the last batch fails', async () => {
		const db = get().db;
		const before = await snapshot(db);
		expect(before.i).toBe(COLUMNS);
		expect(before.stage).toBe(0);
		expect(await totals(db)).toEqual({ wrong: 0, derived: 4 * COLUMNS, expected: 4 * COLUMNS });

		const failed = importWide(db, leaves, 1000, true);
		// More than a batch of this import's rows were written when its last value failed.
		await expect(failed).rejects.toThrow(/late batch failure after (\d+) rows/);
		const message = await failed.catch((e: Error) => e.message);
		const written = Number(/after (\d+) rows/.exec(String(message))![1]);
		expect(written).toBeGreaterThanOrEqual(get().kind === 'pglite' ? STAGE_CHUNK : WRITE_CHUNK);

		expect(await snapshot(db)).toEqual(before);
		expect(await totals(db)).toEqual({ wrong: 0, derived: 4 * COLUMNS, expected: 4 * COLUMNS });
	});

	it('finishes an import whose late publication chunk failed, totals consistent (PGlite stages)', async () => {
		const database = get();
		const { db } = database;
		if (database.kind !== 'pglite') {
			// PostgreSQL writes in the commit's own transaction: the failure above is the whole story.
			expect(await sql`select count(*)::int as n from qk.indicator_publication`.execute(db)).toEqual({
				rows: [{ n: 0 }]
			});
			return;
		}
		// Staging passes, the publication (after the commit) fails at the marker in its last chunk.
		await sql`drop trigger test_fail_on_marker on qk.indicator_value_stage`.execute(db);
		await expect(importWide(db, leaves, 1000, true)).rejects.toThrow(/late batch failure/);
		const pending = await snapshot(db);
		expect(pending.pub).toBe(1);
		expect(pending.stage).toBeGreaterThan(0);
		// The next start (the fault is gone) finishes it: every value and every total of the import.
		await sql`drop trigger test_fail_on_marker on qk.indicator_value`.execute(db);
		expect(await resumePublications(db, { staleAfterSeconds: 0 })).toHaveLength(1);
		const done = await snapshot(db);
		expect(done).toMatchObject({ pub: 0, stage: 0 });
		const marker = await sql<{ n: number }>`
			select count(*)::int as n from qk.indicator_value where value = ${MARKER}`.execute(db);
		expect(marker.rows[0].n).toBe(1);
		const t = await totals(db);
		expect(t.wrong).toBe(0);
		expect(t.derived).toBe(t.expected);
		expect(t.expected).toBeGreaterThanOrEqual(4 * COLUMNS);
	});
});
