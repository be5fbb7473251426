// Aggregation upward: counts, numerators and denominators are summed, then rates recomputed, so a
// share (e.g. child poverty) is weighted by its own denominator (children), not by all residents.
// z-values and indices are never aggregated: they are recomputed per level.

export interface RateInput {
	areaId: string;
	parentId: string | null;
	numerator: number | null;
	denominator: number | null;
}

export interface RateResult {
	areaId: string;
	numerator: number;
	denominator: number;
	/** numerator / denominator × scale; null when the denominator is 0 */
	value: number | null;
	/** children that had no data (the parent value then covers only part of the area) */
	missingChildren: number;
}

export function rate(numerator: number, denominator: number, scale = 100): number | null {
	return denominator > 0 ? (numerator / denominator) * scale : null;
}

/** Sums children into their parents (one level up). */
export function aggregateRates(children: readonly RateInput[], scale = 100): RateResult[] {
	const byParent = new Map<string, RateResult>();
	for (const child of children) {
		if (child.parentId === null) continue;
		const acc = byParent.get(child.parentId) ?? {
			areaId: child.parentId,
			numerator: 0,
			denominator: 0,
			value: null,
			missingChildren: 0
		};
		if (child.numerator === null || child.denominator === null) acc.missingChildren++;
		else {
			acc.numerator += child.numerator;
			acc.denominator += child.denominator;
		}
		byParent.set(child.parentId, acc);
	}
	return [...byParent.values()].map((r) => ({ ...r, value: rate(r.numerator, r.denominator, scale) }));
}

/** Sums counts (e.g. residents by age group) into parents; null children are reported as missing. */
export function aggregateCounts(
	children: readonly { areaId: string; parentId: string | null; value: number | null }[]
): { areaId: string; value: number; missingChildren: number }[] {
	const byParent = new Map<string, { areaId: string; value: number; missingChildren: number }>();
	for (const child of children) {
		if (child.parentId === null) continue;
		const acc = byParent.get(child.parentId) ?? { areaId: child.parentId, value: 0, missingChildren: 0 };
		if (child.value === null) acc.missingChildren++;
		else acc.value += child.value;
		byParent.set(child.parentId, acc);
	}
	return [...byParent.values()];
}
