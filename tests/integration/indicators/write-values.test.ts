// The fast path for imported values: references are checked once (foreign-key triggers skipped only for
// the one insert, where the connection may) and the normal checks are back right after.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import {
	publishStagedValues,
	stageValues,
	writeValues,
	type ValueColumns
} from '../../../src/lib/server/indicators/write-values';
import { describeEachDatabase } from '../helpers/db';

describeEachDatabase('publishStagedValues', (get) => {
	it('refuses references to missing areas, writes valid ones, and restores the foreign-key checks', async () => {
		const { db } = get();
		const level = await db
			.insertInto('area_level')
			.values({ key: 'q', name: 'Q', rank: 9 })
			.returning('id')
			.executeTakeFirstOrThrow();
		const area = await db
			.insertInto('area')
			.values({ level_id: level.id, key: '01', name: 'A' })
			.returning('id')
			.executeTakeFirstOrThrow();
		const indicator = await db
			.insertInto('indicator')
			.values({ key: 'k', name: 'K', domain: 'basisdaten' })
			.returning('id')
			.executeTakeFirstOrThrow();
		const run = await db
			.insertInto('import_run')
			.values({ kind: 'indicators', file_name: 'x.csv' })
			.returning('id')
			.executeTakeFirstOrThrow();
		const writeImportedValues = async (trx: typeof db, values: ValueColumns, importId: string) => {
			await stageValues(trx, importId, values, false);
			await publishStagedValues(trx, importId, [], {
				areaIds: [...new Set(values.areaId)],
				indicatorIds: [...new Set(values.indicatorId)]
			});
		};
		const rows = (areaId: string) => ({
			indicatorId: [indicator.id],
			areaId: [areaId],
			year: [2024],
			value: [1.5],
			category: [null],
			reason: [null]
		});
		await expect(
			db.transaction().execute((trx) => writeImportedValues(trx, rows(randomUUID()), run.id))
		).rejects.toThrow();
		expect(await db.selectFrom('indicator_value').select('area_id').execute()).toEqual([]);

		await expect(
			db.transaction().execute(async (trx) => {
				await writeImportedValues(trx, rows(area.id), run.id);
				// Back to normal checks within the same transaction.
				await writeValues(trx, rows(randomUUID()), { derived: false, importId: null });
			})
		).rejects.toThrow(/foreign key/);
		expect(await db.selectFrom('indicator_value').select('area_id').execute()).toEqual([]);

		await db.transaction().execute((trx) => writeImportedValues(trx, rows(area.id), run.id));
		const stored = await db
			.selectFrom('indicator_value')
			.select(['area_id', 'value', 'import_id', 'derived'])
			.execute();
		expect(stored).toEqual([{ area_id: area.id, value: 1.5, import_id: run.id, derived: false }]);
		const role = await sql<{ r: string }>`select current_setting('session_replication_role') as r`.execute(
			db
		);
		expect(role.rows[0].r).toBe('origin');
	});
});
