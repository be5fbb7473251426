import { describe, expect, it } from 'vitest';
import { publishCells, publishCityValue } from '../../../src/lib/server/monitoring/publish';
import type { LevelArea, RawValue } from '../../../src/lib/server/monitoring/queries';

const rules = { minPopulation: 1000, minCount: 3 };
const area = (id: string, parentId: string | null, population: number | null): LevelArea => ({
	id,
	key: id.toUpperCase(),
	name: `Gebiet ${id}`,
	levelKey: 'quartier',
	parentId,
	parentKey: parentId?.toUpperCase() ?? null,
	population,
	populationYear: 2025
});
const raw = (areaId: string, value: number | null, reason: RawValue['reason'] = null): RawValue => ({
	indicatorId: 'rate',
	areaId,
	year: 2024,
	value,
	category: null,
	reason
});

describe('publishing with small-number protection', () => {
	const areas = [area('a', 'p', 5000), area('b', 'p', 800), area('c', 'p', 4000), area('d', 'p', 3000)];
	const values = new Map([
		['a', raw('a', 12)],
		['b', raw('b', 20)],
		['c', raw('c', 8)],
		['d', raw('d', 10)]
	]);
	const numerators = new Map<string, number | null>([
		['a', 60],
		['b', 16],
		['c', 32],
		['d', 30]
	]);

	it('hide a small area and, as the only hidden sibling, the next-smallest one too', () => {
		const cells = publishCells({
			indicator: { aggregation: 'rate' },
			year: 2024,
			areas,
			values,
			numerators,
			rules
		});
		const byId = Object.fromEntries(cells.map((c) => [c.areaId, c]));
		expect(byId.b).toMatchObject({ value: null, count: null, reason: 'small_population', suppressed: true });
		// d has the smallest count (30) among the rest: suppressed secondarily.
		expect(byId.d).toMatchObject({ value: null, count: null, reason: 'secondary', suppressed: true });
		expect(byId.a).toMatchObject({ value: 12, count: 60, reason: null, suppressed: false, parentKey: 'P' });
		expect(byId.c).toMatchObject({ value: 8, count: 32, reason: null, suppressed: false });
	});

	it('hide a small count (1 … k−1) but publish a zero count', () => {
		const small = new Map(numerators).set('c', 2);
		const big = [area('a', 'p', 5000), area('c', 'p', 4000), area('d', 'p', 3000), area('e', 'p', 3000)];
		const vals = new Map(values).set('e', raw('e', 0));
		const nums = new Map(small).set('e', 0);
		const cells = publishCells({
			indicator: { aggregation: 'rate' },
			year: 2024,
			areas: big,
			values: vals,
			numerators: nums,
			rules
		});
		const byId = Object.fromEntries(cells.map((c) => [c.areaId, c]));
		expect(byId.c.reason).toBe('small_count');
		// A zero count is not protected by itself …
		const alone = publishCells({
			indicator: { aggregation: 'rate' },
			year: 2024,
			areas: [area('e', null, 3000)],
			values: vals,
			numerators: nums,
			rules
		});
		expect(alone[0]).toMatchObject({ value: 0, count: 0, suppressed: false, reason: null });
		// … but with c as the only hidden sibling, the smallest remaining count (e: 0) is hidden as well.
		expect(byId.e).toMatchObject({ value: null, count: null, suppressed: true, reason: 'secondary' });
		expect(cells.filter((c) => c.suppressed)).toHaveLength(2);
	});

	it('keep official placeholders as reasons and mark areas without any row', () => {
		const cells = publishCells({
			indicator: { aggregation: 'none' },
			year: 2024,
			areas: [area('a', 'p', 5000), area('c', 'p', 4000), area('d', 'p', 3000)],
			values: new Map([
				['a', raw('a', 1.5)],
				['c', raw('c', null, 'unknown_or_secret')]
			]),
			numerators: new Map(),
			rules
		});
		expect(cells.map((c) => [c.areaId, c.value, c.reason, c.suppressed])).toEqual([
			['a', 1.5, null, false],
			['c', null, 'unknown_or_secret', false],
			['d', null, 'no_value', false]
		]);
	});

	it('protect the city value like any single cell, and give counts only for rates and sums', () => {
		const root = area('root', null, 140000);
		expect(
			publishCityValue({
				indicator: { aggregation: 'rate' },
				year: 2024,
				root,
				raw: raw('root', 12.7),
				numerator: 2310,
				rules
			})
		).toEqual({ value: 12.7, category: null, count: 2310, reason: null });
		expect(
			publishCityValue({
				indicator: { aggregation: 'none' },
				year: 2024,
				root,
				raw: raw('root', 3),
				numerator: undefined,
				rules
			})
		).toMatchObject({ value: 3, count: null });
		expect(
			publishCityValue({
				indicator: { aggregation: 'rate' },
				year: 2024,
				root,
				raw: raw('root', 50),
				numerator: 1,
				rules
			})
		).toMatchObject({ value: null, reason: 'small_count' });
		expect(
			publishCityValue({
				indicator: { aggregation: 'rate' },
				year: 2024,
				root,
				raw: undefined,
				numerator: undefined,
				rules
			})
		).toMatchObject({ value: null, reason: 'no_value' });
	});
});
