// The Sozialraumprofil of one area: key figures against the city average (with absolute numbers),
// time series, the domain indices of the composite index, parent and child areas, a small outline map.
// Everything passes small-number protection exactly like the map (the same decision per year).
import type { Locale } from '../../i18n';
import type { Kysely } from 'kysely';
import type { MultiPolygon, Polygon } from 'geojson';
import { createSvgProjection, geometryBbox, geometryToSvgPath, mergeBboxes } from '../../geo';
import type { SuppressionRules } from '../../stats/suppression';
import {
	compositeIndex,
	DOMAINS,
	type Domain,
	type IndexClass,
	type IndexIndicator
} from '../../stats/zindex';
import type { DB } from '../db/types';
import { loadHiddenAreas, type HiddenAreas } from './disclosure';
import { indexValues } from './published';
import {
	publishCells,
	publishCityValue,
	publishWholeCity,
	type CityValue,
	type PublishedCell
} from './publish';
import {
	findAreasByKey,
	findRootArea,
	getLevelArea,
	listChildAreas,
	listLevelAreas,
	listLevelGeometries,
	listLevels,
	listPublicIndicators,
	listRawValues,
	listTopAreas,
	type LevelArea,
	type PublicIndicator,
	type RawValue
} from './queries';
import type { ProfileQuery } from './schemas';

export interface ProfileArea {
	key: string;
	name: string;
	levelKey: string;
	levelName: string;
}

export interface ProfileFigure {
	indicator: PublicIndicator;
	area: Pick<PublishedCell, 'value' | 'category' | 'count' | 'reason' | 'suppressed'>;
	city: CityValue | null;
}

export interface ProfileSeries {
	indicator: PublicIndicator;
	points: {
		year: number;
		value: number | null;
		reason: PublishedCell['reason'];
		city: number | null;
	}[];
}

export interface ProfileIndex {
	levelName: string;
	areaCount: number;
	domains: { domain: Domain; value: number | null }[];
	overall: number | null;
	indexClass: IndexClass | null;
	indicators: { key: string; name: string; domain: Domain }[];
}

export interface ProfileOutline {
	viewBox: string;
	width: number;
	height: number;
	areas: { key: string; name: string; d: string; current: boolean }[];
}

export interface ProfileView {
	area: ProfileArea & { population: number | null; populationYear: number | null };
	/** Other levels that use the same key (links with ?ebene=). */
	sameKey: ProfileArea[];
	parent: ProfileArea | null;
	children: ProfileArea[];
	/** The root area, or (key null) the whole city computed from the top areas when there is no city level. */
	city: { key: string | null; name: string } | null;
	isCity: boolean;
	years: number[];
	year: number | null;
	figures: ProfileFigure[];
	series: ProfileSeries[];
	index: ProfileIndex | null;
	outline: ProfileOutline | null;
}

function groupByIndicatorYear(rows: readonly RawValue[]): Map<string, RawValue[]> {
	const map = new Map<string, RawValue[]>();
	for (const row of rows) {
		const list = map.get(row.indicatorId) ?? [];
		list.push(row);
		map.set(row.indicatorId, list);
	}
	return map;
}

function rowsOf(grouped: Map<string, RawValue[]>, indicator: PublicIndicator): RawValue[] {
	return [
		...(grouped.get(indicator.id) ?? []),
		...(indicator.numeratorId ? (grouped.get(indicator.numeratorId) ?? []) : [])
	];
}

/** Loads the profile, or null when no current area has this key (on the requested level). */
export async function loadProfile(
	db: Kysely<DB>,
	rules: SuppressionRules,
	key: string,
	query: ProfileQuery,
	options: { wholeCityName?: string; locale?: Locale } = {}
): Promise<ProfileView | null> {
	const candidates = await findAreasByKey(db, key);
	const levels = await listLevels(db);
	const levelName = (levelKey: string) => levels.find((l) => l.key === levelKey)?.name ?? levelKey;
	const area =
		candidates.find((c) => c.levelKey === query.ebene) ?? (query.ebene ? undefined : candidates[0]);
	if (!area) return null;
	const asProfileArea = (a: LevelArea): ProfileArea => ({
		key: a.key,
		name: a.name,
		levelKey: a.levelKey,
		levelName: levelName(a.levelKey)
	});

	const [parentRow, childRows, levelAreas, root, indicators] = await Promise.all([
		area.parentId ? getLevelArea(db, area.parentId) : Promise.resolve(null),
		listChildAreas(db, area.id),
		listLevelAreas(db, area.levelKey),
		findRootArea(db),
		listPublicIndicators(db, options.locale)
	]);
	// Siblings frame the outline map; protection comes from the year's decision over the whole tree.
	const siblings = levelAreas.filter((a) => a.parentId === area.parentId);
	const years = [...new Set(indicators.flatMap((i) => i.years))].sort((a, b) => a - b);
	const year = query.jahr !== undefined && years.includes(query.jahr) ? query.jahr : (years.at(-1) ?? null);

	// Without a city level the whole city is computed from the top areas (counts, bases and weights too).
	const tops = root ? [] : await listTopAreas(db);
	const whole = tops.length > 1;
	const indicatorIds = [
		...new Set(
			indicators.flatMap((i) =>
				[i.id, i.numeratorId, ...(whole ? [i.denominatorId, i.weightId] : [])].filter(
					(id): id is string => id !== null
				)
			)
		)
	];
	const groupIds = [area.id, ...(whole ? tops.map((t) => t.id) : [])];
	if (root && !groupIds.includes(root.id)) groupIds.push(root.id);
	const populationYear = area.populationYear ?? years.at(-1) ?? null;
	const [grouped, hiddenByYear] = await Promise.all([
		listRawValues(db, { indicatorIds, areaIds: groupIds }).then(groupByIndicatorYear),
		loadHiddenAreas(db, rules, populationYear === null ? years : [...years, populationYear])
	]);
	const hiddenIn = (y: number): HiddenAreas => hiddenByYear.get(y) ?? new Map();

	const valuesOf = (indicatorId: string | null, y: number) =>
		new Map(
			(indicatorId ? (grouped.get(indicatorId) ?? []) : [])
				.filter((r) => r.year === y)
				.map((r) => [r.areaId, r.value])
		);
	const publishFor = (indicator: PublicIndicator, y: number) => {
		const { values, numerators } = indexValues(rowsOf(grouped, indicator), indicator, y);
		const hidden = hiddenIn(y);
		const cell = publishCells({ indicator, areas: [area], values, numerators, hidden })[0];
		const city = root
			? publishCityValue({
					indicator,
					root,
					raw: values.get(root.id),
					numerator: numerators.get(root.id),
					hidden
				})
			: whole
				? publishWholeCity({
						indicator,
						tops,
						values,
						numerators,
						bases: valuesOf(indicator.denominatorId ?? indicator.weightId, y),
						rules
					})
				: null;
		return { cell, city };
	};

	const figures: ProfileFigure[] = [];
	const series: ProfileSeries[] = [];
	for (const indicator of indicators) {
		if (year !== null) {
			const { cell, city } = publishFor(indicator, year);
			figures.push({
				indicator,
				area: {
					value: cell.value,
					category: cell.category,
					count: cell.count,
					reason: cell.reason,
					suppressed: cell.suppressed
				},
				city
			});
		}
		if (indicator.valueType === 'numeric' && indicator.years.length > 0) {
			series.push({
				indicator,
				points: indicator.years.map((y) => {
					const { cell, city } = publishFor(indicator, y);
					// A count's city value is a total, not an average: it is not drawn next to an area's count.
					const cityValue = indicator.aggregation === 'sum' ? null : (city?.value ?? null);
					return { year: y, value: cell.value, reason: cell.reason, city: cityValue };
				})
			});
		}
	}

	const index =
		year === null
			? null
			: await loadIndex(db, { area, levelAreas, indicators, year, hidden: hiddenIn(year) });
	const outline = await loadOutline(db, area, siblings, childRows);
	const isCity = root?.id === area.id;
	return {
		// The heading's population is protected like every number of a hidden area.
		area: {
			...asProfileArea(area),
			population: populationYear !== null && hiddenIn(populationYear).has(area.id) ? null : area.population,
			populationYear: area.populationYear
		},
		sameKey: candidates.filter((c) => c.id !== area.id).map(asProfileArea),
		parent: parentRow ? { ...asProfileArea(parentRow), levelName: parentRow.levelName } : null,
		children: childRows.map(asProfileArea),
		city: root
			? { key: root.key, name: root.name }
			: whole
				? { key: null, name: options.wholeCityName ?? 'Gesamtstadt' }
				: null,
		isCity,
		years,
		year,
		figures,
		series,
		index: index ? { ...index, levelName: levelName(area.levelKey) } : null,
		outline
	};
}

/**
 * The domain indices of the composite index for the area's level and year: each selected (public,
 * directed) indicator z-standardised across the level's areas from the published values, flipped by
 * polarity, averaged per domain. The city mean is 0 by construction.
 */
async function loadIndex(
	db: Kysely<DB>,
	input: {
		area: LevelArea;
		levelAreas: LevelArea[];
		indicators: PublicIndicator[];
		year: number;
		hidden: HiddenAreas;
	}
): Promise<Omit<ProfileIndex, 'levelName'> | null> {
	const { area, levelAreas, year, hidden } = input;
	const selected = input.indicators.filter(
		(i) =>
			i.inCompositeIndex && i.valueType === 'numeric' && i.polarity !== 'neutral' && i.years.includes(year)
	);
	// A z-value needs other areas to compare with: not for the city itself or a lone area.
	if (selected.length === 0 || levelAreas.length < 3) return null;
	const ids = [...new Set(selected.flatMap((i) => (i.numeratorId ? [i.id, i.numeratorId] : [i.id])))];
	const grouped = groupByIndicatorYear(
		await listRawValues(db, { indicatorIds: ids, areaIds: levelAreas.map((a) => a.id), year })
	);
	const indexIndicators: IndexIndicator[] = selected.map((indicator) => {
		const { values, numerators } = indexValues(rowsOf(grouped, indicator), indicator, year);
		const cells = publishCells({ indicator, areas: levelAreas, values, numerators, hidden });
		return {
			id: indicator.id,
			domain: indicator.domain,
			polarity: indicator.polarity as 'higher_is_better' | 'higher_is_worse',
			values: new Map(cells.map((c) => [c.areaId, c.value]))
		};
	});
	const result = compositeIndex(
		levelAreas.map((a) => a.id),
		indexIndicators
	).find((r) => r.areaId === area.id);
	if (!result) return null;
	return indexSummary(result, levelAreas.length, selected);
}

function indexSummary(
	result: ReturnType<typeof compositeIndex>[number],
	areaCount: number,
	selected: PublicIndicator[]
): Omit<ProfileIndex, 'levelName'> {
	return {
		areaCount,
		domains: DOMAINS.filter((d) => d in result.domains).map((domain) => ({
			domain,
			value: result.domains[domain] ?? null
		})),
		overall: result.overall,
		indexClass: result.indexClass,
		indicators: selected.map((i) => ({ key: i.key, name: i.name, domain: i.domain }))
	};
}

/**
 * The composite index of every current area of a level for its latest indicator year (issue 12: the
 * planner workspace sets participation against it), computed exactly as in the profile. Empty when the
 * level has no index (no selected indicators, fewer than 3 areas).
 */
export async function levelIndex(
	db: Kysely<DB>,
	rules: SuppressionRules,
	levelKey: string
): Promise<Map<string, Omit<ProfileIndex, 'levelName'>>> {
	const [levelAreas, indicators] = await Promise.all([
		listLevelAreas(db, levelKey),
		listPublicIndicators(db)
	]);
	const out = new Map<string, Omit<ProfileIndex, 'levelName'>>();
	const year = [...new Set(indicators.flatMap((i) => i.years))].sort((a, b) => a - b).at(-1);
	if (year === undefined) return out;
	const hidden = (await loadHiddenAreas(db, rules, [year])).get(year) ?? new Map();
	const selected = indicators.filter(
		(i) =>
			i.inCompositeIndex && i.valueType === 'numeric' && i.polarity !== 'neutral' && i.years.includes(year)
	);
	if (selected.length === 0 || levelAreas.length < 3) return out;
	const ids = [...new Set(selected.flatMap((i) => (i.numeratorId ? [i.id, i.numeratorId] : [i.id])))];
	const grouped = groupByIndicatorYear(
		await listRawValues(db, { indicatorIds: ids, areaIds: levelAreas.map((a) => a.id), year })
	);
	const indexIndicators: IndexIndicator[] = selected.map((indicator) => {
		const { values, numerators } = indexValues(rowsOf(grouped, indicator), indicator, year);
		const cells = publishCells({ indicator, areas: levelAreas, values, numerators, hidden });
		return {
			id: indicator.id,
			domain: indicator.domain,
			polarity: indicator.polarity as 'higher_is_better' | 'higher_is_worse',
			values: new Map(cells.map((c) => [c.areaId, c.value]))
		};
	});
	for (const result of compositeIndex(
		levelAreas.map((a) => a.id),
		indexIndicators
	))
		out.set(result.areaId, indexSummary(result, levelAreas.length, selected));
	return out;
}

const OUTLINE_MAX_AREAS = 300;

/** The area among the areas of its level (or, for the city, its children) as SVG outlines. */
async function loadOutline(
	db: Kysely<DB>,
	area: LevelArea,
	siblings: LevelArea[],
	children: LevelArea[]
): Promise<ProfileOutline | null> {
	const useChildren = area.parentId === null && children.length > 0;
	const levelKey = useChildren ? children[0].levelKey : area.levelKey;
	// The whole level shows where the area lies in the city; very fine levels show the siblings only.
	const all = await listLevelGeometries(db, levelKey);
	const wanted = useChildren || all.length <= OUTLINE_MAX_AREAS ? null : new Set(siblings.map((a) => a.id));
	const shapes = all.filter(
		(a): a is typeof a & { geometry: Polygon | MultiPolygon } =>
			(wanted === null || wanted.has(a.id)) &&
			!!a.geometry &&
			typeof a.geometry === 'object' &&
			['Polygon', 'MultiPolygon'].includes((a.geometry as { type?: string }).type ?? '')
	);
	if (shapes.length === 0) return null;
	const bbox = mergeBboxes(shapes.map((s) => geometryBbox(s.geometry)));
	if (!bbox) return null;
	const projection = createSvgProjection(bbox, 320);
	return {
		viewBox: projection.viewBox,
		width: projection.width,
		height: projection.height,
		areas: shapes.map((s) => ({
			key: s.key,
			name: s.name,
			d: geometryToSvgPath(s.geometry, projection),
			current: useChildren || s.id === area.id
		}))
	};
}
