// Atomicity of an indicator import: values and their upward totals are staged, committed with a
// publication promise and published in chunks; whatever a dead process leaves is finished at the next
// start (resumePublications), so values and totals are never out of step for good. On both databases.
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../src/lib/server/core';
import type { DB } from '../../../src/lib/server/db/types';
import { commitIndicatorImport, suggestIndicatorImport } from '../../../src/lib/server/indicators';
import {
	finishPublication,
	publishChunk,
	resumePublications
} from '../../../src/lib/server/indicators/publication';
import { stageValues } from '../../../src/lib/server/indicators/write-values';
import { readTable } from '../../../src/lib/server/imports/table-file';
import { describeEachDatabase } from '../helpers/db';

const now = new Date('2026-03-01T10:00:00Z');
const LEAVES = 6;

async function importCsv(db: Kysely<DB>, csv: string) {
	const table = await readTable(new TextEncoder().encode(csv));
	if (!table.ok) throw new Error(table.code);
	const s = await suggestIndicatorImport(db, table.table, 'quartier', { year: 2024 });
	if (!s.ok) throw new Error(s.code);
	// The counts are summed upward.
	const mapping = {
		...s.mapping,
		series: s.mapping.series.map((x) =>
			x.action === 'new' ? { ...x, meta: { ...x.meta, aggregation: 'sum' as const } } : x
		)
	};
	const r = await commitIndicatorImport(
		{ db, actor: SYSTEM_ACTOR, now },
		{ fileName: 'test.csv', table: table.table, mapping }
	);
	if (!r.ok) throw new Error(r.code);
	return r.value;
}

async function valueOf(db: Kysely<DB>, indicatorId: string, areaId: string) {
	const row = await db
		.selectFrom('indicator_value')
		.select(['value', 'derived'])
		.where('indicator_id', '=', indicatorId)
		.where('area_id', '=', areaId)
		.where('year', '=', 2024)
		.executeTakeFirst();
	return row ?? null;
}

describeEachDatabase('indicator import: values and totals together', (get) => {
	let city: string;
	let bezirke: string[];
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
		city = randomUUID();
		bezirke = [randomUUID(), randomUUID()];
		await db
			.insertInto('area')
			.values([
				{ id: city, level_id: level.get('stadt')!, key: '0', name: 'Stadt' },
				...bezirke.map((id, i) => ({
					id,
					level_id: level.get('bezirk')!,
					key: `B${i}`,
					name: `B${i}`,
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
					name: l.key,
					parent_id: bezirke[i % 2]
				}))
			)
			.execute();
	});

	const csv = (factor: number) =>
		`Schlüssel;Einwohner\n${leaves.map((l, i) => `${l.key};${(i + 1) * factor}`).join('\n')}\n`;

	it('publishes values and their totals, leaving no staging rows', async () => {
		const db = get().db;
		const r = await importCsv(db, csv(100));
		const id = r.createdIndicators[0].id;
		// 100+300+500 in B0, 200+400+600 in B1, 2100 in the city.
		expect(await valueOf(db, id, bezirke[0])).toEqual({ value: 900, derived: true });
		expect(await valueOf(db, id, bezirke[1])).toEqual({ value: 1200, derived: true });
		expect(await valueOf(db, id, city)).toEqual({ value: 2100, derived: true });
		const left = await sql<{ s: number; p: number }>`
			select (select count(*)::int from qk.indicator_value_stage) as s,
			       (select count(*)::int from qk.indicator_publication) as p`.execute(db);
		expect(left.rows[0]).toEqual({ s: 0, p: 0 });
	});

	it('finishes a publication a dead process left half-done, totals recomputed', async () => {
		const db = get().db;
		const indicator = await db.selectFrom('indicator').select('id').executeTakeFirstOrThrow();
		// What a process that died right after its commit leaves: the run, the promise, staged values
		// (new values ×10), and staged totals computed from an older state (wrong on purpose).
		const importId = randomUUID();
		const own = {
			indicatorId: leaves.map(() => indicator.id),
			areaId: leaves.map((l) => l.id),
			year: leaves.map(() => 2024),
			value: leaves.map((_, i) => (i + 1) * 1000),
			category: leaves.map(() => null),
			reason: leaves.map(() => null)
		};
		await stageValues(db, importId, own, false);
		await stageValues(
			db,
			importId,
			{
				indicatorId: [indicator.id],
				areaId: [city],
				year: [2024],
				value: [1],
				category: [null],
				reason: [null]
			},
			true
		);
		await db
			.insertInto('import_run')
			.values({ id: importId, kind: 'indicators', file_name: 'x.csv' })
			.execute();
		await db
			.insertInto('indicator_publication')
			.values({ import_id: importId, cleared: [indicator.id], inputs_token: 'x' })
			.execute();
		// It had moved one chunk (some values) before dying: values and totals disagree now …
		expect(await publishChunk(db, importId)).toBe(LEAVES);
		expect((await valueOf(db, indicator.id, leaves[0].id))?.value).toBe(1000);
		expect((await valueOf(db, indicator.id, city))?.value).toBe(2100);
		// … until the next start finishes it.
		expect(await resumePublications(db, { staleAfterSeconds: 0 })).toEqual([importId]);
		expect(await valueOf(db, indicator.id, bezirke[0])).toEqual({ value: 9000, derived: true });
		expect(await valueOf(db, indicator.id, city)).toEqual({ value: 21000, derived: true });
		expect(await db.selectFrom('indicator_publication').select('import_id').execute()).toEqual([]);
		expect(await db.selectFrom('indicator_value_stage').select('import_id').execute()).toEqual([]);
		// Finished once: a second finisher finds nothing to do.
		expect(await finishPublication(db, importId)).toBeNull();
	});

	it('publishes nothing of an import that died before its commit', async () => {
		const db = get().db;
		const indicator = await db.selectFrom('indicator').select('id').executeTakeFirstOrThrow();
		const importId = randomUUID();
		await stageValues(
			db,
			importId,
			{
				indicatorId: [indicator.id],
				areaId: [leaves[0].id],
				year: [2024],
				value: [5],
				category: [null],
				reason: [null]
			},
			false
		);
		expect(await resumePublications(db, { staleAfterSeconds: 0 })).toEqual([]);
		expect((await valueOf(db, indicator.id, leaves[0].id))?.value).toBe(1000);
		// The next import removes staging rows older than a day.
		await sql`update qk.indicator_value_stage set created_at = now() - interval '2 days'`.execute(db);
		await importCsv(db, csv(1));
		expect(await db.selectFrom('indicator_value_stage').select('import_id').execute()).toEqual([]);
	});
});
