// The demo city's indicators: seeded with the city, plausible, aggregated upward, removed with it.
import { expect, it } from 'vitest';
import { generateDemoCity, removeDemo, seedDemo } from '../../../src/lib/server/demo';
import { DEMO_INDICATORS, generateDemoIndicatorValues } from '../../../src/lib/server/demo/indicators';
import {
	getIndicatorByKey,
	indicatorYears,
	listIndicators,
	listIndicatorValues
} from '../../../src/lib/server/indicators';
import { DOMAINS } from '../../../src/lib/stats';
import { describeEachDatabase } from '../helpers/db';

function correlation(a: number[], b: number[]): number {
	const mean = (x: number[]) => x.reduce((s, v) => s + v, 0) / x.length;
	const ma = mean(a);
	const mb = mean(b);
	let num = 0;
	let da = 0;
	let db = 0;
	a.forEach((v, i) => {
		num += (v - ma) * (b[i] - mb);
		da += (v - ma) ** 2;
		db += (b[i] - mb) ** 2;
	});
	return num / Math.sqrt(da * db);
}

it('generates the same demo values on every run', () => {
	const city = generateDemoCity();
	expect(generateDemoIndicatorValues(city)).toEqual(generateDemoIndicatorValues(city));
});

describeEachDatabase('demo indicators', (get) => {
	it('seeds at least 12 indicators in all five domains over 2021–2025, marked as demo', async () => {
		await seedDemo(get());
		const indicators = await listIndicators(get().db);
		expect(indicators.length).toBe(DEMO_INDICATORS.length);
		expect(indicators.length).toBeGreaterThanOrEqual(12);
		expect(new Set(indicators.map((i) => i.domain))).toEqual(new Set(DOMAINS));
		expect(indicators.every((i) => i.isDemo && i.source.includes('(fiktiv)'))).toBe(true);
		expect(indicators.some((i) => i.visibility === 'internal')).toBe(true);
		expect(indicators.filter((i) => i.inCompositeIndex).length).toBeGreaterThanOrEqual(5);
		const kinderarmut = (await getIndicatorByKey(get().db, 'kinderarmut'))!;
		expect(await indicatorYears(get().db, kinderarmut.id)).toEqual([2021, 2022, 2023, 2024, 2025]);
	});

	it('derives child poverty at every level as summed numerator over summed denominator', async () => {
		const kinderarmut = (await getIndicatorByKey(get().db, 'kinderarmut'))!;
		for (const levelKey of ['quartier', 'stadtteil', 'stadtbezirk', 'stadt']) {
			const rows = await listIndicatorValues(get().db, { indicatorId: kinderarmut.id, levelKey, year: 2024 });
			expect(rows.length).toBeGreaterThan(0);
			for (const r of rows) {
				expect(r).toMatchObject({ hasValue: true, derived: true });
				expect(r.value).toBeCloseTo((r.count! / r.denominator!) * 100, 10);
			}
		}
		const [city] = await listIndicatorValues(get().db, {
			indicatorId: kinderarmut.id,
			levelKey: 'stadt',
			year: 2024
		});
		expect(city.value).toBeGreaterThan(5);
		expect(city.value).toBeLessThan(40);
		// Population of 2025 equals the areas' population at every level.
		const einwohner = (await getIndicatorByKey(get().db, 'einwohner'))!;
		for (const levelKey of ['quartier', 'stadtteil', 'stadtbezirk', 'stadt'])
			for (const r of await listIndicatorValues(get().db, {
				indicatorId: einwohner.id,
				levelKey,
				year: 2025
			}))
				expect(r.value).toBe(r.population);
	});

	it('is spatially plausible: poverty and school success go against each other, and a small count exists', async () => {
		const read = async (key: string) => {
			const indicator = (await getIndicatorByKey(get().db, key))!;
			return (
				await listIndicatorValues(get().db, { indicatorId: indicator.id, levelKey: 'quartier', year: 2025 })
			).map((r) => r.value!);
		};
		const poverty = await read('kinderarmut');
		expect(correlation(poverty, await read('hochschulreife'))).toBeLessThan(-0.5);
		expect(correlation(poverty, await read('sgb-ii-anteil'))).toBeGreaterThan(0.7);
		expect(Math.max(...poverty)).toBeGreaterThan(2 * Math.min(...poverty));
		const language = await read('sprachfoerderbedarf-anzahl');
		expect(language.some((v) => v > 0 && v < 3)).toBe(true);
	});

	it('removes the demo indicators and their values with the demo', async () => {
		await removeDemo(get());
		expect(await listIndicators(get().db)).toEqual([]);
		const left = await get().db.selectFrom('indicator_value').select('area_id').limit(1).execute();
		expect(left).toEqual([]);
	});
});
