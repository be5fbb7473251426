// Survey results per area with small-number protection (browser-safe, pure).
//
// One decision per survey for the AREAS (as src/lib/stats/disclosure.ts does for the monitoring):
// responses per area are counts about the people living there, so an area with 1…k−1 responses (or a
// population under the minimum) is hidden, with the sibling, only-child and downward cover rules of
// decideDisclosure over the whole area tree. An area hidden there is hidden in EVERY question's
// breakdown too (its responses per area would otherwise come back as the sum of its cells).
//
// Within a question's breakdown (areas × answer codes, every level of the tree at once, so breakdowns
// at two levels cannot be played against each other) a cell of 1…k−1 is hidden, and the published
// totals are tied to the cells by sums:
//   - a row (one area): its cells add up to the area's responses (single choice, yes/no, scale, area);
//   - a column (one code) under a parent: the children's cells add up to the parent's cell, and the
//     top areas' cells add up to the survey's total.
// In each such line, when the hidden cells could be recovered — exactly one hidden, or hidden cells
// summing to 1…k−1 while the line's total is published — the smallest published cell of the line is
// hidden too; this runs until nothing changes. A hidden row's scale mean is hidden as well (mean × n
// and the published cells would give the hidden ones back).
import { decideDisclosure, type DisclosureArea } from '../stats/disclosure';
import type { SuppressionReason, SuppressionRules } from '../stats/suppression';

export interface BreakdownArea extends DisclosureArea {
	level: string;
}

export interface AreaReach {
	areaId: string;
	/** null = hidden */
	responses: number | null;
	population: number | null;
	/** responses per 1,000 residents, one decimal; null when hidden or population unknown */
	per1000: number | null;
	hidden: SuppressionReason | null;
}

/** Counts per area rolled up to every ancestor (an area's count includes its descendants'). */
export function rollUp(
	areas: readonly Pick<BreakdownArea, 'id' | 'parentId'>[],
	leafCounts: ReadonlyMap<string, number>
): Map<string, number> {
	const parent = new Map(areas.map((a) => [a.id, a.parentId]));
	const out = new Map<string, number>(areas.map((a) => [a.id, 0]));
	for (const [id, n] of leafCounts) {
		let cur: string | null | undefined = id;
		const seen = new Set<string>();
		while (cur && parent.has(cur) && !seen.has(cur)) {
			seen.add(cur);
			out.set(cur, (out.get(cur) ?? 0) + n);
			cur = parent.get(cur);
		}
	}
	return out;
}

/** Which areas are hidden for this survey, and the reach (responses, per 1,000 residents) of each. */
export function decideReach(
	areas: readonly BreakdownArea[],
	responsesByArea: ReadonlyMap<string, number>,
	rules: SuppressionRules
): { hidden: ReadonlyMap<string, SuppressionReason>; reach: AreaReach[] } {
	const counts = rollUp(areas, responsesByArea);
	const { hidden } = decideDisclosure(areas, new Map([...counts].map(([id, n]) => [id, [n]])), rules);
	const reach = areas.map((a): AreaReach => {
		const h = hidden.get(a.id) ?? null;
		const n = counts.get(a.id) ?? 0;
		return {
			areaId: a.id,
			responses: h ? null : n,
			population: h ? null : a.population,
			per1000: h || !a.population ? null : Math.round((n / a.population) * 10000) / 10,
			hidden: h
		};
	});
	return { hidden, reach };
}

export interface BreakdownRow {
	areaId: string;
	/** responses to this question in the area; null = hidden */
	n: number | null;
	/** per code, null = hidden */
	counts: (number | null)[];
	mean: number | null;
	hidden: SuppressionReason | null;
}

export interface Breakdown {
	codes: string[];
	rows: BreakdownRow[];
	/** cells hidden (primary and secondary) in the rows returned */
	suppressedCells: number;
}

/**
 * A question broken down by area, from one (leaf area, codes, value) entry per answer. `sumsToRow`
 * says whether an area's cells add up to its n (one code per answer).
 */
export function protectBreakdown(input: {
	areas: readonly BreakdownArea[];
	hiddenAreas: ReadonlyMap<string, SuppressionReason>;
	codes: readonly string[];
	/**
	 * one entry per answer: the leaf area, its code(s), and a numeric value for the mean (scale);
	 * `count` (default 1) stands for that many equal answers (counted in the database)
	 */
	answers: readonly {
		areaId: string | null;
		codes: readonly string[];
		value?: number | null;
		count?: number;
	}[];
	sumsToRow: boolean;
	withMean: boolean;
	rules: SuppressionRules;
	/** the level to return rows for (all levels when absent) */
	level?: string;
}): Breakdown {
	const { areas, codes, rules } = input;
	const k = rules.minCount;
	const col = new Map(codes.map((c, i) => [c, i]));
	const byId = new Map(areas.map((a) => [a.id, a]));
	const idx = new Map(areas.map((a, i) => [a.id, i]));
	const W = codes.length;
	const cell = new Float64Array(areas.length * W);
	const n = new Float64Array(areas.length);
	const sum = new Float64Array(areas.length);
	const valued = new Float64Array(areas.length);
	for (const a of input.answers) {
		let cur: string | null = a.areaId;
		const w = a.count ?? 1;
		const seen = new Set<string>();
		while (cur !== null && byId.has(cur) && !seen.has(cur)) {
			seen.add(cur);
			const i = idx.get(cur)!;
			n[i] += w;
			for (const c of a.codes) if (col.has(c)) cell[i * W + col.get(c)!] += w;
			if (typeof a.value === 'number') {
				sum[i] += a.value * w;
				valued[i] += w;
			}
			cur = byId.get(cur)!.parentId;
		}
	}

	const hidden = new Uint8Array(areas.length * W);
	const rowHidden = areas.map((a) => input.hiddenAreas.has(a.id));
	areas.forEach((_, i) => {
		for (let j = 0; j < W; j++) {
			const v = cell[i * W + j];
			if (rowHidden[i] || (v > 0 && v < k)) hidden[i * W + j] = 1;
		}
	});

	// The lines: cells tied by a published sum (a row to its n, children to their parent, tops to the total).
	// `total` is the cell holding the sum (a parent's), or -1 when the sum is published elsewhere.
	const lines: { cells: number[]; total: number }[] = [];
	if (input.sumsToRow)
		areas.forEach((_, i) => {
			if (!rowHidden[i]) lines.push({ cells: Array.from({ length: W }, (_, j) => i * W + j), total: -1 });
		});
	const children = new Map<string | null, number[]>();
	areas.forEach((a, i) => {
		const p = a.parentId !== null && byId.has(a.parentId) ? a.parentId : null;
		const g = children.get(p) ?? [];
		g.push(i);
		children.set(p, g);
	});
	for (const [parentId, group] of children) {
		const parentIdx = parentId === null ? -1 : idx.get(parentId)!;
		for (let j = 0; j < W; j++) {
			lines.push({ cells: group.map((i) => i * W + j), total: parentIdx >= 0 ? parentIdx * W + j : -1 });
		}
	}

	for (let changed = true; changed;) {
		changed = false;
		for (const line of lines) {
			const all = line.total >= 0 ? [...line.cells, line.total] : line.cells;
			const hiddenCount = all.filter((c) => hidden[c]).length;
			if (hiddenCount === 0) continue;
			const totalPublished = line.total < 0 || !hidden[line.total];
			const hiddenSum = line.cells.reduce((s, c) => s + (hidden[c] ? cell[c] : 0), 0);
			// one unknown in one equation, or a published total that gives the hidden cells' small sum
			const recoverable = hiddenCount === 1 || (totalPublished && hiddenSum > 0 && hiddenSum < k);
			if (!recoverable) continue;
			const candidates = all
				.filter((c) => !hidden[c])
				.sort((a, b) => {
					const pa = cell[a] > 0 ? 0 : 1;
					const pb = cell[b] > 0 ? 0 : 1;
					return pa - pb || cell[a] - cell[b] || a - b;
				});
			if (candidates[0] === undefined) continue;
			hidden[candidates[0]] = 1;
			changed = true;
		}
	}

	let suppressedCells = 0;
	const rows: BreakdownRow[] = [];
	areas.forEach((a, i) => {
		if (input.level && a.level !== input.level) return;
		const counts: (number | null)[] = [];
		let anyHidden = false;
		for (let j = 0; j < W; j++) {
			if (hidden[i * W + j]) {
				counts.push(null);
				anyHidden = true;
				suppressedCells++;
			} else counts.push(cell[i * W + j]);
		}
		const reason = input.hiddenAreas.get(a.id) ?? null;
		rows.push({
			areaId: a.id,
			n: rowHidden[i] ? null : n[i],
			counts,
			mean:
				input.withMean && !anyHidden && !rowHidden[i] && valued[i] > 0
					? Math.round((sum[i] / valued[i]) * 100) / 100
					: null,
			hidden: reason ?? (anyHidden ? 'small_count' : null)
		});
	});
	return { codes: [...codes], rows, suppressedCells };
}
