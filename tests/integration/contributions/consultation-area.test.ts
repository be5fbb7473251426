import { beforeAll, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { interiorPoint } from '../../../src/lib/geo/polygon';
import { consultationAreaShapes } from '../../../src/lib/server/areas';
import { createContribution } from '../../../src/lib/server/contributions';
import { describeEachDemoDatabase } from '../helpers/demo-db';
import { actorFor, insertUser } from '../helpers/roles-fixtures';
import { ctxFor, insertConsultation } from './fixtures';

interface AreaRow {
	id: string;
	key: string;
	name: string;
	level: string;
	parent_id: string | null;
	geometry: unknown;
}

const OUTSIDE = 'contributions.errors.outsideConsultation';

/** Every position of a (Multi)Polygon, flattened. */
function positions(g: unknown): number[][] {
	const flat = (x: unknown): number[][] =>
		Array.isArray(x) && typeof x[0] === 'number' ? [x as number[]] : (x as unknown[]).flatMap(flat);
	return flat((g as { coordinates: unknown }).coordinates);
}

describeEachDemoDatabase('contributions inside the consultation’s areas', (get) => {
	let areas: AreaRow[];
	let stadtteil: AreaRow;
	let inside: AreaRow;
	let elsewhere: AreaRow;

	beforeAll(async () => {
		areas = (await get()
			.db.selectFrom('area')
			.innerJoin('area_level', 'area_level.id', 'area.level_id')
			.select([
				'area.id',
				'area.key',
				'area.name',
				'area_level.key as level',
				'area.parent_id',
				'area.geometry'
			])
			.where('area.valid_to', 'is', null)
			.execute()) as AreaRow[];
		const quartiere = areas.filter((a) => a.level === 'quartier');
		inside = quartiere[0];
		stadtteil = areas.find((a) => a.id === inside.parent_id)!;
		elsewhere = quartiere.find((q) => q.parent_id !== stadtteil.id)!;
	}, 60_000);

	const point = (coordinates: number[]) => JSON.stringify({ type: 'Point', coordinates });

	it('takes a point in a Quartier of the consultation’s Stadtteil and refuses one elsewhere in the city', async () => {
		const db = get().db;
		const resident = await actorFor(db, await insertUser(db));
		const c = await insertConsultation(db, { areaIds: [stadtteil.id] });
		const ok = await createContribution(ctxFor(db, resident), c.id, {
			body: 'Hier fehlt eine Bank.',
			categoryId: c.categories.Verkehr,
			geometry: point(interiorPoint(inside.geometry as Polygon))
		});
		expect(ok.ok && ok.value.areaKeys).toContain(stadtteil.key);

		const other = await createContribution(ctxFor(db, resident), c.id, {
			body: 'Anderer Stadtteil',
			categoryId: c.categories.Verkehr,
			geometry: point(interiorPoint(elsewhere.geometry as Polygon))
		});
		expect(other).toMatchObject({ ok: false, code: 'invalid', errors: { geometry: OUTSIDE } });
	});

	it('refuses a point elsewhere in Germany and one just outside the area’s edge; a line crossing in is taken', async () => {
		const db = get().db;
		const resident = await actorFor(db, await insertUser(db));
		const c = await insertConsultation(db, { areaIds: [stadtteil.id] });
		const berlin = await createContribution(ctxFor(db, resident), c.id, {
			body: 'Brandenburger Tor',
			categoryId: c.categories.Verkehr,
			geometry: point([13.3777, 52.5163])
		});
		expect(berlin).toMatchObject({ ok: false, code: 'invalid', errors: { geometry: OUTSIDE } });

		// About 35 m east of the Stadtteil's easternmost point.
		const east = positions(stadtteil.geometry).reduce((a, b) => (b[0] > a[0] ? b : a));
		const justOutside = [east[0] + 0.0005, east[1]];
		const edge = await createContribution(ctxFor(db, resident), c.id, {
			body: 'Knapp daneben',
			categoryId: c.categories.Verkehr,
			geometry: point(justOutside)
		});
		expect(edge).toMatchObject({ ok: false, code: 'invalid', errors: { geometry: OUTSIDE } });

		const crossing = await createContribution(ctxFor(db, resident), c.id, {
			body: 'Der Weg führt hinein',
			categoryId: c.categories.Verkehr,
			geometry: JSON.stringify({ type: 'LineString', coordinates: [justOutside, [east[0] - 0.001, east[1]]] })
		});
		expect(crossing.ok).toBe(true);
	});

	it('refuses a Quartier picked outside the consultation, for residents and for analog entry alike', async () => {
		const db = get().db;
		const planner = await actorFor(db, await insertUser(db, { roles: ['planner'] }));
		const c = await insertConsultation(db, { areaIds: [inside.id] });
		const resident = await actorFor(db, await insertUser(db));
		const picked = await createContribution(ctxFor(db, resident), c.id, {
			body: 'Falsches Quartier',
			categoryId: c.categories.Verkehr,
			areaIds: [elsewhere.id]
		});
		expect(picked).toMatchObject({ ok: false, code: 'invalid', errors: { areaIds: OUTSIDE } });
		const analog = await createContribution(ctxFor(db, planner), c.id, {
			body: 'Vom Papierbogen',
			categoryId: c.categories.Verkehr,
			channel: 'paper',
			collectedOn: '2026-11-20',
			geometry: point([13.3777, 52.5163])
		});
		expect(analog).toMatchObject({ ok: false, code: 'invalid', errors: { geometry: OUTSIDE } });
	});

	it('a consultation without areas takes the whole city and refuses a point outside it', async () => {
		const db = get().db;
		const resident = await actorFor(db, await insertUser(db));
		const c = await insertConsultation(db);
		const inCity = await createContribution(ctxFor(db, resident), c.id, {
			body: 'In der Stadt',
			categoryId: c.categories.Verkehr,
			geometry: point(interiorPoint(elsewhere.geometry as Polygon))
		});
		expect(inCity.ok).toBe(true);
		const berlin = await createContribution(ctxFor(db, resident), c.id, {
			body: 'Nicht in Musterstadt',
			categoryId: c.categories.Verkehr,
			geometry: point([13.3777, 52.5163])
		});
		expect(berlin).toMatchObject({ ok: false, errors: { geometry: OUTSIDE } });
	});

	it('gives the consultation’s areas as GeoJSON for the map (the city’s root areas when it names none)', async () => {
		const db = get().db;
		const c = await insertConsultation(db, { areaIds: [stadtteil.id] });
		const ids = (
			await db.selectFrom('consultation_area').select('area_id').where('consultation_id', '=', c.id).execute()
		).map((r) => r.area_id);
		const shapes = await consultationAreaShapes(db, ids);
		expect(shapes.features.map((f) => f.properties.name)).toEqual([stadtteil.name]);
		expect((shapes.features[0].geometry as { type: string }).type).toMatch(/Polygon/);
		const city = await consultationAreaShapes(db, []);
		expect(city.features.map((f) => f.id)).toEqual(areas.filter((a) => !a.parent_id).map((a) => a.id));
	});
});
