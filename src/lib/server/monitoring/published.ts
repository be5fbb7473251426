// Published values of one indicator on one level in one year: what the map, the table and the
// open-data API show. Small-number protection is the year's one decision (disclosure.ts), applied here.
import type { Kysely } from 'kysely';
import type { SuppressionRules } from '../../stats/suppression';
import type { AppConfig } from '../config';
import type { DB } from '../db/types';
import { loadHiddenAreasOfYear, type HiddenAreas } from './disclosure';
import {
	publishCells,
	publishCityValue,
	publishWholeCity,
	type CityValue,
	type PublishedCell
} from './publish';
import {
	findRootArea,
	listLevelAreas,
	listRawValues,
	listTopAreas,
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
	/**
	 * The root area (the whole city) and its value. With several top areas and no city level, the whole
	 * city computed from them (key null, named by the caller); null when there are no areas.
	 */
	city: { key: string | null; name: string; value: CityValue } | null;
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
		/** Name of the whole city when there is no city level (default „Gesamtstadt“). */
		wholeCityName?: string;
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
	let city: PublishedLevel['city'] = null;
	if (root)
		city = {
			key: root.key,
			name: root.name,
			value: publishCityValue({
				indicator,
				root,
				raw: values.get(root.id),
				numerator: numerators.get(root.id),
				hidden
			})
		};
	else {
		const tops = await listTopAreas(db);
		if (tops.length > 1) {
			const baseId = indicator.denominatorId ?? indicator.weightId;
			const ids = [indicator.id, indicator.numeratorId, baseId].filter((id): id is string => id !== null);
			const topRows = await listRawValues(db, { indicatorIds: ids, areaIds: tops.map((t) => t.id), year });
			const pick = (id: string | null) =>
				new Map(topRows.filter((r) => r.indicatorId === id).map((r) => [r.areaId, r.value]));
			city = {
				key: null,
				name: query.wholeCityName ?? 'Gesamtstadt',
				value: publishWholeCity({
					indicator,
					tops,
					values: new Map(topRows.filter((r) => r.indicatorId === indicator.id).map((r) => [r.areaId, r])),
					numerators: pick(indicator.numeratorId),
					bases: pick(baseId),
					rules
				})
			};
		}
	}
	return { levelKey, year, cells, city };
}
