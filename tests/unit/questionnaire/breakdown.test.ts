import { describe, expect, it } from 'vitest';
import { decideReach, protectBreakdown, rollUp, type BreakdownArea } from '$lib/questionnaire/breakdown';

const rules = { minCount: 3, minPopulation: 100 };
// city → two districts → three quarters each
const areas: BreakdownArea[] = [
	{ id: 'city', parentId: null, population: 60000, level: 'stadt' },
	{ id: 'd1', parentId: 'city', population: 30000, level: 'bezirk' },
	{ id: 'd2', parentId: 'city', population: 30000, level: 'bezirk' },
	...['a', 'b', 'c'].map((x, i) => ({
		id: `d1${x}`,
		parentId: 'd1',
		population: 10000 + i,
		level: 'quartier'
	})),
	...['a', 'b', 'c'].map((x, i) => ({
		id: `d2${x}`,
		parentId: 'd2',
		population: 10000 + i,
		level: 'quartier'
	}))
];

describe('decideReach', () => {
	it('rolls counts up and gives responses per 1,000 residents', () => {
		const counts = new Map([
			['d1a', 10],
			['d1b', 20],
			['d1c', 30],
			['d2a', 10],
			['d2b', 10],
			['d2c', 10]
		]);
		expect(rollUp(areas, counts).get('city')).toBe(90);
		const { reach, hidden } = decideReach(areas, counts, rules);
		expect(hidden.size).toBe(0);
		expect(reach.find((r) => r.areaId === 'd1')).toMatchObject({ responses: 60, per1000: 2 });
	});

	it('hides an area with two responses and a cover sibling, so the parent minus the others gives nothing', () => {
		const counts = new Map([
			['d1a', 2],
			['d1b', 20],
			['d1c', 30],
			['d2a', 10],
			['d2b', 10],
			['d2c', 10]
		]);
		const { reach, hidden } = decideReach(areas, counts, rules);
		expect(hidden.get('d1a')).toBe('small_count');
		expect(hidden.size).toBe(2);
		const d1 = reach.find((r) => r.areaId === 'd1')!;
		const published = reach.filter(
			(r) => r.areaId.startsWith('d1') && r.areaId !== 'd1' && r.responses !== null
		);
		// d1 − published children is the sum of two hidden areas, never one
		expect(published).toHaveLength(1);
		expect(d1.responses).toBe(52);
	});
});

describe('protectBreakdown', () => {
	const answer = (areaId: string, code: string, value?: number) => ({ areaId, codes: [code], value });
	const many = (areaId: string, code: string, n: number) =>
		Array.from({ length: n }, () => answer(areaId, code));

	it('hides small cells and enough others that no row, column or parent sum gives them back', () => {
		const answers = [
			...many('d1a', 'ja', 10),
			...many('d1a', 'nein', 2),
			...many('d1b', 'ja', 8),
			...many('d1b', 'nein', 7),
			...many('d1c', 'ja', 9),
			...many('d1c', 'nein', 6),
			...['d2a', 'd2b', 'd2c'].flatMap((a) => [...many(a, 'ja', 5), ...many(a, 'nein', 5)])
		];
		const b = protectBreakdown({
			areas,
			hiddenAreas: new Map(),
			codes: ['ja', 'nein'],
			answers,
			sumsToRow: true,
			withMean: false,
			rules
		});
		const row = (id: string) => b.rows.find((r) => r.areaId === id)!;
		expect(row('d1a').counts[1]).toBeNull();
		// row d1a: n and the other cell would give the 2 back → the "ja" cell is hidden too
		expect(row('d1a').counts[0]).toBeNull();
		// every line (row, siblings + parent) has 0 or ≥ 2 hidden cells
		for (const r of b.rows.filter((x) => x.n !== null)) {
			expect(r.counts.filter((c) => c === null).length).not.toBe(1);
		}
		for (const parent of ['d1', 'd2', 'city']) {
			const kids = b.rows.filter((r) => areas.find((a) => a.id === r.areaId)!.parentId === parent);
			for (let j = 0; j < 2; j++) {
				const line = [...kids.map((r) => r.counts[j]), b.rows.find((r) => r.areaId === parent)!.counts[j]];
				expect(line.filter((c) => c === null).length).not.toBe(1);
			}
		}
		expect(b.suppressedCells).toBeGreaterThanOrEqual(4);
		expect(row('d2a').counts).toEqual([5, 5]);
	});

	it('hides a row of an area hidden for the survey, and its scale mean', () => {
		const answers = [
			answer('d1a', '4', 4),
			answer('d1a', '4', 4),
			...['d1b', 'd1c', 'd2a', 'd2b', 'd2c'].flatMap((a) =>
				[3, 3, 3, 4, 4, 4].map((v) => answer(a, String(v), v))
			)
		];
		const { hidden } = decideReach(
			areas,
			new Map(['d1a', 'd1b', 'd1c', 'd2a', 'd2b', 'd2c'].map((a) => [a, a === 'd1a' ? 2 : 6])),
			rules
		);
		const b = protectBreakdown({
			areas,
			hiddenAreas: hidden,
			codes: ['1', '2', '3', '4', '5'],
			answers,
			sumsToRow: true,
			withMean: true,
			rules,
			level: 'quartier'
		});
		expect(b.rows).toHaveLength(6);
		const d1a = b.rows.find((r) => r.areaId === 'd1a')!;
		expect(d1a).toMatchObject({ n: null, mean: null, hidden: 'small_count' });
		expect(d1a.counts.every((c) => c === null)).toBe(true);
		const shown = b.rows.filter((r) => r.n !== null);
		expect(shown.length).toBe(4);
		expect(shown.every((r) => r.mean === 3.5)).toBe(true);
	});
});
