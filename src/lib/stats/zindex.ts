// Composite index after the Sozialraummonitoring rule: z-standardise each indicator across the areas of
// one level and year, flip by polarity (so that higher always means better Teilhabechancen), average per
// domain, average the domains; five verbal classes. Never compare indices across years or levels.
import { mean, standardDeviation } from 'simple-statistics';

export const DOMAINS = [
	'basisdaten',
	'oekonomische_situation',
	'erziehung_bildung',
	'gesundheit',
	'wohnen_umwelt'
] as const;
export type Domain = (typeof DOMAINS)[number];

/** 'higher_is_better' (e.g. school-leaving qualification) or 'higher_is_worse' (e.g. child poverty). */
export type Polarity = 'higher_is_better' | 'higher_is_worse';

export interface IndexIndicator {
	id: string;
	domain: Domain;
	polarity: Polarity;
	/** area id → value (null = missing or suppressed upstream; such areas get no z for this indicator) */
	values: ReadonlyMap<string, number | null>;
}

export interface AreaIndex {
	areaId: string;
	/** polarity-flipped z per indicator id */
	z: Record<string, number | null>;
	domains: Partial<Record<Domain, number | null>>;
	overall: number | null;
	indexClass: IndexClass | null;
}

/** Default class limits from the brief: z ≤ −1, −1…−0.5, −0.5…0.5, 0.5…1, ≥ 1. */
export const DEFAULT_CLASS_LIMITS = [-1, -0.5, 0.5, 1] as const;
export const INDEX_CLASSES = [
	'very_high_attention',
	'high_attention',
	'average',
	'good_opportunities',
	'very_good_opportunities'
] as const;
export type IndexClass = (typeof INDEX_CLASSES)[number];

/** z-scores (population standard deviation). Missing values stay null; a constant indicator gives 0. */
export function zScores(values: readonly (number | null)[]): (number | null)[] {
	const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
	if (present.length === 0) return values.map(() => null);
	const m = mean(present);
	const sd = present.length > 1 ? standardDeviation(present) : 0;
	return values.map((v) => (v === null || !Number.isFinite(v) ? null : sd === 0 ? 0 : (v - m) / sd));
}

export function indexClass(
	value: number | null,
	limits: readonly number[] = DEFAULT_CLASS_LIMITS
): IndexClass | null {
	if (value === null || !Number.isFinite(value)) return null;
	const [a, b, c, d] = limits;
	if (value <= a) return 'very_high_attention';
	if (value <= b) return 'high_attention';
	if (value < c) return 'average';
	if (value < d) return 'good_opportunities';
	return 'very_good_opportunities';
}

function average(values: (number | null | undefined)[]): number | null {
	const present = values.filter((v): v is number => typeof v === 'number');
	return present.length ? present.reduce((s, v) => s + v, 0) / present.length : null;
}

export function compositeIndex(
	areaIds: readonly string[],
	indicators: readonly IndexIndicator[],
	limits: readonly number[] = DEFAULT_CLASS_LIMITS
): AreaIndex[] {
	const zByIndicator = new Map<string, (number | null)[]>();
	for (const indicator of indicators) {
		const sign = indicator.polarity === 'higher_is_worse' ? -1 : 1;
		const z = zScores(areaIds.map((id) => indicator.values.get(id) ?? null));
		// `|| 0` turns −0 into 0 so a flipped average area reads as 0, not −0.
		zByIndicator.set(
			indicator.id,
			z.map((v) => (v === null ? null : sign * v || 0))
		);
	}
	return areaIds.map((areaId, row) => {
		const z: Record<string, number | null> = {};
		const domains: Partial<Record<Domain, number | null>> = {};
		for (const domain of DOMAINS) {
			const inDomain = indicators.filter((i) => i.domain === domain);
			if (inDomain.length === 0) continue;
			const values = inDomain.map((i) => zByIndicator.get(i.id)![row]);
			inDomain.forEach((i, n) => (z[i.id] = values[n]));
			domains[domain] = average(values);
		}
		const overall = average(Object.values(domains));
		return { areaId, z, domains, overall, indexClass: indexClass(overall, limits) };
	});
}
