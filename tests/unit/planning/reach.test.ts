// The reach table's small-number decision (incl. differencing across channels, siblings and levels),
// the category table and the outreach rule.
import { describe, expect, it } from 'vitest';
import { protectCategoryCounts, mergeCategoryCounts } from '../../../src/lib/planning/categories';
import { outreachHref, outreachSuggestions } from '../../../src/lib/planning/outreach';
import {
	buildReachRows,
	emptyCounts,
	shownCounts,
	shownTotal,
	type ReachCounts,
	type ReachRow
} from '../../../src/lib/planning/reach';
import { niceMax, scatterLayout } from '../../../src/lib/planning/scatter';
import { metricValue, reachViewRow } from '../../../src/lib/planning/view';

const K = 3;

function counts(partial: Partial<Record<keyof ReachCounts, [number, number]>>): ReachCounts {
	const c = emptyCounts();
	for (const [f, [online, analog]] of Object.entries(partial)) c[f as keyof ReachCounts] = { online, analog };
	return c;
}

// city ⊃ district D ⊃ quarters Q1, Q2, Q3; city ⊃ district E ⊃ quarter Q4 (only child)
const tree = [
	{ id: 'city', parentId: null, population: 10000 },
	{ id: 'D', parentId: 'city', population: 6000 },
	{ id: 'E', parentId: 'city', population: 4000 },
	{ id: 'Q1', parentId: 'D', population: 1000 },
	{ id: 'Q2', parentId: 'D', population: 2000 },
	{ id: 'Q3', parentId: 'D', population: 3000 },
	{ id: 'Q4', parentId: 'E', population: 4000 }
];
const quarters = ['Q1', 'Q2', 'Q3', 'Q4'].map((id) => ({
	id,
	key: id,
	name: `Quartier ${id}`,
	population: tree.find((t) => t.id === id)!.population,
	socialIndexClass: null
}));

function withParents(q: Record<string, ReachCounts>): Map<string, ReachCounts> {
	const map = new Map(Object.entries(q));
	const add = (target: string, ids: string[]) => {
		const sum = emptyCounts();
		for (const id of ids)
			for (const f of Object.keys(sum) as (keyof ReachCounts)[]) {
				sum[f].online += map.get(id)?.[f].online ?? 0;
				sum[f].analog += map.get(id)?.[f].analog ?? 0;
			}
		map.set(target, sum);
	};
	add('D', ['Q1', 'Q2', 'Q3']);
	add('E', ['Q4']);
	add('city', ['D', 'E']);
	return map;
}

describe('reach table disclosure', () => {
	it('hides a figure whose online, analog or total is 1…k−1, every channel of it', () => {
		const data = withParents({
			Q1: counts({ contributions: [10, 2] }),
			Q2: counts({ contributions: [20, 5] }),
			Q3: counts({ contributions: [30, 6] }),
			Q4: counts({ contributions: [40, 7] })
		});
		const rows = buildReachRows(quarters, tree, data, K);
		const q1 = rows[0];
		// analog 2 is small: online (10) and the total (12) go too, or 12 − 10 would give it back.
		expect(q1.suppressed.contributions).toBe(true);
		expect(shownCounts(q1).contributions).toEqual({ online: null, analog: null });
		expect(q1.per1000.contributions).toEqual({ online: null, analog: null });
		expect(shownTotal(q1)).toBeNull();
		// A second quarter under D is hidden as cover (D − Q2 − Q3 would give Q1 back otherwise).
		expect(rows.filter((r) => r.suppressed.contributions).length).toBe(2);
		// The other figures are untouched (zeros are published).
		expect(q1.suppressed.surveyResponses).toBe(false);
		expect(shownCounts(q1).surveyResponses).toEqual({ online: 0, analog: 0 });
	});

	it('chooses the smallest sibling as cover, so parent minus the shown siblings recovers nothing', () => {
		const data = withParents({
			Q1: counts({ surveyResponses: [1, 0] }),
			Q2: counts({ surveyResponses: [9, 9] }),
			Q3: counts({ surveyResponses: [50, 50] }),
			Q4: counts({ surveyResponses: [40, 0] })
		});
		const rows = buildReachRows(quarters, tree, data, K);
		const hidden = rows.filter((r) => r.suppressed.surveyResponses).map((r) => r.key);
		// Q2 has the smaller population (the cover goes to the smallest area of the group).
		expect(hidden).toEqual(['Q1', 'Q2']);
		// What is shown of D's children (Q3) and D itself leaves two unknowns for one difference.
		const shown = rows.filter((r) => !r.suppressed.surveyResponses && r.key !== 'Q4');
		expect(shown.map((r) => r.key)).toEqual(['Q3']);
	});

	it('hides an only child together with its parent (they carry the same numbers)', () => {
		const data = withParents({
			Q1: counts({}),
			Q2: counts({}),
			Q3: counts({}),
			Q4: counts({ workshopAttendance: [0, 2] })
		});
		const quartersAndE = [
			...quarters,
			{ id: 'E', key: 'E', name: 'E', population: 4000, socialIndexClass: null }
		];
		const rows = buildReachRows(quartersAndE, tree, data, K);
		expect(rows.find((r) => r.key === 'Q4')!.suppressed.workshopAttendance).toBe(true);
		expect(rows.find((r) => r.key === 'E')!.suppressed.workshopAttendance).toBe(true);
	});

	it('publishes zeros and counts of k and more, with rates per 1,000', () => {
		const data = withParents({
			Q1: counts({ supports: [3, 0] }),
			Q2: counts({ supports: [4, 0] }),
			Q3: counts({}),
			Q4: counts({})
		});
		const rows = buildReachRows(quarters, tree, data, K);
		expect(rows.every((r) => !r.suppressed.supports)).toBe(true);
		expect(rows[0].per1000.supports).toEqual({ online: 3, analog: 0 });
		const view = reachViewRow(rows[1]);
		expect(view.totalPer1000).toBe(2);
		expect(metricValue(view, 'supports')).toBe(2);
		expect(metricValue(view, 'all')).toBe(2);
	});

	it('gives no rate where the population is unknown', () => {
		const rows = buildReachRows(
			[{ ...quarters[0], population: null }],
			tree,
			withParents({ Q1: counts({ contributions: [5, 5] }) }),
			K
		);
		expect(rows[0].per1000.contributions).toEqual({ online: null, analog: null });
		expect(rows[0].counts.contributions).toEqual({ online: 5, analog: 5 });
	});
});

describe('category table', () => {
	it('hides small rows whole and a second row as cover; keeps the column totals', () => {
		const merged = mergeCategoryCounts([
			{ category: 'Verkehr', channel: 'online', count: 10 },
			{ category: 'Verkehr', channel: 'analog', count: 4 },
			{ category: 'Grün', channel: 'online', count: 1 },
			{ category: 'Spielen', channel: 'online', count: 5 },
			{ category: 'Spielen', channel: 'analog', count: 3 }
		]);
		const { rows, total } = protectCategoryCounts(merged, K);
		const by = Object.fromEntries(rows.map((r) => [r.category, r]));
		expect(by['Grün']).toMatchObject({ suppressed: true, online: null, total: null });
		expect(by['Spielen'].suppressed).toBe(true);
		expect(by['Verkehr']).toMatchObject({ suppressed: false, online: 10, analog: 4, total: 14 });
		expect(total).toEqual({ online: 16, analog: 7, total: 23 });
	});

	it('hides a total that is itself small', () => {
		const { total } = protectCategoryCounts([{ category: 'A', online: 2, analog: 0 }], K);
		expect(total).toEqual({ online: null, analog: null, total: null });
	});
});

function row(key: string, population: number, cls: number | null, c: ReachCounts): ReachRow {
	return buildReachRows(
		[{ id: key, key, name: key, population, socialIndexClass: cls }],
		[{ id: key, parentId: null, population }],
		new Map([[key, c]]),
		1
	)[0];
}

describe('outreach rule', () => {
	const rows = [
		row('A', 1000, 1, counts({ contributions: [1, 0] })), // high need, 1 ‰ — below the median
		row(
			'B',
			1000,
			2,
			counts({ contributions: [20, 10], surveyResponses: [5, 5], workshopAttendance: [0, 9] })
		),
		row('C', 1000, 3, counts({ contributions: [2, 0] })), // low, but no high need
		row('D', 1000, 5, counts({ contributions: [30, 0] })),
		row('E', 1000, 2, counts({ contributions: [3, 0], workshopAttendance: [0, 20] })),
		row('F', 1000, null, counts({}))
	];

	it('lists high-need areas below the median, worst class first', () => {
		const list = outreachSuggestions(rows);
		// median of 1, 53, 2, 30, 23, 0 = (2 + 23) / 2 = 12.5
		expect(list.map((s) => s.key)).toEqual(['A']);
		expect(list[0].socialIndexClass).toBe(1);
	});

	it('suggests what helps, with links that pre-fill the event or survey form', () => {
		const list = outreachSuggestions(rows, { surveyPaths: new Map([['A', '/beteiligung/x/befragung']]) });
		expect(list[0].kinds).toEqual(['door_to_door', 'workshop', 'info_stand']);
		expect(list[0].links.map((l) => l.href)).toEqual([
			'/beteiligung/x/befragung?gebiet=A&zugang=code#new-survey',
			'/termine/neu?area=A&type=planungswerkstatt',
			'/termine/neu?area=A&type=infostand'
		]);
		// Without a consultation for a survey there, no survey link; a workshop always.
		expect(outreachSuggestions(rows)[0].kinds).not.toContain('door_to_door');
		expect(outreachHref('door_to_door', 'A', null)).toBeNull();
		expect(outreachHref('workshop', 'a b')).toBe('/termine/neu?area=a%20b&type=planungswerkstatt');
	});

	it('treats more high-need classes when asked, and nothing without populations', () => {
		expect(outreachSuggestions(rows, { highNeed: [1, 2, 3] }).map((s) => s.key)).toEqual(['A', 'C']);
		expect(outreachSuggestions([row('X', 0, 1, counts({}))])).toEqual([]);
		// Where most areas gave nothing, a high-need area nobody reached is still listed.
		const quiet = [
			row('P', 1000, 1, counts({})),
			row('Q', 1000, 4, counts({})),
			row('R', 1000, 2, counts({ contributions: [9, 0] }))
		];
		expect(outreachSuggestions(quiet).map((s) => s.key)).toEqual(['P']);
	});
});

describe('scatter layout', () => {
	it('places classes left to right and rates bottom to top, leaving out unknown points', () => {
		const l = scatterLayout([
			{ key: 'a', name: 'A', x: 1, y: 0 },
			{ key: 'b', name: 'B', x: 5, y: 40 },
			{ key: 'c', name: 'C', x: null, y: 3 }
		]);
		expect(l.points.map((p) => p.key)).toEqual(['a', 'b']);
		expect(l.points[0].cx).toBeLessThan(l.points[1].cx);
		expect(l.points[0].cy).toBe(l.plot.bottom);
		expect(l.points[1].cy).toBeGreaterThan(l.plot.top - 1);
		expect(l.yTicks.at(-1)!.value).toBe(50);
		expect(niceMax(0)).toBe(1);
		expect(niceMax(7)).toBe(10);
		expect(niceMax(2.2)).toBe(2.5);
	});
});
