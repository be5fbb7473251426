import { describe, expect, it } from 'vitest';
import { deriveRates, deriveSums, effectiveSums, type TreeArea } from '../../../src/lib/stats/aggregate-tree';

// city ⊃ {north ⊃ {n1, n2}, south ⊃ {s1, s2, s3}}
const areas: TreeArea[] = [
	{ id: 'city', parentId: null },
	{ id: 'north', parentId: 'city' },
	{ id: 'south', parentId: 'city' },
	{ id: 'n1', parentId: 'north' },
	{ id: 'n2', parentId: 'north' },
	{ id: 's1', parentId: 'south' },
	{ id: 's2', parentId: 'south' },
	{ id: 's3', parentId: 'south' }
];
const leaves = (values: Record<string, number | null>) => new Map(Object.entries(values));

describe('deriveSums', () => {
	it('sums counts into every level above', () => {
		const derived = deriveSums(areas, leaves({ n1: 10, n2: 5, s1: 1, s2: 2, s3: 3 }));
		expect(Object.fromEntries(derived)).toEqual({ city: 21, north: 15, south: 6 });
	});

	it('lets an area’s own value win over the sum of its children, also for the levels above', () => {
		const derived = deriveSums(areas, leaves({ n1: 10, n2: 5, s1: 1, s2: 2, s3: 3, south: 100 }));
		expect(Object.fromEntries(derived)).toEqual({ city: 115, north: 15 });
	});

	it('gives no parent value when a child has none (no silent partial sums)', () => {
		const derived = deriveSums(areas, leaves({ n1: 10, n2: 5, s1: 1, s2: null }));
		expect(Object.fromEntries(derived)).toEqual({ north: 15 });
		expect(effectiveSums(areas, leaves({ n1: 1, n2: null })).get('n2')).toBeNull();
	});
});

describe('deriveRates', () => {
	it('computes the rate at every level from summed numerator and denominator (weighted, not a mean of rates)', () => {
		const num = leaves({ n1: 1, n2: 30, s1: 2, s2: 2, s3: 2 });
		const den = leaves({ n1: 10, n2: 100, s1: 20, s2: 20, s3: 20 });
		const rates = deriveRates(areas, num, den, new Map(), 100);
		expect(rates.get('n1')!.value).toBeCloseTo(10);
		expect(rates.get('north')).toEqual({ value: (31 / 110) * 100, numerator: 31, denominator: 110 });
		expect(rates.get('city')!.value).toBeCloseTo((37 / 170) * 100);
		// The mean of the two leaf rates in the north would be 20 %, the weighted rate is 28.2 %.
		expect(rates.get('north')!.value).not.toBeCloseTo(20);
	});

	it('keeps own rate values, skips zero denominators and honours the scale', () => {
		const num = leaves({ n1: 1, n2: 0, s1: 2, s2: 2, s3: 2 });
		const den = leaves({ n1: 1000, n2: 0, s1: 20, s2: 20, s3: 20 });
		const rates = deriveRates(areas, num, den, leaves({ s1: 99 }), 1000);
		expect(rates.has('s1')).toBe(false);
		expect(rates.has('n2')).toBe(false);
		expect(rates.get('north')!.value).toBeCloseTo(1);
		expect(rates.get('south')!.value).toBeCloseTo(100);
	});
});
