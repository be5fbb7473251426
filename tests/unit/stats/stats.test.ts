import { describe, expect, it } from 'vitest';
import {
	aggregateCounts,
	aggregateRates,
	classBreaks,
	classIndex,
	compositeIndex,
	indexClass,
	suppressCells,
	zScores
} from '../../../src/lib/stats';

describe('classBreaks', () => {
	const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

	it('equal intervals split the range evenly', () => {
		expect(classBreaks(values, 'equal', 3)).toEqual([1, 4, 7, 10]);
	});

	it('quantiles put about the same number of areas in each class', () => {
		const breaks = classBreaks(values, 'quantile', 5);
		expect(breaks).toHaveLength(6);
		const counts = [0, 0, 0, 0, 0];
		for (const v of values) counts[classIndex(v, breaks)!]++;
		expect(counts).toEqual([2, 2, 2, 2, 2]);
	});

	it('natural breaks (ckmeans) find the gaps between clusters', () => {
		const clustered = [1, 1.2, 1.1, 5, 5.3, 5.1, 10, 10.4, 10.2];
		expect(classBreaks(clustered, 'ckmeans', 3)).toEqual([1, 5, 10, 10.4]);
		expect(classIndex(1.2, [1, 5, 10, 10.4])).toBe(0);
		expect(classIndex(5.3, [1, 5, 10, 10.4])).toBe(1);
		expect(classIndex(10.4, [1, 5, 10, 10.4])).toBe(2);
	});

	it('standard deviation classes are centred on the mean', () => {
		const breaks = classBreaks([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 'stddev', 5);
		// mean 50, population sd ≈ 31.6: middle class 50 ± 15.8
		expect(breaks[0]).toBe(0);
		expect(breaks.at(-1)).toBe(100);
		const middle = breaks.findIndex((b) => b > 50);
		expect(breaks[middle - 1]).toBeCloseTo(50 - 15.81, 1);
		expect(breaks[middle]).toBeCloseTo(50 + 15.81, 1);
	});

	it('ignores missing values, copes with constant and empty data', () => {
		expect(classBreaks([null, 3, undefined, 3], 'quantile')).toEqual([3, 3]);
		expect(classBreaks([], 'equal')).toEqual([]);
		expect(classBreaks([null, 1, 2], 'equal', 2)).toEqual([1, 1.5, 2]);
		expect(classIndex(null, [1, 2])).toBeNull();
	});
});

describe('z-index', () => {
	it('z-standardises with the population standard deviation', () => {
		expect(zScores([2, 4, 4, 4, 5, 5, 7, 9])).toEqual([-1.5, -0.5, -0.5, -0.5, 0, 0, 1, 2]);
		expect(zScores([1, null, 3])).toEqual([-1, null, 1]);
		expect(zScores([5, 5])).toEqual([0, 0]);
	});

	it('flips indicators where high is bad, averages per domain, then across domains', () => {
		const areas = ['a', 'b', 'c'];
		const result = compositeIndex(areas, [
			{
				id: 'poverty',
				domain: 'oekonomische_situation',
				polarity: 'higher_is_worse',
				values: new Map([
					['a', 10],
					['b', 20],
					['c', 30]
				])
			},
			{
				id: 'unemployment',
				domain: 'oekonomische_situation',
				polarity: 'higher_is_worse',
				values: new Map([
					['a', 5],
					['b', 5],
					['c', 5]
				])
			},
			{
				id: 'abitur',
				domain: 'erziehung_bildung',
				polarity: 'higher_is_better',
				values: new Map([
					['a', 60],
					['b', 40],
					['c', null]
				])
			}
		]);
		const a = result.find((r) => r.areaId === 'a')!;
		const c = result.find((r) => r.areaId === 'c')!;
		// poverty z: a = -1.2247 → flipped +1.2247; unemployment constant → 0; domain mean 0.6124
		expect(a.domains.oekonomische_situation).toBeCloseTo(0.6124, 4);
		expect(a.domains.erziehung_bildung).toBeCloseTo(1, 6);
		expect(a.overall).toBeCloseTo((0.6124 + 1) / 2, 4);
		// 0.806 lies in 0.5…1
		expect(a.indexClass).toBe('good_opportunities');
		// c has no education value: its overall index rests on the economic domain alone
		expect(c.domains.erziehung_bildung).toBeNull();
		expect(c.overall).toBeCloseTo(-0.6124, 4);
		expect(c.indexClass).toBe('high_attention');
		expect(Object.is(result.find((r) => r.areaId === 'b')!.z.poverty, -0)).toBe(false);
	});

	it('classifies with the default limits at their edges', () => {
		expect(indexClass(-1)).toBe('very_high_attention');
		expect(indexClass(-0.75)).toBe('high_attention');
		expect(indexClass(-0.5)).toBe('high_attention');
		expect(indexClass(0)).toBe('average');
		expect(indexClass(0.5)).toBe('good_opportunities');
		expect(indexClass(1)).toBe('very_good_opportunities');
		expect(indexClass(null)).toBeNull();
	});
});

describe('suppressCells', () => {
	it('hides small areas and small counts', () => {
		const hidden = suppressCells([
			{ areaId: 'small', parentId: null, population: 900 },
			{ areaId: 'count', parentId: null, population: 5000, count: 2 },
			{ areaId: 'zero', parentId: null, population: 5000, count: 0 },
			{ areaId: 'fine', parentId: null, population: 5000, count: 3 }
		]);
		expect(Object.fromEntries(hidden)).toEqual({ small: 'small_population', count: 'small_count' });
	});

	it('suppresses the next-smallest sibling when exactly one child is hidden', () => {
		const hidden = suppressCells([
			{ areaId: 'q1', parentId: 's', population: 800 },
			{ areaId: 'q2', parentId: 's', population: 4000 },
			{ areaId: 'q3', parentId: 's', population: 2500 },
			{ areaId: 'q4', parentId: 't', population: 900 },
			{ areaId: 'q5', parentId: 't', population: 700 },
			{ areaId: 'q6', parentId: 't', population: 5000 }
		]);
		expect(hidden.get('q1')).toBe('small_population');
		expect(hidden.get('q3')).toBe('secondary');
		expect(hidden.has('q2')).toBe(false);
		// two hidden children already protect each other
		expect(hidden.has('q6')).toBe(false);
	});

	it('respects configured thresholds', () => {
		const hidden = suppressCells([{ areaId: 'x', parentId: null, population: 1500, count: 4 }], {
			minPopulation: 2000,
			minCount: 5
		});
		expect(hidden.get('x')).toBe('small_population');
	});
});

describe('aggregation', () => {
	it('weights a share by its own denominator', () => {
		// child poverty: 50 of 100 children, 10 of 400 children → 60/500 = 12 %, not the mean of 50 % and 2.5 %
		const [parent] = aggregateRates([
			{ areaId: 'a', parentId: 'p', numerator: 50, denominator: 100 },
			{ areaId: 'b', parentId: 'p', numerator: 10, denominator: 400 }
		]);
		expect(parent).toEqual({ areaId: 'p', numerator: 60, denominator: 500, value: 12, missingChildren: 0 });
	});

	it('reports children without data and sums counts', () => {
		const [parent] = aggregateRates([
			{ areaId: 'a', parentId: 'p', numerator: null, denominator: 10 },
			{ areaId: 'b', parentId: 'p', numerator: 0, denominator: 0 }
		]);
		expect(parent.value).toBeNull();
		expect(parent.missingChildren).toBe(1);
		expect(
			aggregateCounts([
				{ areaId: 'a', parentId: 'p', value: 3 },
				{ areaId: 'b', parentId: 'p', value: 4 },
				{ areaId: 'c', parentId: 'q', value: null }
			])
		).toEqual([
			{ areaId: 'p', value: 7, missingChildren: 0 },
			{ areaId: 'q', value: 0, missingChildren: 1 }
		]);
	});
});
