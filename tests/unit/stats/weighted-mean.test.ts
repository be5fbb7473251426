import { describe, expect, it } from 'vitest';
import { deriveWeightedMeans, type TreeArea } from '../../../src/lib/stats/aggregate-tree';

const tree: TreeArea[] = [
	{ id: 'city', parentId: null },
	{ id: 'n', parentId: 'city' },
	{ id: 's', parentId: 'city' },
	{ id: 'n1', parentId: 'n' },
	{ id: 'n2', parentId: 'n' },
	{ id: 's1', parentId: 's' },
	{ id: 's2', parentId: 's' }
];

describe('weighted means up the tree', () => {
	it('weight each child by its count (e.g. residents), also two levels up', () => {
		const values = new Map([
			['n1', 10],
			['n2', 40],
			['s1', 20],
			['s2', 20]
		]);
		const weights = new Map([
			['n1', 3000],
			['n2', 1000],
			['s1', 500],
			['s2', 1500]
		]);
		const out = deriveWeightedMeans(tree, values, weights);
		expect(out.get('n')).toEqual({ value: 17.5, weight: 4000 });
		expect(out.get('s')).toEqual({ value: 20, weight: 2000 });
		// The city is weighted like the finest level: (10·3000 + 40·1000 + 20·2000) / 6000.
		expect(out.get('city')!.value).toBeCloseTo(110000 / 6000, 10);
		expect(out.has('n1')).toBe(false);
	});

	it('keep own values (and own weights) of a level, and give nothing for gaps or missing weights', () => {
		const values = new Map<string, number | null>([
			['n', 30],
			['n1', 10],
			['n2', 40],
			['s1', 20],
			['s2', null]
		]);
		const weights = new Map([
			['n', 5000],
			['n1', 3000],
			['s1', 500],
			['s2', 1500]
		]);
		const out = deriveWeightedMeans(tree, values, weights);
		expect(out.has('n')).toBe(false);
		expect(out.has('s')).toBe(false);
		expect(out.has('city')).toBe(false);
		const noWeight = deriveWeightedMeans(
			tree,
			new Map([
				['s1', 1],
				['s2', 2]
			]),
			new Map([['s1', 5]])
		);
		expect(noWeight.has('s')).toBe(false);
		const zero = deriveWeightedMeans(
			tree,
			new Map([
				['s1', 1],
				['s2', 2]
			]),
			new Map([
				['s1', 0],
				['s2', 0]
			])
		);
		expect(zero.has('s')).toBe(false);
	});
});
