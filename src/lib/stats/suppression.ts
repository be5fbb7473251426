// Small-number protection for everything published (maps, profiles, exports, survey results,
// participation statistics). Parents are computed from the full data before this runs.

export interface SuppressionRules {
	/** Areas with a population below this are suppressed (default 1,000). */
	minPopulation: number;
	/** Counts from 1 to k−1 are suppressed (default k = 3). */
	minCount: number;
}

export const DEFAULT_SUPPRESSION: SuppressionRules = { minPopulation: 1000, minCount: 3 };

export type SuppressionReason = 'small_population' | 'small_count' | 'secondary';

export interface Cell {
	areaId: string;
	/** Parent area id; siblings share it. null for the root. */
	parentId: string | null;
	/** Population of the value's year (or the latest before it); null = unknown. */
	population: number | null;
	/** Absolute count behind the value, where there is one (numerator or a count indicator). */
	count?: number | null;
}

export function primaryReason(
	cell: Cell,
	rules: SuppressionRules = DEFAULT_SUPPRESSION
): SuppressionReason | null {
	if (cell.population !== null && cell.population < rules.minPopulation) return 'small_population';
	if (typeof cell.count === 'number' && cell.count > 0 && cell.count < rules.minCount) return 'small_count';
	return null;
}

/**
 * Returns area id → reason for every suppressed cell. When exactly one child of a parent is suppressed,
 * the next-smallest sibling (by count, then population) is suppressed too, so the hidden value cannot be
 * recovered by subtracting the published siblings from the published parent.
 */
export function suppressCells(
	cells: readonly Cell[],
	rules: SuppressionRules = DEFAULT_SUPPRESSION
): Map<string, SuppressionReason> {
	const result = new Map<string, SuppressionReason>();
	for (const cell of cells) {
		const reason = primaryReason(cell, rules);
		if (reason) result.set(cell.areaId, reason);
	}
	const siblings = new Map<string, Cell[]>();
	for (const cell of cells) {
		if (cell.parentId === null) continue;
		const group = siblings.get(cell.parentId) ?? [];
		group.push(cell);
		siblings.set(cell.parentId, group);
	}
	const size = (c: Cell) => [c.count ?? Number.POSITIVE_INFINITY, c.population ?? Number.POSITIVE_INFINITY];
	for (const group of siblings.values()) {
		const hidden = group.filter((c) => result.has(c.areaId));
		if (hidden.length !== 1 || group.length < 2) continue;
		const candidates = group
			.filter((c) => !result.has(c.areaId))
			.sort((a, b) => {
				const [ac, ap] = size(a);
				const [bc, bp] = size(b);
				return ac - bc || ap - bp || a.areaId.localeCompare(b.areaId);
			});
		if (candidates[0]) result.set(candidates[0].areaId, 'secondary');
	}
	return result;
}

/**
 * Counts of people per group beside a published total they belong to (participants per area of
 * residence beside the published number registered; the rest answered nothing or live elsewhere):
 * 1…k−1 are hidden, and while the hidden counts and the unpublished rest together come to 1…k−1 —
 * the total minus the shown counts would give them back — the smallest shown count is hidden too.
 * (Hidden counts summing to k or more with the rest cannot be told apart from each other.)
 * Returns the counts with hidden ones as null, in the given order.
 */
export function protectCountsBesideTotal(
	counts: readonly number[],
	total: number,
	k: number
): (number | null)[] {
	const hidden = counts.map((n) => n > 0 && n < k);
	const rest = Math.max(0, total - counts.reduce((s, n) => s + n, 0));
	for (;;) {
		const hiddenSum = counts.reduce((s, n, i) => s + (hidden[i] ? n : 0), 0);
		if (hiddenSum === 0 || hiddenSum + rest >= k) break;
		let smallest = -1;
		for (let i = 0; i < counts.length; i++)
			if (!hidden[i] && counts[i] > 0 && (smallest < 0 || counts[i] < counts[smallest])) smallest = i;
		if (smallest < 0) break;
		hidden[smallest] = true;
	}
	return counts.map((n, i) => (hidden[i] ? null : n));
}
