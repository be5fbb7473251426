import { describe, expect, it } from 'vitest';
import { mulberry32, randomBetween, randomInt } from '../../../src/lib/geo';

describe('mulberry32', () => {
	it('gives the same sequence for the same seed', () => {
		const a = mulberry32(42);
		const b = mulberry32(42);
		const first = Array.from({ length: 100 }, a);
		expect(Array.from({ length: 100 }, b)).toEqual(first);
	});

	it('gives a different sequence for a different seed', () => {
		const a = Array.from({ length: 10 }, mulberry32(1));
		const b = Array.from({ length: 10 }, mulberry32(2));
		expect(a).not.toEqual(b);
	});

	it('matches the reference values of mulberry32', () => {
		// Reference: the canonical mulberry32 (Tommy Ettinger) with seed 1.
		const random = mulberry32(1);
		expect(random()).toBeCloseTo(0.6270739405881613, 15);
		expect(random()).toBeCloseTo(0.002735721180215478, 15);
	});

	it('stays in [0, 1) and is roughly uniform', () => {
		const random = mulberry32(7);
		const buckets = new Array(10).fill(0);
		for (let i = 0; i < 10_000; i++) {
			const x = random();
			expect(x).toBeGreaterThanOrEqual(0);
			expect(x).toBeLessThan(1);
			buckets[Math.floor(x * 10)]++;
		}
		for (const count of buckets) expect(count).toBeGreaterThan(850);
	});

	it('randomBetween and randomInt respect their bounds', () => {
		const random = mulberry32(3);
		const ints = new Set<number>();
		for (let i = 0; i < 1000; i++) {
			const f = randomBetween(random, 5, 6);
			expect(f).toBeGreaterThanOrEqual(5);
			expect(f).toBeLessThan(6);
			ints.add(randomInt(random, 1, 3));
		}
		expect([...ints].sort()).toEqual([1, 2, 3]);
	});
});
