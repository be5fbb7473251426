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
