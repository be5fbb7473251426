// Small-number protection applied to raw values before anything is published (map, table, profile,
// API). Pure: no database. Parents were computed from the full data at import; here we only hide.
import type { ValueReason } from '../../stats/official-values';
import {
	primaryReason,
	suppressCells,
	type Cell,
	type SuppressionReason,
	type SuppressionRules
} from '../../stats/suppression';
import type { LevelArea, PublicIndicator, RawValue } from './queries';

/** Why a published value is null: protected (small numbers), an official placeholder, or no row at all. */
export type PublishedReason = SuppressionReason | ValueReason | 'no_value';

export interface PublishedCell {
	areaId: string;
	key: string;
	name: string;
	parentKey: string | null;
	population: number | null;
	value: number | null;
	category: string | null;
	/** The absolute number behind the value (a count, or the numerator of a rate). */
	count: number | null;
	reason: PublishedReason | null;
	/** true when small-number protection hid the value */
	suppressed: boolean;
}

export interface CityValue {
	value: number | null;
	category: string | null;
	count: number | null;
	reason: PublishedReason | null;
}

export const SUPPRESSION_REASONS: readonly SuppressionReason[] = [
	'small_population',
	'small_count',
	'secondary'
];

export function isSuppression(reason: PublishedReason | null): reason is SuppressionReason {
	return reason !== null && (SUPPRESSION_REASONS as readonly string[]).includes(reason);
}

/**
 * The population that decides small-area protection for a value of `year`: the population of that year
 * or the latest before it. Areas carry one population (with its year); when that year is later than the
 * value's, it is still the best figure there is, so it is used too.
 */
export function populationFor(
	area: Pick<LevelArea, 'population' | 'populationYear'>,
	year: number
): number | null {
	void year;
	return area.population;
}

/**
 * The absolute number behind a value: the numerator of a rate, the value of a summed count. It decides
 * count protection and is published next to the share (the numerator indicator itself may be internal:
 * it is shown only as the count behind this public rate, and only where the rate is not protected).
 */
export function countBehind(
	indicator: Pick<PublicIndicator, 'aggregation'>,
	raw: RawValue | undefined,
	numerator: number | null | undefined
): number | null {
	if (indicator.aggregation === 'rate') return numerator ?? null;
	if (indicator.aggregation === 'sum') return raw?.value ?? null;
	return null;
}

const hasContent = (raw: RawValue | undefined) =>
	raw !== undefined && (raw.value !== null || raw.category !== null);

/**
 * Publishes one indicator in one year for a group of areas. `areas` must contain every sibling of each
 * area whose value is wanted (secondary suppression looks at siblings: a whole level, or one parent's children).
 */
export function publishCells(input: {
	indicator: Pick<PublicIndicator, 'aggregation'>;
	year: number;
	areas: readonly LevelArea[];
	values: ReadonlyMap<string, RawValue>;
	numerators: ReadonlyMap<string, number | null>;
	rules: SuppressionRules;
}): PublishedCell[] {
	const { indicator, year, areas, values, numerators, rules } = input;
	const cells: Cell[] = [];
	for (const area of areas) {
		const raw = values.get(area.id);
		if (!hasContent(raw)) continue;
		cells.push({
			areaId: area.id,
			parentId: area.parentId,
			population: populationFor(area, year),
			count: countBehind(indicator, raw, numerators.get(area.id))
		});
	}
	const hidden = suppressCells(cells, rules);
	return areas.map((area) => {
		const raw = values.get(area.id);
		const base = {
			areaId: area.id,
			key: area.key,
			name: area.name,
			parentKey: area.parentKey,
			population: area.population
		};
		const suppression = hidden.get(area.id);
		if (suppression)
			return { ...base, value: null, category: null, count: null, reason: suppression, suppressed: true };
		if (!raw)
			return { ...base, value: null, category: null, count: null, reason: 'no_value', suppressed: false };
		return {
			...base,
			value: raw.value,
			category: raw.category,
			count:
				raw.value === null && raw.category === null
					? null
					: countBehind(indicator, raw, numerators.get(area.id)),
			reason: hasContent(raw) ? null : (raw.reason ?? 'missing'),
			suppressed: false
		};
	});
}

/** The city average (the root area's value), protected like any single cell. */
export function publishCityValue(input: {
	indicator: Pick<PublicIndicator, 'aggregation'>;
	year: number;
	root: LevelArea;
	raw: RawValue | undefined;
	numerator: number | null | undefined;
	rules: SuppressionRules;
}): CityValue {
	const { indicator, year, root, raw, numerator, rules } = input;
	if (!raw) return { value: null, category: null, count: null, reason: 'no_value' };
	if (!hasContent(raw)) return { value: null, category: null, count: null, reason: raw.reason ?? 'missing' };
	const reason = primaryReason(
		{
			areaId: root.id,
			parentId: null,
			population: populationFor(root, year),
			count: countBehind(indicator, raw, numerator)
		},
		rules
	);
	if (reason) return { value: null, category: null, count: null, reason };
	return {
		value: raw.value,
		category: raw.category,
		count: countBehind(indicator, raw, numerator),
		reason: null
	};
}
