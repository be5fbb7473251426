// The one small-number decision for everything published from the monitoring (map, table, profile with
// its heading, open-data API, areas.geojson). Pure: no database.
//
// A protected cell must not come back by arithmetic on what is published. The published numbers are
// tied together: a rate is numerator / denominator, so rate and count give the denominator; parents are
// the sums of their children; the area population is the number of residents, which is also a count
// indicator. Suppressing each indicator on its own therefore leaks: two indicators choose different
// siblings as cover, and the cover hidden in one is published (or derivable) in the other. So the
// decision is made once per year for an AREA across all linked numbers: an area hidden for one of
// them is hidden for all of them, its population included, and the cover rules run on that one pattern
// over the whole tree until nothing changes:
//   - siblings: when exactly one child of a parent is hidden, the next-smallest sibling is hidden too;
//   - an only child is hidden together with its parent (they carry the same numbers);
//   - several top areas (a Kreis's Gemeinden, Berlin's Bezirke) are siblings under the whole city;
//   - downwards: a hidden parent whose children are all published would be their sum, so its smallest
//     child is hidden too (and with it, by the sibling rule, a second one).
// Counts beside a rate: rate × count gives the denominator, so the count is published only where the
// denominator is a public indicator (an internal denominator is never derivable from public numbers).
import { primaryReason, type SuppressionReason, type SuppressionRules } from './suppression';

export interface DisclosureArea {
	id: string;
	parentId: string | null;
	/** Population for the decided year (see populationFor); null = unknown. */
	population: number | null;
	/** Where no population is known (participation exports): the size used to choose covers. */
	size?: number | null;
}

export interface DisclosureIndicator {
	id: string;
	visibility: 'public' | 'internal';
	aggregation: 'sum' | 'rate' | 'none';
	numeratorId: string | null;
	denominatorId: string | null;
}

export interface Disclosure {
	/** area id → why the area's numbers (all indicators, population) are hidden in this year */
	hidden: ReadonlyMap<string, SuppressionReason>;
}

/**
 * Indicators whose counts decide count protection: public counts, the numerators and denominators of
 * public rates (a rate over 2 children reveals individuals whether the 2 is public or not), and the
 * weights of public weighted means.
 */
export function countIndicators(indicators: readonly DisclosureIndicator[]): Set<string> {
	const ids = new Set<string>();
	for (const i of indicators) {
		if (i.visibility !== 'public') continue;
		if (i.aggregation === 'sum') ids.add(i.id);
		if (i.aggregation === 'rate') {
			if (i.numeratorId) ids.add(i.numeratorId);
			if (i.denominatorId) ids.add(i.denominatorId);
		}
		// The weight of a weighted mean (a share over 2 residents reveals them as well).
		if (i.aggregation === 'none' && i.denominatorId) ids.add(i.denominatorId);
	}
	return ids;
}

/** Whether the count (numerator) may be published next to a public rate: only when its denominator is public. */
export function rateCountPublishable(
	rate: Pick<DisclosureIndicator, 'aggregation' | 'denominatorId'>,
	indicators: readonly Pick<DisclosureIndicator, 'id' | 'visibility'>[]
): boolean {
	if (rate.aggregation !== 'rate' || !rate.denominatorId) return false;
	return indicators.find((i) => i.id === rate.denominatorId)?.visibility === 'public';
}

/**
 * Decides which areas are hidden in one year. `counts` holds, per area, the counts that matter
 * (see countIndicators) for that year; values of `null` are ignored.
 */
export function decideDisclosure(
	areas: readonly DisclosureArea[],
	counts: ReadonlyMap<string, readonly (number | null)[]>,
	rules: SuppressionRules
): Disclosure {
	const hidden = new Map<string, SuppressionReason>();
	for (const area of areas) {
		const reason =
			primaryReason({ areaId: area.id, parentId: area.parentId, population: area.population }, rules) ??
			(counts.get(area.id) ?? []).reduce<SuppressionReason | null>(
				(found, count) =>
					found ??
					primaryReason({ areaId: area.id, parentId: area.parentId, population: null, count }, rules),
				null
			);
		if (reason) hidden.set(area.id, reason);
	}
	const byId = new Map(areas.map((a) => [a.id, a]));
	const children = new Map<string, DisclosureArea[]>();
	// Several top areas (no city level) are siblings under the whole city, whose value is published too.
	const WHOLE = '\u0000whole';
	const tops = areas.filter((a) => a.parentId === null || !byId.has(a.parentId));
	if (tops.length > 1) children.set(WHOLE, [...tops]);
	for (const area of areas) {
		if (area.parentId === null || !byId.has(area.parentId)) continue;
		const group = children.get(area.parentId) ?? [];
		group.push(area);
		children.set(area.parentId, group);
	}
	const size = (a: DisclosureArea) => a.population ?? a.size ?? Number.POSITIVE_INFINITY;
	const smallest = (group: readonly DisclosureArea[]) =>
		group.filter((a) => !hidden.has(a.id)).sort((a, b) => size(a) - size(b) || a.id.localeCompare(b.id))[0];
	for (let changed = true; changed;) {
		changed = false;
		const hide = (area: DisclosureArea | undefined) => {
			if (!area || hidden.has(area.id)) return;
			hidden.set(area.id, 'secondary');
			changed = true;
		};
		for (const [parentId, group] of children) {
			const count = group.filter((a) => hidden.has(a.id)).length;
			if (parentId === WHOLE) {
				if (count === 1) hide(smallest(group));
				continue;
			}
			if (group.length === 1) {
				if (count === 1) hide(byId.get(parentId));
				else if (hidden.has(parentId)) hide(group[0]);
				continue;
			}
			if (count === 1) hide(smallest(group));
			else if (count === 0 && hidden.has(parentId)) hide(smallest(group));
		}
	}
	return { hidden };
}
