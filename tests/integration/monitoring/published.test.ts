import { beforeAll, expect, it } from 'vitest';
import {
	areasGeoJson,
	getApiValues,
	listApiIndicators,
	loadMapView,
	loadProfile,
	MapQuery,
	openApiDocument,
	publishLevel,
	listPublicIndicators
} from '../../../src/lib/server/monitoring';
import { describeEachDatabase } from '../helpers/db';
import { insertTestCity, type TestCity } from './fixtures';

const rules = { minPopulation: 1000, minCount: 3 };
// Ask the database every time (the endpoint serves a cached document for up to two seconds).
const fresh = { maxStaleMs: 0 };

describeEachDatabase('published monitoring data', (get) => {
	let city: TestCity;
	beforeAll(async () => {
		city = await insertTestCity(get().db);
	});

	it('list public indicators only, with their years', async () => {
		const indicators = await listPublicIndicators(get().db);
		expect(indicators.map((i) => i.key).sort()).toEqual(['gruen', 'kinder', 'kinderarmut']);
		expect(indicators.find((i) => i.key === 'kinderarmut')).toMatchObject({
			aggregation: 'rate',
			numeratorId: city.indicators.poor,
			years: [2023, 2024]
		});
		const api = await listApiIndicators(get().db);
		expect(api.map((i) => i.key)).not.toContain('geheim');
		expect(api.map((i) => i.key)).not.toContain('arme-kinder');
	});

	it('hide small areas and small counts, each with its next-smallest sibling, and give the city average from full data', async () => {
		const indicator = (await listPublicIndicators(get().db)).find((i) => i.key === 'kinderarmut')!;
		const level = await publishLevel(get().db, rules, { indicator, levelKey: 'quartier', year: 2024 });
		const byKey = Object.fromEntries(level.cells.map((c) => [c.key, c]));
		expect(byKey['0102']).toMatchObject({
			value: null,
			count: null,
			reason: 'small_population',
			suppressed: true
		});
		// The cover is the next-smallest sibling by population: the same for every indicator.
		expect(byKey['0103']).toMatchObject({
			value: null,
			population: null,
			reason: 'secondary',
			suppressed: true
		});
		expect(byKey['0202']).toMatchObject({ value: null, reason: 'small_count', suppressed: true });
		expect(byKey['0201']).toMatchObject({ value: null, reason: 'secondary', suppressed: true });
		expect(byKey['0101']).toMatchObject({ value: 10, count: 100, reason: null, parentKey: '01' });
		expect(byKey['0203']).toMatchObject({ value: 20, count: 280, reason: null });
		// The same areas are hidden in every indicator: the public count of children too.
		const kids = (await listPublicIndicators(get().db)).find((i) => i.key === 'kinder')!;
		const kidsLevel = await publishLevel(get().db, rules, {
			indicator: kids,
			levelKey: 'quartier',
			year: 2024
		});
		expect(kidsLevel.cells.filter((c) => c.suppressed).map((c) => c.key)).toEqual([
			'0102',
			'0103',
			'0201',
			'0202'
		]);
		// The city (root) value was computed from all Quartiere, the hidden ones included.
		expect(level.city?.key).toBe('00');
		expect(level.city?.value.value).toBeCloseTo((852 / 4900) * 100, 6);
		expect(level.city?.value.count).toBe(852);
		// One level up nothing is small.
		const bezirke = await publishLevel(get().db, rules, { indicator, levelKey: 'bezirk', year: 2024 });
		expect(bezirke.cells.map((c) => [c.key, c.suppressed, c.count])).toEqual([
			['01', false, 270],
			['02', false, 582]
		]);
	});

	it('answer the values API with suppressed values as null with a reason, and refuse internal indicators', async () => {
		const { db } = get();
		const result = await getApiValues(db, rules, 'kinderarmut', { level: 'quartier', year: 2024 });
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(Object.keys(result.value).sort()).toEqual([
			'cityAverage',
			'indicator',
			'level',
			'suppression',
			'values',
			'year'
		]);
		expect(result.value.indicator).toMatchObject({
			key: 'kinderarmut',
			unit: '%',
			source: 'Jobcenter',
			asOf: '31.12.'
		});
		expect(result.value.values).toHaveLength(6);
		expect(result.value.values.find((v) => v.key === '0102')).toEqual({
			key: '0102',
			name: 'Quartier 0102',
			parentKey: '01',
			value: null,
			category: null,
			count: null,
			reason: 'small_population'
		});
		expect(result.value.suppression).toEqual(rules);
		// By id too; the default year is the latest, the default level the finest with boundaries.
		const byId = await getApiValues(db, rules, city.indicators.rate, {});
		expect(byId.ok && [byId.value.level, byId.value.year]).toEqual(['quartier', 2024]);
		expect(await getApiValues(db, rules, 'geheim', {})).toEqual({ ok: false, code: 'unknown_indicator' });
		expect(await getApiValues(db, rules, city.indicators.secret, {})).toEqual({
			ok: false,
			code: 'unknown_indicator'
		});
		expect(await getApiValues(db, rules, 'arme-kinder', {})).toEqual({
			ok: false,
			code: 'unknown_indicator'
		});
		expect(await getApiValues(db, rules, 'kinderarmut', { level: 'land' })).toEqual({
			ok: false,
			code: 'unknown_level',
			levels: ['stadt', 'bezirk', 'quartier']
		});
		expect(await getApiValues(db, rules, 'kinderarmut', { year: 2019 })).toEqual({
			ok: false,
			code: 'unknown_year',
			years: [2023, 2024]
		});
		// Protection wins over an official placeholder (0201 covers the small count in 0202, in every
		// indicator); placeholders of published areas keep their reason (unit-tested in publish.test.ts).
		const green = await getApiValues(db, rules, 'gruen', { level: 'quartier', year: 2024 });
		expect(green.ok && green.value.values.find((v) => v.key === '0201')?.reason).toBe('secondary');
	});

	it('serve the areas as GeoJSON with a stable ETag that changes when an area changes', async () => {
		const { db } = get();
		const doc = await areasGeoJson(db, 'quartier', rules, fresh);
		expect(doc).not.toBeNull();
		const parsed = JSON.parse(new TextDecoder().decode(doc!.body));
		expect(parsed.type).toBe('FeatureCollection');
		expect(parsed.features).toHaveLength(6);
		expect(parsed.features[0]).toMatchObject({
			type: 'Feature',
			id: '0101',
			properties: {
				key: '0101',
				name: 'Quartier 0101',
				level: 'quartier',
				parentKey: '01',
				population: 5000
			},
			geometry: { type: 'Polygon' }
		});
		expect(doc!.features).toBe(6);
		// The population of a protected area is protected too (as in the map, the table, the profile).
		const props = Object.fromEntries(
			(parsed.features as { properties: { key: string } }[]).map((f) => [f.properties.key, f.properties])
		);
		expect(props['0102']).toMatchObject({ population: null, populationReason: 'small_population' });
		expect(props['0103']).toMatchObject({ population: null, populationReason: 'secondary' });
		expect(props['0101']).toMatchObject({ population: 5000, populationReason: null });
		const again = await areasGeoJson(db, 'quartier', rules, fresh);
		expect(again!.etag).toBe(doc!.etag);
		expect(again!.body).toBe(doc!.body);
		await db.updateTable('area').set({ name: 'Neuer Name' }).where('id', '=', city.areas['0102']).execute();
		// Within the revalidation window the cached document is served without asking the database …
		expect((await areasGeoJson(db, 'quartier', rules, { maxStaleMs: 60_000 }))!.etag).toBe(doc!.etag);
		// … after it, the changed row versions give a new document.
		const changed = await areasGeoJson(db, 'quartier', rules, fresh);
		expect(changed!.etag).not.toBe(doc!.etag);
		expect(new TextDecoder().decode(changed!.body)).toContain('Neuer Name');
		// A parent's new key reaches its children's parentKey.
		await db.updateTable('area').set({ key: '09' }).where('id', '=', city.areas['01']).execute();
		const reparented = JSON.parse(
			new TextDecoder().decode((await areasGeoJson(db, 'quartier', rules, fresh))!.body)
		);
		expect(reparented.features[0].properties.parentKey).toBe('09');
		await db
			.updateTable('area')
			.set({ key: '01', name: 'Nord' })
			.where('id', '=', city.areas['01'])
			.execute();
		await db
			.updateTable('area')
			.set({ name: 'Quartier 0102' })
			.where('id', '=', city.areas['0102'])
			.execute();
		expect(await areasGeoJson(db, 'land', rules, fresh)).toBeNull();
	});

	it('build the map view: defaults, classes, legend colours, and no internal indicator even when asked for', async () => {
		const { db } = get();
		const view = await loadMapView(db, rules, MapQuery.parse({}));
		expect(view.levels.map((l) => l.key)).toEqual(['stadt', 'bezirk', 'quartier']);
		expect(view.indicators.map((i) => i.key)).not.toContain('geheim');
		expect(view.selection).toMatchObject({ level: { key: 'quartier' }, year: 2024, method: 'quantile' });
		const asked = await loadMapView(
			db,
			rules,
			MapQuery.parse({ ebene: 'quartier', indikator: 'geheim', jahr: '2023', methode: 'equal' })
		);
		expect(asked.selection!.indicator.key).not.toBe('geheim');
		const chosen = await loadMapView(
			db,
			rules,
			MapQuery.parse({
				ebene: 'quartier',
				indikator: 'kinderarmut',
				jahr: '2023',
				methode: 'equal',
				sortierung: 'wert-ab'
			})
		);
		expect(chosen.selection).toMatchObject({
			year: 2023,
			method: 'equal',
			sort: { key: 'value', direction: 'descending' }
		});
		expect(chosen.counts).toEqual({ areas: 6, withValue: 2, suppressed: 4 });
		expect(chosen.legend.length).toBeGreaterThan(0);
		for (const row of chosen.rows) {
			if (row.value === null) expect(row.classIndex).toBeNull();
			else expect(chosen.legend[row.classIndex!]).toBeDefined();
		}
		// Broken parameters fall back to defaults instead of failing.
		const broken = await loadMapView(
			db,
			rules,
			MapQuery.parse({ jahr: 'x', methode: 'rot', klassen: '99', ebene: '../' })
		);
		expect(broken.selection).toMatchObject({
			level: { key: 'quartier' },
			year: 2024,
			method: 'quantile',
			classes: 5
		});
	});

	it('build an area profile: key figures against the city, domain indices, series, parent and children', async () => {
		const { db } = get();
		const profile = await loadProfile(db, rules, '0203', { jahr: 2024 });
		expect(profile).not.toBeNull();
		const p = profile!;
		expect(p.area).toMatchObject({
			key: '0203',
			levelKey: 'quartier',
			levelName: 'Quartier',
			population: 7000
		});
		expect(p.parent).toMatchObject({ key: '02', name: 'Süd', levelName: 'Stadtbezirk' });
		expect(p.children).toEqual([]);
		expect(p.years).toEqual([2023, 2024]);
		expect(p.figures.map((f) => f.indicator.key)).not.toContain('geheim');
		const rate = p.figures.find((f) => f.indicator.key === 'kinderarmut')!;
		expect(rate.area).toMatchObject({ value: 20, count: 280, suppressed: false, reason: null });
		expect(rate.city?.value).toBeCloseTo((852 / 4900) * 100, 6);
		const green = p.figures.find((f) => f.indicator.key === 'gruen')!;
		expect(green.area).toMatchObject({ value: 7, suppressed: false });
		// Domain indices from the published values of the level (0101 and 0203 are published):
		// Grünfläche 9, 7 → z(7) = −1; Kinderarmut 10 %, 20 % (higher is worse) → −1.
		expect(p.index).not.toBeNull();
		expect(p.index!.domains.find((d) => d.domain === 'wohnen_umwelt')!.value).toBeCloseTo(-1, 6);
		expect(p.index!.domains.find((d) => d.domain === 'oekonomische_situation')!.value).toBeCloseTo(-1, 6);
		expect(p.index!.indexClass).toBe('very_high_attention');
		const series = p.series.find((s) => s.indicator.key === 'kinderarmut')!;
		expect(series.points.map((pt) => pt.year)).toEqual([2023, 2024]);
		expect(series.points.map((pt) => pt.value)).toEqual([(290 / 1400) * 100, 20]);
		expect(series.points.every((pt) => pt.city !== null)).toBe(true);
		expect(p.outline?.areas.filter((a) => a.current).map((a) => a.key)).toEqual(['0203']);

		// 0201 is hidden as the sibling of the small count in 0202, exactly as on the map — heading included.
		const cover = (await loadProfile(db, rules, '0201', { jahr: 2024 }))!;
		expect(cover.area.population).toBeNull();
		expect(cover.figures.find((f) => f.indicator.key === 'kinderarmut')!.area).toMatchObject({
			value: null,
			suppressed: true,
			reason: 'secondary'
		});
		const bezirk = await loadProfile(db, rules, '02', {});
		expect(bezirk!.children.map((c) => c.key)).toEqual(['0201', '0202', '0203']);
		expect(bezirk!.figures.find((f) => f.indicator.key === 'kinderarmut')!.area).toMatchObject({
			value: (582 / 3000) * 100,
			count: 582
		});
		expect(await loadProfile(db, rules, '0203', { ebene: 'bezirk' })).toBeNull();
		expect(await loadProfile(db, rules, '9999', {})).toBeNull();
	});

	it('describe the API in an OpenAPI 3.1 document', () => {
		const doc = openApiDocument('http://localhost:3000') as {
			openapi: string;
			paths: Record<string, unknown>;
		};
		expect(doc.openapi).toBe('3.1.0');
		expect(Object.keys(doc.paths).sort()).toEqual([
			'/api/v1/areas.geojson',
			'/api/v1/indicators',
			'/api/v1/indicators/{id}/values',
			'/api/v1/openapi.json'
		]);
	});
});
