// Shares and index values weighted up the tree by a count (e.g. residents), and a whole-city value
// when the install has no city level (like Berlin: the Bezirke are the top areas).
import { beforeAll, expect, it } from 'vitest';
import { recomputeDerivedValues } from '../../../src/lib/server/indicators';
import {
	getApiValues,
	listPublicIndicators,
	loadHiddenAreas,
	loadProfile,
	publishLevel
} from '../../../src/lib/server/monitoring';
import { describeEachDatabase } from '../helpers/db';

const rules = { minPopulation: 1000, minCount: 3 };

// Bezirk → Planungsraum: [population, share (e.g. MSS "Anteil Arbeitslose"), status index]
const PLR: Record<string, [string, number, number, number]> = {
	'0101': ['01', 4000, 10, 1],
	'0102': ['01', 1000, 20, 2],
	'0201': ['02', 3000, 5, 3],
	'0202': ['02', 3000, 15, 4],
	'0301': ['03', 800, 30, 1],
	'0302': ['03', 5000, 10, 2],
	'0303': ['03', 2000, 12, 3]
};

describeEachDatabase('weighted means and the whole city without a city level', (get) => {
	const ids: Record<string, string> = {};
	beforeAll(async () => {
		const { db } = get();
		const levels = await db
			.insertInto('area_level')
			.values([
				{ key: 'bezirk', name: 'Bezirk', rank: 1 },
				{ key: 'planungsraum', name: 'Planungsraum', rank: 2 }
			])
			.returning(['id', 'key'])
			.execute();
		const level = Object.fromEntries(levels.map((l) => [l.key, l.id]));
		for (const b of ['01', '02', '03']) {
			const pop = Object.values(PLR)
				.filter((p) => p[0] === b)
				.reduce((s, p) => s + p[1], 0);
			ids[b] = (
				await db
					.insertInto('area')
					.values({
						level_id: level.bezirk,
						key: b,
						name: `Bezirk ${b}`,
						population: pop,
						population_year: 2021
					})
					.returning('id')
					.executeTakeFirstOrThrow()
			).id;
		}
		for (const [key, [parent, population]] of Object.entries(PLR))
			ids[key] = (
				await db
					.insertInto('area')
					.values({
						level_id: level.planungsraum,
						key,
						name: `PLR ${key}`,
						parent_id: ids[parent],
						population,
						population_year: 2021
					})
					.returning('id')
					.executeTakeFirstOrThrow()
			).id;
		const indicator = async (values: Record<string, unknown>) =>
			(
				await db
					.insertInto('indicator')
					.values({ domain: 'basisdaten', visibility: 'public', ...values } as never)
					.returning('id')
					.executeTakeFirstOrThrow()
			).id;
		const ew = await indicator({ key: 'ew', name: 'Einwohner', unit: 'Personen', aggregation: 'sum' });
		const share = await indicator({
			key: 'anteil-arbeitslose',
			name: 'Anteil Arbeitslose',
			unit: '%',
			aggregation: 'none',
			denominator_id: ew,
			domain: 'oekonomische_situation'
		});
		const index = await indicator({
			key: 'status-index',
			name: 'Statusindex',
			unit: '',
			aggregation: 'none'
		});
		const values = Object.entries(PLR).flatMap(([key, [, population, s, i]]) => [
			{ indicator_id: ew, area_id: ids[key], year: 2021, value: population },
			{ indicator_id: share, area_id: ids[key], year: 2021, value: s },
			{ indicator_id: index, area_id: ids[key], year: 2021, value: i }
		]);
		await db.insertInto('indicator_value').values(values).execute();
		await recomputeDerivedValues(db);
	});

	it('weight shares by their weight indicator at Bezirk level; never aggregate plain index values', async () => {
		const { db } = get();
		const rows = await db
			.selectFrom('indicator_value as v')
			.innerJoin('indicator as i', 'i.id', 'v.indicator_id')
			.innerJoin('area as a', 'a.id', 'v.area_id')
			.select(['i.key', 'a.key as area', 'v.value', 'v.derived'])
			.where('v.derived', '=', true)
			.execute();
		const derived = Object.fromEntries(rows.map((r) => [`${r.key}|${r.area}`, r.value]));
		expect(derived['anteil-arbeitslose|01']).toBeCloseTo((10 * 4000 + 20 * 1000) / 5000, 10);
		expect(derived['anteil-arbeitslose|02']).toBeCloseTo(10, 10);
		expect(derived['anteil-arbeitslose|03']).toBeCloseTo((30 * 800 + 10 * 5000 + 12 * 2000) / 7800, 10);
		expect(derived['ew|03']).toBe(7800);
		expect(Object.keys(derived).filter((k) => k.startsWith('status-index'))).toEqual([]);
	});

	it('publish a whole-city value from the top areas, and cover a lone hidden top area', async () => {
		const { db } = get();
		const indicators = await listPublicIndicators(db);
		const share = indicators.find((i) => i.key === 'anteil-arbeitslose')!;
		expect(share.weightId).toBe(indicators.find((i) => i.key === 'ew')!.id);
		const bezirke = await publishLevel(db, rules, { indicator: share, levelKey: 'bezirk', year: 2021 });
		expect(bezirke.cells.map((c) => [c.key, c.suppressed])).toEqual([
			['01', false],
			['02', false],
			['03', false]
		]);
		expect(bezirke.city).toMatchObject({ key: null, name: 'Gesamtstadt' });
		expect(bezirke.city!.value.value).toBeCloseTo(
			(10 * 4000 + 20 * 1000 + 5 * 3000 + 15 * 3000 + 30 * 800 + 10 * 5000 + 12 * 2000) / 18800,
			10
		);
		const ew = indicators.find((i) => i.key === 'ew')!;
		const api = await getApiValues(db, rules, 'ew', { level: 'planungsraum', year: 2021 });
		expect(api.ok && api.value.cityAverage).toMatchObject({ key: null, value: 18800, count: 18800 });
		// The profile compares with the same whole-city value.
		const profile = (await loadProfile(db, rules, '0101', { jahr: 2021 }, { wholeCityName: 'Berlin' }))!;
		expect(profile.city).toEqual({ key: null, name: 'Berlin' });
		const figure = profile.figures.find((f) => f.indicator.key === 'anteil-arbeitslose')!;
		expect(figure.area.value).toBe(10);
		expect(figure.city!.value).toBeCloseTo(bezirke.city!.value.value!, 10);
		// PLR 0301 is small: hidden with its next-smallest sibling, in every indicator alike.
		const plr = await publishLevel(db, rules, { indicator: ew, levelKey: 'planungsraum', year: 2021 });
		expect(plr.cells.filter((c) => c.suppressed).map((c) => c.key)).toEqual(['0301', '0303']);
		// A lone small top area would be the whole city minus the others: a second one is hidden with it.
		await db.updateTable('area').set({ population: 900 }).where('id', '=', ids['02']).execute();
		const hidden = (await loadHiddenAreas(db, rules, [2021])).get(2021)!;
		expect(hidden.get(ids['02'])).toBe('small_population');
		expect(hidden.get(ids['01'])).toBe('secondary');
		await db.updateTable('area').set({ population: 6000 }).where('id', '=', ids['02']).execute();
	});
});
