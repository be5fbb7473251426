// Small-number protection applied to raw values before anything is published (map, table, profile,
// API). Pure: no database. Parents were computed from the full data at import; here we only hide.
// Which areas are hidden is decided once per year for all outputs (disclosure.ts); here it is applied.
import type { ValueReason } from '../../stats/official-values';
import { rate } from '../../stats/aggregate';
import { primaryReason, type SuppressionReason, type SuppressionRules } from '../../stats/suppression';
import type { HiddenAreas } from './disclosure';
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
 * The absolute number behind a value: the numerator of a rate, the value of a summed count. It is
 * published next to the share (the numerator indicator itself may be internal: it is shown only as the
 * count behind this public rate, and only where the rate is not protected) — but not where the rate's
 * denominator is internal: rate and count together would give it away (`showsCount`).
 */
export function countBehind(
	indicator: Pick<PublicIndicator, 'aggregation' | 'showsCount'>,
	raw: RawValue | undefined,
	numerator: number | null | undefined
): number | null {
	if (indicator.aggregation === 'rate') return indicator.showsCount ? (numerator ?? null) : null;
	if (indicator.aggregation === 'sum') return raw?.value ?? null;
	return null;
}

const hasContent = (raw: RawValue | undefined) =>
	raw !== undefined && (raw.value !== null || raw.category !== null);

/**
 * Publishes one indicator in one year for some areas. `hidden` is the year's decision
 * (loadHiddenAreas): the same areas are hidden in every indicator and every output.
 */
export function publishCells(input: {
	indicator: Pick<PublicIndicator, 'aggregation' | 'showsCount'>;
	areas: readonly LevelArea[];
	values: ReadonlyMap<string, RawValue>;
	numerators: ReadonlyMap<string, number | null>;
	hidden: HiddenAreas;
}): PublishedCell[] {
	const { indicator, areas, values, numerators, hidden } = input;
	return areas.map((area) => {
		const raw = values.get(area.id);
		const suppression = hidden.get(area.id);
		const base = {
			areaId: area.id,
			key: area.key,
			name: area.name,
			parentKey: area.parentKey,
			population: suppression ? null : area.population
		};
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

/** The city average (the root area's value), protected by the same decision as every cell. */
export function publishCityValue(input: {
	indicator: Pick<PublicIndicator, 'aggregation' | 'showsCount'>;
	root: LevelArea;
	raw: RawValue | undefined;
	numerator: number | null | undefined;
	hidden: HiddenAreas;
}): CityValue {
	const { indicator, root, raw, numerator, hidden } = input;
	const reason = hidden.get(root.id);
	if (reason) return { value: null, category: null, count: null, reason };
	if (!raw) return { value: null, category: null, count: null, reason: 'no_value' };
	if (!hasContent(raw)) return { value: null, category: null, count: null, reason: raw.reason ?? 'missing' };
	return {
		value: raw.value,
		category: raw.category,
		count: countBehind(indicator, raw, numerator),
		reason: null
	};
}

/**
 * The whole city when there is no city level (several top areas): counts summed, rates from summed
 * numerators and denominators, shares and index values as means weighted by their weight indicator —
 * exactly as aggregation upward would compute a city row. Protected like any cell (its population and
 * count); the top areas are siblings under it in the year's decision, so it reveals none of them.
 */
export function publishWholeCity(input: {
	indicator: Pick<PublicIndicator, 'aggregation' | 'showsCount' | 'scale' | 'weightId'>;
	tops: readonly LevelArea[];
	values: ReadonlyMap<string, RawValue>;
	numerators: ReadonlyMap<string, number | null>;
	/** Denominators of a rate, or the weights of a weighted mean, by area id. */
	bases: ReadonlyMap<string, number | null>;
	rules: SuppressionRules;
}): CityValue {
	const { indicator, tops, values, numerators, bases, rules } = input;
	const empty: CityValue = { value: null, category: null, count: null, reason: 'no_value' };
	const all = (get: (id: string) => number | null | undefined): number | null => {
		let sum = 0;
		for (const top of tops) {
			const v = get(top.id);
			if (typeof v !== 'number') return null;
			sum += v;
		}
		return sum;
	};
	let value: number | null = null;
	let count: number | null = null;
	if (indicator.aggregation === 'sum') value = count = all((id) => values.get(id)?.value);
	else if (indicator.aggregation === 'rate') {
		const n = all((id) => numerators.get(id));
		const d = all((id) => bases.get(id));
		value = n === null || d === null ? null : rate(n, d, indicator.scale);
		count = n;
	} else if (indicator.weightId) {
		const w = all((id) => bases.get(id));
		const vw = all((id) => {
			const v = values.get(id)?.value;
			const b = bases.get(id);
			return typeof v === 'number' && typeof b === 'number' ? v * b : null;
		});
		value = w === null || vw === null || w <= 0 ? null : vw / w;
		count = w;
	}
	if (value === null) return empty;
	const population = all((id) => tops.find((t) => t.id === id)?.population);
	const reason = primaryReason({ areaId: '', parentId: null, population, count }, rules);
	if (reason) return { value: null, category: null, count: null, reason };
	return {
		value,
		category: null,
		count: indicator.aggregation === 'sum' || indicator.showsCount ? count : null,
		reason: null
	};
}
