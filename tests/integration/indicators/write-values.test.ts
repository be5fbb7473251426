// Staged values are published only where their area and indicator still exist (an area deleted while
// an import ran takes its values with it, instead of failing the publication for good).
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import {
	finishPublication,
	publishChunk,
	PUBLISH_CHUNK
} from '../../../src/lib/server/indicators/publication';
import { stageValues, STAGE_CHUNK } from '../../../src/lib/server/indicators/write-values';
import { describeEachDatabase } from '../helpers/db';

describeEachDatabase('staged values', (get) => {
	it('are written in chunks and published only for areas that still exist', async () => {
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
		// More rows than one chunk: one real cell, the others for areas that no longer exist.
		const n = STAGE_CHUNK + 2;
		await stageValues(
			db,
			run.id,
			{
				indicatorId: Array.from({ length: n }, () => indicator.id),
				areaId: Array.from({ length: n }, (_, i) => (i === 0 ? area.id : randomUUID())),
				year: Array.from({ length: n }, () => 2024),
				value: Array.from({ length: n }, () => 1.5),
				category: Array.from({ length: n }, () => null),
				reason: Array.from({ length: n }, () => null)
			},
			false
		);
		const staged = await db
			.selectFrom('indicator_value_stage')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		expect(Number(staged.n)).toBe(n);
		await db
			.insertInto('indicator_publication')
			.values({ import_id: run.id, cleared: [], inputs_token: 'x' })
			.execute();
		// Chunks of rows whose areas are gone count as taken, so the loop reaches the end.
		let chunks = 0;
		while ((await publishChunk(db, run.id)) > 0) chunks++;
		expect(chunks).toBe(Math.ceil(n / PUBLISH_CHUNK));
		await finishPublication(db, run.id);
		const stored = await db
			.selectFrom('indicator_value')
			.select(['area_id', 'value', 'import_id', 'derived'])
			.execute();
		expect(stored).toEqual([{ area_id: area.id, value: 1.5, import_id: run.id, derived: false }]);
		expect(await db.selectFrom('indicator_value_stage').select('import_id').execute()).toEqual([]);
	});
});
