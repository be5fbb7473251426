// The open-data API (/api/v1): public indicators only, suppressed values null with their reason.
import type { Locale } from '../../i18n';
import type { Kysely } from 'kysely';
import type { SuppressionRules } from '../../stats/suppression';
import type { DB } from '../db/types';
import { defaultLevel } from './map-view';
import { publishLevel } from './published';
import type { PublishedReason } from './publish';
import { listLevels, listPublicIndicators, type PublicIndicator } from './queries';

export interface ApiIndicator {
	id: string;
	key: string;
	name: string;
	definition: string;
	unit: string;
	source: string;
	asOf: string;
	domain: PublicIndicator['domain'];
	polarity: PublicIndicator['polarity'];
	valueType: PublicIndicator['valueType'];
	aggregation: PublicIndicator['aggregation'];
	/** For rates: value = numerator / denominator × scale. */
	scale: number | null;
	categories: string[] | null;
	inCompositeIndex: boolean;
	years: number[];
	valuesUrl: string;
	/** The language name, unit and definition are in ('de' where not translated). */
	textLanguage: { name: string; unit: string; definition: string };
}

export interface ApiValue {
	key: string;
	name: string;
	parentKey: string | null;
	value: number | null;
	category: string | null;
	/** The absolute number behind the value (a count, or the numerator of a rate). */
	count: number | null;
	/** Why value is null: small_population, small_count, secondary (small-number protection), an official placeholder, or no_value. */
	reason: PublishedReason | null;
}

export interface ApiValues {
	indicator: Pick<ApiIndicator, 'id' | 'key' | 'name' | 'unit' | 'source' | 'asOf'>;
	level: string;
	year: number;
	/** The root area, or (key null) the whole city computed from the top areas when there is no city level. */
	cityAverage: {
		key: string | null;
		name: string;
		value: number | null;
		count: number | null;
		reason: PublishedReason | null;
	} | null;
	suppression: { minPopulation: number; minCount: number };
	values: ApiValue[];
}

function toApiIndicator(i: PublicIndicator): ApiIndicator {
	return {
		id: i.id,
		key: i.key,
		name: i.name,
		definition: i.definition,
		unit: i.unit,
		source: i.source,
		asOf: i.asOf,
		domain: i.domain,
		polarity: i.polarity,
		valueType: i.valueType,
		aggregation: i.aggregation,
		scale: i.aggregation === 'rate' ? i.scale : null,
		categories: i.categories,
		inCompositeIndex: i.inCompositeIndex,
		years: i.years,
		valuesUrl: `/api/v1/indicators/${encodeURIComponent(i.key)}/values`,
		textLanguage: { name: i.nameLang, unit: i.unitLang, definition: i.definitionLang }
	};
}

export async function listApiIndicators(db: Kysely<DB>, locale: Locale = 'de'): Promise<ApiIndicator[]> {
	return (await listPublicIndicators(db, locale)).map(toApiIndicator);
}

export type ApiValuesResult =
	| { ok: true; value: ApiValues }
	| { ok: false; code: 'unknown_indicator' }
	| { ok: false; code: 'unknown_level'; levels: string[] }
	| { ok: false; code: 'unknown_year'; years: number[] };

/** Values of a public indicator (by key or id) on a level (default: the finest with boundaries) in a year (default: the latest). */
export async function getApiValues(
	db: Kysely<DB>,
	rules: SuppressionRules,
	ref: string,
	query: { level?: string; year?: number },
	locale: Locale = 'de'
): Promise<ApiValuesResult> {
	const [indicators, levels] = await Promise.all([listPublicIndicators(db, locale), listLevels(db)]);
	const indicator = indicators.find((i) => i.key === ref || i.id === ref.toLowerCase());
	if (!indicator) return { ok: false, code: 'unknown_indicator' };
	const level = query.level === undefined ? defaultLevel(levels) : levels.find((l) => l.key === query.level);
	if (!level) return { ok: false, code: 'unknown_level', levels: levels.map((l) => l.key) };
	const year = query.year ?? indicator.years.at(-1);
	if (year === undefined || !indicator.years.includes(year))
		return { ok: false, code: 'unknown_year', years: indicator.years };
	const published = await publishLevel(db, rules, { indicator, levelKey: level.key, year });
	const api = toApiIndicator(indicator);
	return {
		ok: true,
		value: {
			indicator: {
				id: api.id,
				key: api.key,
				name: api.name,
				unit: api.unit,
				source: api.source,
				asOf: api.asOf
			},
			level: level.key,
			year,
			cityAverage: published.city
				? {
						key: published.city.key,
						name: published.city.name,
						value: published.city.value.value,
						count: published.city.value.count,
						reason: published.city.value.reason
					}
				: null,
			suppression: { minPopulation: rules.minPopulation, minCount: rules.minCount },
			values: published.cells.map((c) => ({
				key: c.key,
				name: c.name,
				parentKey: c.parentKey,
				value: c.value,
				category: c.category,
				count: c.count,
				reason: c.reason
			}))
		}
	};
}

/** Level keys for messages and for the GeoJSON default. */
export async function resolveGeoJsonLevel(
	db: Kysely<DB>,
	level: string | undefined
): Promise<{ ok: true; level: string } | { ok: false; levels: string[] }> {
	const levels = await listLevels(db);
	const found = level === undefined ? defaultLevel(levels) : levels.find((l) => l.key === level);
	return found ? { ok: true, level: found.key } : { ok: false, levels: levels.map((l) => l.key) };
}
