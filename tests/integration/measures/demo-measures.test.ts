// The demo city's measures (issue 10: "three measures linked to them"): every demo measure links at
// least one demo idea, and what it links is public. Both databases.
import type { Kysely } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import type { DB } from '../../../src/lib/server/db/types';
import { publicItems, refKey } from '../../../src/lib/server/following';
import { areaActivity } from '../../../src/lib/server/participation/area-activity';
import { describeEachDemoDatabase } from '../helpers/demo-db';

describeEachDemoDatabase('demo measures', (get) => {
	let db: Kysely<DB>;
	beforeAll(() => {
		db = get().db;
	});

	it('links every demo measure to at least one public demo idea', async () => {
		const measures = await db
			.selectFrom('measure')
			.select(['id', 'title'])
			.where('is_demo', '=', true)
			.execute();
		expect(measures.length).toBe(3);
		for (const m of measures) {
			const links = await db
				.selectFrom('measure_link')
				.select(['item_type', 'item_id'])
				.where('measure_id', '=', m.id)
				.execute();
			const ideas = links.filter((l) => l.item_type === 'idea');
			expect(ideas.length, m.title).toBeGreaterThanOrEqual(1);
			const visible = await publicItems(
				db,
				links.map((l) => ({ itemType: l.item_type, itemId: l.item_id }))
			);
			for (const l of links) expect(visible.has(refKey(l.item_type, l.item_id)), m.title).toBe(true);
		}
	});

	it('gives the Altstadt a full roll-up, with answered contributions among the entries', async () => {
		const altstadt = await db
			.selectFrom('area')
			.innerJoin('area_level', 'area_level.id', 'area.level_id')
			.select('area.id')
			.where('area_level.key', '=', 'stadtteil')
			.where('area.name', '=', 'Altstadt')
			.where('area.is_demo', '=', true)
			.executeTakeFirstOrThrow();
		const { entries } = await areaActivity(db, altstadt.id, { pageSize: 500 });
		const kinds = new Set(entries.map((e) => e.itemType));
		for (const kind of ['consultation', 'idea', 'contribution', 'measure', 'survey'])
			expect(kinds.has(kind), kind).toBe(true);
		const answered = entries.filter((e) => e.itemType === 'contribution');
		expect(answered.length).toBeGreaterThanOrEqual(2);
	});
});
