import { createHash } from 'node:crypto';
import area from '@turf/area';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { describe, expect, it } from 'vitest';
import { geometryBbox, interiorPoint } from '../../../src/lib/geo';
import { DEMO_ACCOUNTS, DEMO_QUARTER_MANAGER_AREA } from '../../../src/lib/server/demo/accounts';
import { DEMO_SEED, generateDemoCity, type DemoArea } from '../../../src/lib/server/demo/city';

const city = generateDemoCity();
const byLevel = (levelKey: string) => city.areas.filter((a) => a.levelKey === levelKey);
const parentOf = (a: DemoArea) => {
	const rank = city.levels.findIndex((l) => l.key === a.levelKey);
	return city.areas.find((p) => p.levelKey === city.levels[rank - 1]?.key && p.key === a.parentKey);
};
const hash = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

describe('Musterstadt generator', () => {
	it('has the city, 3 Stadtbezirke, 8 Stadtteile and 30 Quartiere (about 40 areas) on ranks 0–3', () => {
		expect(city.levels.map((l) => [l.key, l.rank])).toEqual([
			['stadt', 0],
			['stadtbezirk', 1],
			['stadtteil', 2],
			['quartier', 3]
		]);
		expect(byLevel('stadt').map((a) => a.name)).toEqual(['Musterstadt']);
		expect(byLevel('stadtbezirk')).toHaveLength(3);
		expect(byLevel('stadtteil')).toHaveLength(8);
		expect(byLevel('quartier')).toHaveLength(30);
		expect(city.areas).toHaveLength(42);
	});

	it('uses text keys with leading zeros that extend their parent key, and unique names', () => {
		for (const a of byLevel('stadtbezirk')) expect(a.key).toMatch(/^0\d$/);
		for (const a of byLevel('stadtteil')) expect(a.key).toMatch(/^0\d\d\d$/);
		for (const a of byLevel('quartier')) expect(a.key).toMatch(/^0\d{5}$/);
		for (const a of [...byLevel('stadtteil'), ...byLevel('quartier')])
			expect(a.key.startsWith(a.parentKey!)).toBe(true);
		const names = city.areas.map((a) => a.name);
		expect(new Set(names).size).toBe(names.length);
		expect(names).toEqual(expect.arrayContaining(['Altstadt', 'Nordviertel', 'Am Mühlenbach', 'Marktplatz']));
	});

	it('nests exactly: each child lies in its parent, and children tile the parent without gaps or overlaps', () => {
		for (const child of city.areas.slice(1)) {
			const parent = parentOf(child);
			expect(parent, `parent of ${child.key}`).toBeDefined();
			expect(booleanPointInPolygon(interiorPoint(child.geometry), parent!.geometry), child.name).toBe(true);
		}
		for (const parent of city.areas.filter((a) => a.levelKey !== 'quartier')) {
			const children = city.areas.filter((c) => c.parentKey === parent.key && parentOf(c) === parent);
			expect(children.length, parent.name).toBeGreaterThanOrEqual(2);
			const sum = children.reduce((s, c) => s + area(c.geometry), 0);
			expect(Math.abs(sum - area(parent.geometry)) / area(parent.geometry), parent.name).toBeLessThan(1e-6);
		}
	});

	it('gives every area one connected outline without holes', () => {
		for (const a of city.areas) {
			expect(a.geometry.type, a.name).toBe('Polygon');
			expect(a.geometry.coordinates, a.name).toHaveLength(1);
		}
	});

	it('lies in NRW (lon 7.0–7.3, lat 51.40–51.55) with 6-decimal coordinates and matching boxes', () => {
		const [minLon, minLat, maxLon, maxLat] = geometryBbox(byLevel('stadt')[0].geometry)!;
		expect(minLon).toBeGreaterThanOrEqual(7.0);
		expect(maxLon).toBeLessThanOrEqual(7.3);
		expect(minLat).toBeGreaterThanOrEqual(51.4);
		expect(maxLat).toBeLessThanOrEqual(51.55);
		for (const a of city.areas) {
			expect(a.bbox).toEqual(geometryBbox(a.geometry));
			for (const ring of a.geometry.coordinates as number[][][])
				for (const [x, y] of ring) {
					expect(Math.round(x * 1e6) / 1e6).toBe(x);
					expect(Math.round(y * 1e6) / 1e6).toBe(y);
				}
		}
		// About 230 km², like a mid-sized NRW city.
		expect(area(byLevel('stadt')[0].geometry) / 1e6).toBeGreaterThan(150);
		expect(area(byLevel('stadt')[0].geometry) / 1e6).toBeLessThan(350);
	});

	it('has plausible populations that sum up level by level, with a few Quartiere under 1,000', () => {
		const quartiere = byLevel('quartier');
		for (const q of quartiere) {
			expect(q.population).toBeGreaterThanOrEqual(800);
			expect(q.population).toBeLessThanOrEqual(9000);
		}
		expect(quartiere.filter((q) => q.population < 1000).length).toBeGreaterThanOrEqual(2);
		for (const parent of city.areas.filter((a) => a.levelKey !== 'quartier')) {
			const children = city.areas.filter((c) => parentOf(c) === parent);
			expect(
				children.reduce((s, c) => s + c.population, 0),
				parent.name
			).toBe(parent.population);
		}
		expect(byLevel('stadt')[0].population).toBeGreaterThan(80_000);
	});

	it('is deterministic: the same seed gives identical output, another seed a different city', () => {
		expect(hash(generateDemoCity())).toBe(hash(city));
		expect(hash(generateDemoCity(DEMO_SEED))).toBe(hash(city));
		expect(hash(generateDemoCity(DEMO_SEED + 1))).not.toBe(hash(city));
	});

	it('has one demo account per role and a Stadtteil for the quarter manager', () => {
		expect(new Set(DEMO_ACCOUNTS.map((a) => a.role)).size).toBe(6);
		expect(
			city.areas.some(
				(a) => a.levelKey === DEMO_QUARTER_MANAGER_AREA.levelKey && a.name === DEMO_QUARTER_MANAGER_AREA.name
			)
		).toBe(true);
	});
});
