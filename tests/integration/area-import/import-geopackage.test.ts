import fs from 'node:fs';
import { sql, type Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { formatIssue, importAreas, type AreaImportMapping } from '../../../src/lib/server/area-import';
import type { DB } from '../../../src/lib/server/db/types';
import { translator } from '../../../src/lib/i18n';
import { describeEachDatabase } from '../helpers/db';
import { SYSTEM_ACTOR } from '../../../src/lib/server/core';

const t = translator('de');
const read = (path: string) => new Uint8Array(fs.readFileSync(path));
const now = new Date('2026-11-23T12:00:00Z');
const mapping = (level: string, rank = 1): AreaImportMapping => ({
	validFrom: '2021-01-01',
	levels: [
		{
			level: { kind: 'new', name: level, rank },
			keyField: null,
			nameField: 'name',
			parent: { match: 'none' },
			populationField: null,
			populationYear: null
		}
	]
});

async function areasOf(db: Kysely<DB>, levelKey: string) {
	return db
		.selectFrom('area')
		.innerJoin('area_level', 'area_level.id', 'area.level_id')
		.select(['area.key', 'area.name', 'area.bbox'])
		.where('area_level.key', '=', levelKey)
		.orderBy('area.key')
		.execute();
}

const numbers = (box: unknown) =>
	String(box)
		.match(/-?\d+(\.\d+)?/g)!
		.map(Number);

describeEachDatabase('area import: GeoPackage (layer picked) gives the same areas as the GeoJSON', (get) => {
	it('imports the layer "bezirke" of the GeoPackage and the GeoJSON into two levels: same keys, names, places', async () => {
		const { db } = get();
		const ctx = { db, actor: SYSTEM_ACTOR, now };
		const gpkg = await importAreas(ctx, {
			bytes: read('tests/fixtures/generated/bezirke.gpkg'),
			fileName: 'bezirke.gpkg',
			mapping: mapping('Bezirk GPKG'),
			options: { layer: 'bezirke' }
		});
		if (!gpkg.ok) throw new Error(gpkg.issues.map((i) => formatIssue(t, i, null)).join('\n'));
		expect(gpkg.plan.source).toMatchObject({ format: 'geopackage', crs: { epsg: 25833 } });
		const geojson = await importAreas(ctx, {
			bytes: read('/work/shared/fixtures/berlin-mss-2021/bezirksgrenzen.geojson'),
			fileName: 'bezirksgrenzen.geojson',
			mapping: mapping('Bezirk GeoJSON', 2)
		});
		if (!geojson.ok) throw new Error(geojson.issues.map((i) => formatIssue(t, i, null)).join('\n'));
		const a = await areasOf(db, 'bezirk-gpkg');
		const b = await areasOf(db, 'bezirk-geojson');
		expect(a).toHaveLength(12);
		expect(a.map((r) => [r.key, r.name])).toEqual(b.map((r) => [r.key, r.name]));
		for (let i = 0; i < a.length; i++) {
			const [x1, y1, x2, y2] = numbers(a[i].bbox);
			const [u1, v1, u2, v2] = numbers(b[i].bbox);
			// degrees; 0.0001° is about 7–11 m (the fixture is simplified to ~1 m)
			for (const [p, q] of [
				[x1, u1],
				[y1, v1],
				[x2, u2],
				[y2, v2]
			])
				expect(Math.abs(p - q)).toBeLessThan(0.0001);
		}
	});

	it('an unknown layer or a bad file leaves the database unchanged and names the problem in German', async () => {
		const { db } = get();
		const count = async () =>
			Number((await sql<{ n: number }>`select count(*)::int as n from qk.area`.execute(db)).rows[0].n);
		const before = await count();
		const result = await importAreas(
			{ db, actor: SYSTEM_ACTOR, now },
			{
				bytes: read('tests/fixtures/generated/bezirke.gpkg'),
				fileName: 'bezirke.gpkg',
				mapping: mapping('Bezirk Falsch', 3),
				options: { layer: 'gibt_es_nicht' }
			}
		);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(formatIssue(t, result.issues[0], null)).toMatch(/Ebene „gibt_es_nicht“/);
		expect(await count()).toBe(before);
		expect(
			await db.selectFrom('area_level').select('key').where('key', '=', 'bezirk-falsch').execute()
		).toEqual([]);
	});
});
