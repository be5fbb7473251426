// Published values of one indicator on one level in one year: what the map, the table and the
// open-data API show. Small-number protection is the year's one decision (disclosure.ts), applied here.
import type { Kysely } from 'kysely';
import type { SuppressionRules } from '../../stats/suppression';
import type { AppConfig } from '../config';
import type { DB } from '../db/types';
import { loadHiddenAreasOfYear, type HiddenAreas } from './disclosure';
import { publishCells, publishCityValue, type CityValue, type PublishedCell } from './publish';
import {
	findRootArea,
	listLevelAreas,
	listRawValues,
	type LevelArea,
	type PublicIndicator,
	type RawValue
} from './queries';

export function suppressionRules(
	config: Pick<AppConfig, 'smallAreaPopulation' | 'smallCountK'>
): SuppressionRules {
	return { minPopulation: config.smallAreaPopulation, minCount: config.smallCountK };
}

export interface PublishedLevel {
	levelKey: string;
	year: number;
	cells: PublishedCell[];
	/** The root area (the whole city) and its value; null when the install has several roots. */
	city: { key: string; name: string; value: CityValue } | null;
}

/** Splits raw rows into value and numerator lookups by area id for one indicator and year. */
export function indexValues(
	rows: readonly RawValue[],
	indicator: Pick<PublicIndicator, 'id' | 'numeratorId'>,
	year: number
): { values: Map<string, RawValue>; numerators: Map<string, number | null> } {
	const values = new Map<string, RawValue>();
	const numerators = new Map<string, number | null>();
	for (const row of rows) {
		if (row.year !== year) continue;
		if (row.indicatorId === indicator.id) values.set(row.areaId, row);
		else if (row.indicatorId === indicator.numeratorId) numerators.set(row.areaId, row.value);
	}
	return { values, numerators };
}

export async function publishLevel(
	db: Kysely<DB>,
	rules: SuppressionRules,
	query: {
		indicator: PublicIndicator;
		levelKey: string;
		year: number;
		areas?: LevelArea[];
		hidden?: HiddenAreas;
	}
): Promise<PublishedLevel> {
	const { indicator, levelKey, year } = query;
	const [areas, root, hidden] = await Promise.all([
		query.areas ?? listLevelAreas(db, levelKey),
		findRootArea(db),
		query.hidden ?? loadHiddenAreasOfYear(db, rules, year)
	]);
	const areaIds = areas.map((a) => a.id);
	if (root && !areaIds.includes(root.id)) areaIds.push(root.id);
	const indicatorIds = indicator.numeratorId ? [indicator.id, indicator.numeratorId] : [indicator.id];
	const rows = await listRawValues(db, { indicatorIds, areaIds, year });
	const { values, numerators } = indexValues(rows, indicator, year);
	const cells = publishCells({ indicator, areas, values, numerators, hidden });
	const city = root
		? {
				key: root.key,
				name: root.name,
				value: publishCityValue({
					indicator,
					root,
					raw: values.get(root.id),
					numerator: numerators.get(root.id),
					hidden
				})
			}
		: null;
	return { levelKey, year, cells, city };
}
