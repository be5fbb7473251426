import { expect, it } from 'vitest';
import { areaTree, getAreaByKey, listAreaLevels, listAreas, outlineMap } from '../../../src/lib/server/areas';
import { seedDemo } from '../../../src/lib/server/demo';
import { describeEachDatabase } from '../helpers/db';

describeEachDatabase('area queries', (get) => {
	it('return nothing (and no map) before any area exists', async () => {
		const { db } = get();
		expect(await listAreaLevels(db)).toEqual([]);
		expect(await listAreas(db)).toEqual([]);
		expect(await areaTree(db)).toEqual([]);
		expect(await outlineMap(db)).toBeNull();
		expect(await getAreaByKey(db, 'quartier', '010101')).toBeUndefined();
	});

	it('list levels top-down and areas filtered by level or parent', async () => {
		await seedDemo(get());
		const { db } = get();
		expect((await listAreaLevels(db)).map((l) => [l.key, l.rank])).toEqual([
			['stadt', 0],
			['stadtbezirk', 1],
			['stadtteil', 2],
			['quartier', 3]
		]);
		const all = await listAreas(db);
		expect(all).toHaveLength(42);
		expect(all[0]).toMatchObject({
			name: 'Musterstadt',
			levelKey: 'stadt',
			rank: 0,
			parentId: null,
			isDemo: true
		});
		const teile = await listAreas(db, { levelKey: 'stadtteil' });
		expect(teile).toHaveLength(8);
		expect(teile.map((t) => t.key)).toEqual([...teile.map((t) => t.key)].sort());
		const bezirk = (await listAreas(db, { levelKey: 'stadtbezirk' }))[0];
		const children = await listAreas(db, { parentId: bezirk.id });
		expect(children.length).toBeGreaterThan(0);
		for (const child of children) {
			expect(child.levelKey).toBe('stadtteil');
			expect(child.key.startsWith(bezirk.key)).toBe(true);
		}
		expect(bezirk.bbox).toHaveLength(4);
		expect(bezirk.populationYear).toBe(2025);
		expect(bezirk.validFrom).toBe('2025-01-01');
		// No geometry in lists: they stay small.
		expect(Object.keys(bezirk)).not.toContain('geometry');
	});

	it('find an area by level and text key, with its geometry', async () => {
		const { db } = get();
		const q = await getAreaByKey(db, 'quartier', '010101');
		expect(q).toMatchObject({ key: '010101', levelKey: 'quartier' });
		expect(q!.geometry?.type).toBe('Polygon');
		expect(await getAreaByKey(db, 'quartier', '10101')).toBeUndefined();
		expect(await getAreaByKey(db, 'stadtteil', '010101')).toBeUndefined();
	});

	it('build the tree Stadt → Stadtbezirke → Stadtteile → Quartiere', async () => {
		const tree = await areaTree(get().db);
		expect(tree).toHaveLength(1);
		const [city] = tree;
		expect(city.name).toBe('Musterstadt');
		expect(city.children).toHaveLength(3);
		const teile = city.children.flatMap((b) => b.children);
		expect(teile).toHaveLength(8);
		const quartiere = teile.flatMap((t) => t.children);
		expect(quartiere).toHaveLength(30);
		expect(quartiere.every((q) => q.children.length === 0 && q.levelKey === 'quartier')).toBe(true);
		expect(city.children.reduce((s, b) => s + b.population!, 0)).toBe(city.population);
	});

	it('list only the current version of an area; getAreaByKey returns the newest', async () => {
		const { db } = get();
		const old = await db.selectFrom('area').selectAll().where('key', '=', '010101').executeTakeFirstOrThrow();
		await db.updateTable('area').set({ valid_to: '2025-12-31' }).where('id', '=', old.id).execute();
		await db
			.insertInto('area')
			.values({
				level_id: old.level_id,
				key: old.key,
				name: `${old.name} (neu)`,
				parent_id: old.parent_id,
				population: old.population,
				valid_from: '2026-01-01',
				geometry: JSON.stringify(old.geometry),
				bbox: old.bbox
			})
			.execute();
		const quartiere = await listAreas(db, { levelKey: 'quartier' });
		expect(quartiere).toHaveLength(30);
		expect(quartiere.find((q) => q.key === '010101')!.name).toBe(`${old.name} (neu)`);
		expect((await getAreaByKey(db, 'quartier', '010101'))!.validFrom).toBe('2026-01-01');
	});

	it('draw an outline map of the finest level, grouped by Stadtbezirk', async () => {
		const map = await outlineMap(get().db, 600);
		expect(map).not.toBeNull();
		expect(map!.levelName).toBe('Quartier');
		expect(map!.width).toBe(600);
		expect(map!.viewBox).toBe(`0 0 600 ${map!.height}`);
		expect(map!.areas).toHaveLength(30);
		expect(new Set(map!.areas.map((a) => a.group))).toEqual(new Set([0, 1, 2]));
		// Borders of the 8 Stadtteile (step 1) and 3 Stadtbezirke (step 2), coarsest drawn last.
		expect(map!.borders.map((b) => b.step)).toEqual([...Array(8).fill(1), ...Array(3).fill(2)]);
		for (const a of map!.areas) {
			expect(a.d).toMatch(/^M[\d.]+ [\d.]+(L[\d.]+ [\d.]+)+Z$/);
			// The Stadtbezirk (group) is the first two digits of the key in the demo city.
			expect(
				map!.areas.filter((o) => o.group === a.group).every((o) => o.key.slice(0, 2) === a.key.slice(0, 2))
			).toBe(true);
		}
	});
});
