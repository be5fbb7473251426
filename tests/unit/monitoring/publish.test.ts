import { describe, expect, it } from 'vitest';
import { publishCells, publishCityValue } from '../../../src/lib/server/monitoring/publish';
import type { LevelArea, RawValue } from '../../../src/lib/server/monitoring/queries';
import type { SuppressionReason } from '../../../src/lib/stats';

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
const rate = { aggregation: 'rate' as const, showsCount: true };

describe('publishing the year’s small-number decision', () => {
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
	const hidden = new Map<string, SuppressionReason>([
		['b', 'small_population'],
		['d', 'secondary']
	]);

	it('hide exactly the decided areas: value, count and population', () => {
		const byId = Object.fromEntries(
			publishCells({ indicator: rate, areas, values, numerators, hidden }).map((c) => [c.areaId, c])
		);
		expect(byId.b).toMatchObject({
			value: null,
			count: null,
			population: null,
			reason: 'small_population',
			suppressed: true
		});
		expect(byId.d).toMatchObject({ value: null, count: null, reason: 'secondary', suppressed: true });
		expect(byId.a).toMatchObject({
			value: 12,
			count: 60,
			population: 5000,
			reason: null,
			suppressed: false,
			parentKey: 'P'
		});
		expect(byId.c).toMatchObject({ value: 8, count: 32, reason: null, suppressed: false });
	});

	it('give no count beside a rate whose denominator is internal (rate × count would reveal it)', () => {
		const cells = publishCells({
			indicator: { aggregation: 'rate', showsCount: false },
			areas,
			values,
			numerators,
			hidden
		});
		expect(cells.find((c) => c.areaId === 'a')).toMatchObject({ value: 12, count: null });
	});

	it('keep official placeholders as reasons and mark areas without any row', () => {
		const cells = publishCells({
			indicator: { aggregation: 'none', showsCount: false },
			areas: [area('a', 'p', 5000), area('c', 'p', 4000), area('d', 'p', 3000)],
			values: new Map([
				['a', raw('a', 1.5)],
				['c', raw('c', null, 'unknown_or_secret')]
			]),
			numerators: new Map(),
			hidden: new Map()
		});
		expect(cells.map((c) => [c.areaId, c.value, c.reason, c.suppressed])).toEqual([
			['a', 1.5, null, false],
			['c', null, 'unknown_or_secret', false],
			['d', null, 'no_value', false]
		]);
	});

	it('protect the city value by the same decision, and give counts only for rates and sums', () => {
		const root = area('root', null, 140000);
		const none = new Map<string, SuppressionReason>();
		expect(
			publishCityValue({ indicator: rate, root, raw: raw('root', 12.7), numerator: 2310, hidden: none })
		).toEqual({ value: 12.7, category: null, count: 2310, reason: null });
		expect(
			publishCityValue({
				indicator: { aggregation: 'none', showsCount: false },
				root,
				raw: raw('root', 3),
				numerator: undefined,
				hidden: none
			})
		).toMatchObject({ value: 3, count: null });
		expect(
			publishCityValue({
				indicator: rate,
				root,
				raw: raw('root', 50),
				numerator: 1,
				hidden: new Map([['root', 'small_count']])
			})
		).toMatchObject({ value: null, count: null, reason: 'small_count' });
		expect(
			publishCityValue({ indicator: rate, root, raw: undefined, numerator: undefined, hidden: none })
		).toMatchObject({ value: null, reason: 'no_value' });
	});
});
