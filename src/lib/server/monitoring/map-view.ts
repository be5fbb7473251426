// Everything the public map page (/karte) shows: choices (level, indicator, year, class method),
// the published values with their classes and colours, the city average, the legend.
import type { Locale } from '../../i18n';
import type { Kysely } from 'kysely';
import { classBreaks, classIndex, type ClassMethod } from '../../stats/classify';
import type { SuppressionRules } from '../../stats/suppression';
import { paletteFor } from '../../monitoring/palette';
import { DEFAULT_SORT, sortFromParam, type SortState } from '../../monitoring/table-sort';
import type { LegendClass, MapRow } from '../../monitoring/types';
import type { DB } from '../db/types';
import { publishLevel } from './published';
import { listLevels, listPublicIndicators, type LevelRow, type PublicIndicator } from './queries';
import type { MapQuery } from './schemas';
import type { CityValue } from './publish';

export interface MapView {
	levels: Pick<LevelRow, 'key' | 'name' | 'hasGeometry'>[];
	indicators: PublicIndicator[];
	selection: {
		level: Pick<LevelRow, 'key' | 'name' | 'hasGeometry'>;
		indicator: PublicIndicator;
		year: number;
		method: ClassMethod;
		classes: number;
		sort: SortState;
	} | null;
	rows: MapRow[];
	legend: LegendClass[];
	city: { key: string | null; name: string; value: CityValue } | null;
	counts: { areas: number; withValue: number; suppressed: number };
}

export const DEFAULT_METHOD: ClassMethod = 'quantile';
export const DEFAULT_CLASSES = 5;

/** The level shown first: the finest one with boundaries (else the finest one). */
export function defaultLevel<T extends Pick<LevelRow, 'hasGeometry'>>(levels: readonly T[]): T | undefined {
	return [...levels].reverse().find((l) => l.hasGeometry) ?? levels[levels.length - 1];
}

export async function loadMapView(
	db: Kysely<DB>,
	rules: SuppressionRules,
	query: MapQuery,
	options: { wholeCityName?: string; locale?: Locale } = {}
): Promise<MapView> {
	const [allLevels, allIndicators] = await Promise.all([
		listLevels(db),
		listPublicIndicators(db, options.locale)
	]);
	const levels = allLevels.map((l) => ({ key: l.key, name: l.name, hasGeometry: l.hasGeometry }));
	// The map colours numbers; class labels (categorical indicators) are shown in the profiles.
	const indicators = allIndicators.filter((i) => i.valueType === 'numeric' && i.years.length > 0);
	const empty: MapView = {
		levels,
		indicators,
		selection: null,
		rows: [],
		legend: [],
		city: null,
		counts: { areas: 0, withValue: 0, suppressed: 0 }
	};
	const level = levels.find((l) => l.key === query.ebene) ?? defaultLevel(levels);
	const indicator = indicators.find((i) => i.key === query.indikator) ?? indicators[0];
	if (!level || !indicator) return empty;
	const year =
		query.jahr !== undefined && indicator.years.includes(query.jahr)
			? query.jahr
			: indicator.years[indicator.years.length - 1];
	const method = query.methode ?? DEFAULT_METHOD;
	const classes = query.klassen ?? DEFAULT_CLASSES;
	const sort = sortFromParam(query.sortierung) ?? DEFAULT_SORT;

	const published = await publishLevel(db, rules, {
		indicator,
		levelKey: level.key,
		year,
		wholeCityName: options.wholeCityName
	});
	const breaks = classBreaks(
		published.cells.map((c) => c.value),
		method,
		classes
	);
	const palette = paletteFor(indicator.polarity, Math.max(breaks.length - 1, 1));
	const legend: LegendClass[] = [];
	for (let i = 1; i < breaks.length; i++)
		legend.push({ from: breaks[i - 1], to: breaks[i], color: palette[i - 1] });

	const rows: MapRow[] = published.cells.map((c) => ({
		key: c.key,
		name: c.name,
		value: c.value,
		category: c.category,
		count: c.count,
		reason: c.reason,
		suppressed: c.suppressed,
		classIndex: classIndex(c.value, breaks)
	}));
	return {
		levels,
		indicators,
		selection: { level, indicator, year, method, classes, sort },
		rows,
		legend,
		city: published.city,
		counts: {
			areas: rows.length,
			withValue: rows.filter((r) => r.value !== null).length,
			suppressed: rows.filter((r) => r.suppressed).length
		}
	};
}
