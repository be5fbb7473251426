import { describe, expect, it } from 'vitest';
import { protectCountsBesideTotal } from '../../../src/lib/stats/suppression';

/** What someone learns from the shown counts and the published total: the sum of the hidden ones. */
function recoverable(counts: number[], total: number, k: number): boolean {
	const shown = protectCountsBesideTotal(counts, total, k);
	const hidden = counts.filter((_, i) => shown[i] === null);
	const unknown = total - shown.reduce<number>((s, n) => s + (n ?? 0), 0);
	// One hidden count with nothing else unknown, or a hidden sum below k, gives a small number away.
	return hidden.some((n) => n > 0) && unknown < k;
}

describe('protectCountsBesideTotal', () => {
	it('hides 1 … k−1 and leaves 0 and k or more', () => {
		expect(protectCountsBesideTotal([0, 3, 7], 10, 3)).toEqual([0, 3, 7]);
		expect(protectCountsBesideTotal([2, 5, 7], 20, 3)).toEqual([null, 5, 7]);
	});

	it('hides the smallest shown count too when the total would give a hidden one back', () => {
		// Everyone answered: total − 5 − 7 = the hidden 2.
		expect(protectCountsBesideTotal([2, 5, 7], 14, 3)).toEqual([null, null, 7]);
		// One person did not answer: the hidden 2 + 1 = 3 cannot be split.
		expect(protectCountsBesideTotal([2, 5, 7], 15, 3)).toEqual([null, 5, 7]);
		// Two small ones summing to less than k: a third is hidden.
		expect(protectCountsBesideTotal([1, 1, 9, 4], 15, 5)).toEqual([null, null, 9, null]);
	});

	it('leaves nothing recoverable for any counts and totals', () => {
		let seed = 11;
		const random = (n: number) => (seed = (seed * 16807) % 2147483647) % n;
		for (let run = 0; run < 2000; run++) {
			const k = 2 + random(4);
			const counts = Array.from({ length: 1 + random(6) }, () => random(12));
			const total = counts.reduce((s, n) => s + n, 0) + random(3);
			const shown = protectCountsBesideTotal(counts, total, k);
			expect(shown.filter((n) => n !== null && n > 0 && n < k)).toEqual([]);
			// Unless every count is hidden (the total itself is public), nothing small comes back.
			if (shown.some((n) => n !== null && n > 0)) expect(recoverable(counts, total, k)).toBe(false);
		}
	});
});
