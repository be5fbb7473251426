// Aggregation up a whole area tree (every level at once), for one indicator and one year.
// An area's own (imported) value always wins; a parent gets a derived value only when every child
// has a value (its own or derived), so a parent never silently covers only part of its area.
import { rate } from './aggregate';

export interface TreeArea {
	id: string;
	parentId: string | null;
}

/** Own values per area id: a number, or null for a known gap (placeholder such as "." or "x"). */
export type OwnValues = ReadonlyMap<string, number | null>;

function childrenOf(areas: readonly TreeArea[]): Map<string, string[]> {
	const children = new Map<string, string[]>();
	for (const area of areas) {
		if (area.parentId === null) continue;
		const list = children.get(area.parentId) ?? [];
		list.push(area.id);
		children.set(area.parentId, list);
	}
	return children;
}

/**
 * Effective value of every area: its own value, or else the sum of its children's effective values
 * (only when all children have one). Areas that get neither are absent from the result.
 */
export function effectiveSums(areas: readonly TreeArea[], own: OwnValues): Map<string, number | null> {
	const children = childrenOf(areas);
	const memo = new Map<string, number | null | undefined>();
	const visit = (id: string): number | null | undefined => {
		if (memo.has(id)) return memo.get(id);
		let result: number | null | undefined;
		if (own.has(id)) result = own.get(id) ?? null;
		else {
			const kids = children.get(id);
			if (kids && kids.length > 0) {
				let sum = 0;
				for (const kid of kids) {
					const v = visit(kid);
					if (typeof v !== 'number') {
						sum = Number.NaN;
						break;
					}
					sum += v;
				}
				result = Number.isNaN(sum) ? undefined : sum;
			}
		}
		memo.set(id, result);
		return result;
	};
	const out = new Map<string, number | null>();
	for (const area of areas) {
		const v = visit(area.id);
		if (v !== undefined) out.set(area.id, v);
	}
	return out;
}

/** Derived sums: areas without an own value whose children all have values. */
export function deriveSums(areas: readonly TreeArea[], own: OwnValues): Map<string, number> {
	const out = new Map<string, number>();
	for (const [id, v] of effectiveSums(areas, own)) if (!own.has(id) && v !== null) out.set(id, v);
	return out;
}

/**
 * Derived rates at every level: numerator and denominator are summed up the tree (own values win
 * at each level), then rate = numerator / denominator × scale. Areas with an own rate value keep it;
 * areas whose denominator is 0 or unknown get nothing.
 */
export function deriveRates(
	areas: readonly TreeArea[],
	numerators: OwnValues,
	denominators: OwnValues,
	ownRates: OwnValues,
	scale = 100
): Map<string, { value: number; numerator: number; denominator: number }> {
	const num = effectiveSums(areas, numerators);
	const den = effectiveSums(areas, denominators);
	const out = new Map<string, { value: number; numerator: number; denominator: number }>();
	for (const area of areas) {
		if (ownRates.has(area.id)) continue;
		const n = num.get(area.id);
		const d = den.get(area.id);
		if (typeof n !== 'number' || typeof d !== 'number') continue;
		const value = rate(n, d, scale);
		if (value !== null) out.set(area.id, { value, numerator: n, denominator: d });
	}
	return out;
}

/**
 * Derived weighted means at every level, for shares, rates without counts and index values (e.g. the
 * Berlin MSS shares per Planungsraum, shown per Bezirk): a parent gets Σ value × weight / Σ weight over
 * its children, where the weight is a count indicator (residents for a population-weighted mean, or
 * the share's own base population). Own values win at each level; a parent gets a value only when every
 * child has a value and a weight, and the total weight is above 0. Weights are summed up the tree
 * like counts (own weights win), so a grandparent is weighted exactly as if computed from the finest level.
 */
export function deriveWeightedMeans(
	areas: readonly TreeArea[],
	values: OwnValues,
	weights: OwnValues
): Map<string, { value: number; weight: number }> {
	const children = childrenOf(areas);
	const weight = effectiveSums(areas, weights);
	const memo = new Map<string, number | null | undefined>();
	const visit = (id: string): number | null | undefined => {
		if (memo.has(id)) return memo.get(id);
		let result: number | null | undefined;
		if (values.has(id)) result = values.get(id) ?? null;
		else {
			const kids = children.get(id);
			if (kids && kids.length > 0) {
				let sum = 0;
				let total = 0;
				for (const kid of kids) {
					const v = visit(kid);
					const w = weight.get(kid);
					if (typeof v !== 'number' || typeof w !== 'number') {
						total = Number.NaN;
						break;
					}
					sum += v * w;
					total += w;
				}
				result = Number.isNaN(total) || total <= 0 ? undefined : sum / total;
			}
		}
		memo.set(id, result);
		return result;
	};
	const out = new Map<string, { value: number; weight: number }>();
	for (const area of areas) {
		if (values.has(area.id)) continue;
		const v = visit(area.id);
		const w = weight.get(area.id);
		if (typeof v === 'number' && typeof w === 'number') out.set(area.id, { value: v, weight: w });
	}
	return out;
}
