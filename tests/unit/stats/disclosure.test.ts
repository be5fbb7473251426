import { describe, expect, it } from 'vitest';
import {
	countIndicators,
	decideDisclosure,
	rateCountPublishable,
	type DisclosureArea,
	type DisclosureIndicator
} from '../../../src/lib/stats';
import { populationFor } from '../../../src/lib/server/monitoring/disclosure';

const rules = { minPopulation: 1000, minCount: 3 };
const a = (id: string, parentId: string | null, population: number | null): DisclosureArea => ({
	id,
	parentId,
	population
});

describe('the one small-number decision', () => {
	const tree = [
		a('city', null, 20000),
		a('n', 'city', 9800),
		a('s', 'city', 10200),
		a('n1', 'n', 5000),
		a('n2', 'n', 800),
		a('n3', 'n', 4000),
		a('s1', 's', 6000),
		a('s2', 's', 3000),
		a('s3', 's', 1200)
	];

	it('hide a small area and, as the only hidden sibling, the next-smallest by population — for every indicator alike', () => {
		const { hidden } = decideDisclosure(tree, new Map(), rules);
		expect([...hidden]).toEqual([
			['n2', 'small_population'],
			['n3', 'secondary']
		]);
	});

	it('hide an area whose count is small in any linked number (1 … k−1, not 0), in all of them', () => {
		const counts = new Map<string, (number | null)[]>([
			['s1', [400, 2]],
			['s2', [0, 120, null]]
		]);
		const { hidden } = decideDisclosure(tree, counts, rules);
		expect(hidden.get('s1')).toBe('small_count');
		expect(hidden.has('s2')).toBe(false);
		// s1 is the only hidden child of s: the smallest sibling (s3) covers it.
		expect(hidden.get('s3')).toBe('secondary');
	});

	it('never leave a hidden parent as the sum of published children', () => {
		// Bezirk b2 is small: hidden, with b1 as cover; b1's children are all large, yet two of them are hidden.
		const areas = [
			a('city', null, 50000),
			a('b1', 'city', 30000),
			a('b2', 'city', 900),
			a('b1a', 'b1', 10000),
			a('b1b', 'b1', 12000),
			a('b1c', 'b1', 8000),
			a('b2a', 'b2', 900)
		];
		const { hidden } = decideDisclosure(areas, new Map(), rules);
		expect(hidden.get('b2')).toBe('small_population');
		expect(hidden.get('b2a')).toBe('small_population');
		expect(hidden.get('b1')).toBe('secondary');
		expect(hidden.get('b1c')).toBe('secondary');
		expect(hidden.get('b1a')).toBe('secondary');
		expect(hidden.has('b1b')).toBe(false);
		expect(hidden.has('city')).toBe(false);
	});

	it('hide an only child together with its parent (they carry the same numbers)', () => {
		const areas = [a('city', null, 50000), a('p', 'city', 20000), a('q', 'city', 30000), a('p1', 'p', 20000)];
		const { hidden } = decideDisclosure(areas, new Map([['p1', [1]]]), rules);
		expect(hidden.get('p1')).toBe('small_count');
		expect(hidden.get('p')).toBe('secondary');
		expect(hidden.get('q')).toBe('secondary');
	});

	it('keep the cover rules on random trees: no group with exactly one hidden child, no hidden parent of published children', () => {
		let seed = 7;
		const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
		for (let run = 0; run < 200; run++) {
			const areas: DisclosureArea[] = [a('r', null, 100000)];
			const counts = new Map<string, number[]>();
			for (let i = 0; i < 4; i++) {
				areas.push(a(`b${i}`, 'r', 20000));
				const n = 1 + Math.floor(random() * 4);
				for (let j = 0; j < n; j++) {
					const id = `b${i}q${j}`;
					areas.push(a(id, `b${i}`, random() < 0.2 ? 700 : 2000 + Math.floor(random() * 5000)));
					if (random() < 0.15) counts.set(id, [1 + Math.floor(random() * 2)]);
				}
			}
			const { hidden } = decideDisclosure(areas, counts, rules);
			for (const parent of areas) {
				const kids = areas.filter((x) => x.parentId === parent.id);
				if (kids.length === 0) continue;
				const n = kids.filter((k) => hidden.has(k.id)).length;
				if (kids.length > 1) expect(n).not.toBe(1);
				else expect(hidden.has(kids[0].id)).toBe(hidden.has(parent.id));
				if (hidden.has(parent.id)) expect(n).toBeGreaterThan(0);
			}
		}
	});
});

describe('counts beside rates', () => {
	const indicators: DisclosureIndicator[] = [
		{ id: 'kids', visibility: 'public', aggregation: 'sum', numeratorId: null, denominatorId: null },
		{ id: 'poor', visibility: 'internal', aggregation: 'sum', numeratorId: null, denominatorId: null },
		{ id: 'work', visibility: 'internal', aggregation: 'sum', numeratorId: null, denominatorId: null },
		{ id: 'unemployed', visibility: 'internal', aggregation: 'sum', numeratorId: null, denominatorId: null },
		{ id: 'secret', visibility: 'internal', aggregation: 'sum', numeratorId: null, denominatorId: null },
		{ id: 'poverty', visibility: 'public', aggregation: 'rate', numeratorId: 'poor', denominatorId: 'kids' },
		{
			id: 'unemployment',
			visibility: 'public',
			aggregation: 'rate',
			numeratorId: 'unemployed',
			denominatorId: 'work'
		}
	];

	it('decide count protection on public counts and on both parts of public rates', () => {
		expect([...countIndicators(indicators)].sort()).toEqual(['kids', 'poor', 'unemployed', 'work']);
	});

	it('publish the count beside a rate only when its denominator is public', () => {
		expect(rateCountPublishable(indicators[5], indicators)).toBe(true);
		expect(rateCountPublishable(indicators[6], indicators)).toBe(false);
		expect(rateCountPublishable(indicators[0], indicators)).toBe(false);
	});
});

describe('populationFor', () => {
	const points = [
		{ year: 2025, population: 1100 },
		{ year: 2021, population: 950 },
		{ year: 2023, population: 1010 }
	];
	it('take the value’s year or the latest before it', () => {
		expect(populationFor(points, 2025)).toBe(1100);
		expect(populationFor(points, 2024)).toBe(1010);
		expect(populationFor(points, 2022)).toBe(950);
	});
	it('fall back to the earliest figure when all are later, and to an undated one', () => {
		expect(populationFor(points, 2019)).toBe(950);
		expect(populationFor([{ year: null, population: 500 }, ...points], 2019)).toBe(500);
		expect(populationFor([{ year: 2025, population: null }], 2025)).toBeNull();
	});
});
