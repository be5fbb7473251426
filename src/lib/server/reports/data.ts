// Gathers what a report shows from current data: area profiles (through the monitoring module's
// protected profile), participation per area and channel (every module's statsPerArea through the
// registry), themes, ideas with official responses and measures with progress (the modules'
// areaActivity hooks). Only public, published items; no names or e-mail addresses are selected.
import type { Kysely } from 'kysely';
import type { Polygon, MultiPolygon } from 'geojson';
import { translator, type Locale } from '../../i18n';
import { createSvgProjection, geometryBbox, geometryToSvgPath, mergeBboxes } from '../../geo';
import type {
	ReportFigure,
	ReportIdea,
	ReportIndicator,
	ReportInput,
	ReportMeasure,
	ReportReach,
	ReportTheme
} from '../../reports/model';
import { INDEX_CLASSES } from '../../stats/zindex';
import { listAreaGeometries } from '../areas';
import type { AppConfig } from '../config';
import type { DB } from '../db/types';
import { listLevelAreas, listPublicIndicators, publishLevel, suppressionRules } from '../monitoring';
import { loadHiddenAreasOfYear, type HiddenAreas } from '../monitoring/disclosure';
import { registry as appRegistry, type Registry } from '../participation/registry';
import { reachByArea } from '../planning/reach';
import { themesForReport } from '../themes';
import { REACH_FIGURES, shownCounts, type ChannelSplit } from '../../planning/reach';
import { scrubQuote } from '../../themes/suggest';

export const DATA_LICENCE = 'Datenlizenz Deutschland – Namensnennung – Version 2.0 (dl-de/by-2-0)';

export interface ReportSelection {
	title: string;
	areaIds: string[];
	indicatorKeys: string[];
	consultationIds: string[];
	themeIds: string[];
	locale: Locale;
	previous?: { at: Date; figures: Record<string, number | null> } | null;
}

const MAX_INDICATORS_DEFAULT = 6;

interface AreaRow {
	id: string;
	key: string;
	name: string;
	level_key: string;
	level_name: string;
	population: number | null;
}

export async function loadSelectedAreas(db: Kysely<DB>, areaIds: readonly string[]): Promise<AreaRow[]> {
	if (!areaIds.length) return [];
	const rows = await db
		.selectFrom('area')
		.innerJoin('area_level', 'area_level.id', 'area.level_id')
		.select([
			'area.id',
			'area.key',
			'area.name',
			'area_level.key as level_key',
			'area_level.name as level_name',
			'area.population'
		])
		.where('area.id', 'in', [...areaIds])
		.orderBy('area_level.rank')
		.orderBy('area.key')
		.execute();
	return rows;
}

export async function gatherReportInput(
	db: Kysely<DB>,
	config: Pick<AppConfig, 'smallAreaPopulation' | 'smallCountK'>,
	selection: ReportSelection,
	now: Date,
	registry: Registry = appRegistry
): Promise<ReportInput> {
	const t = translator(selection.locale);
	const rules = suppressionRules(config);
	const areas = await loadSelectedAreas(db, selection.areaIds);

	// 1. profiles: each chosen indicator's latest year published per level (the map's and the profile's
	// protection: the same decision over the whole tree), the chosen areas' cells and the city value
	const available = (await listPublicIndicators(db, selection.locale)).filter((i) => i.years.length > 0);
	const chosen = selection.indicatorKeys.length
		? available.filter((i) => selection.indicatorKeys.includes(i.key))
		: available.filter((i) => i.valueType === 'numeric').slice(0, MAX_INDICATORS_DEFAULT);
	const levelKeys = [...new Set(areas.map((a) => a.level_key))];
	const levelAreas = new Map(
		await Promise.all(levelKeys.map(async (l) => [l, await listLevelAreas(db, l)] as const))
	);
	const hiddenByYear = new Map<number, HiddenAreas>();
	const hiddenIn = async (year: number) => {
		if (!hiddenByYear.has(year)) hiddenByYear.set(year, await loadHiddenAreasOfYear(db, rules, year));
		return hiddenByYear.get(year)!;
	};
	const indicators: ReportIndicator[] = [];
	const figures: ReportFigure[] = [];
	let cityName: string | null = null;
	// each indicator's own licence ('' = the platform's, filled in by the document builder)
	const licences = new Map(
		chosen.length
			? (
					await db
						.selectFrom('indicator')
						.select(['key', 'licence'])
						.where(
							'key',
							'in',
							chosen.map((i) => i.key)
						)
						.execute()
				).map((r) => [r.key, r.licence])
			: []
	);
	for (const ind of chosen) {
		const year = ind.years.at(-1)!;
		indicators.push({
			key: ind.key,
			name: ind.name,
			unit: ind.unit,
			definition: ind.definition,
			source: ind.source,
			licence: licences.get(ind.key) ?? '',
			asOf: ind.asOf,
			year,
			scale: ind.aggregation === 'sum' ? 0 : 1
		});
		const hidden = await hiddenIn(year);
		for (const levelKey of levelKeys) {
			const published = await publishLevel(db, rules, {
				indicator: ind,
				levelKey,
				year,
				areas: levelAreas.get(levelKey),
				hidden,
				wholeCityName: t('monitoring.map.wholeCity')
			});
			cityName ??= published.city?.name ?? null;
			for (const a of areas.filter((x) => x.level_key === levelKey)) {
				const cell = published.cells.find((c) => c.areaId === a.id);
				if (!cell) continue;
				figures.push({
					areaKey: a.key,
					indicatorKey: ind.key,
					value: cell.value,
					count: ind.showsCount ? cell.count : null,
					suppressed: cell.suppressed,
					city: published.city?.value.value ?? null,
					cityCount: ind.showsCount ? (published.city?.value.count ?? null) : null
				});
			}
		}
	}
	cityName ??= t('monitoring.map.wholeCity');

	// 2. who was reached: per level of the chosen areas, the joint small-number decision of the planning module
	const hooks = await registry.hooks();
	const wanted = new Set(areas.map((a) => a.id));
	const reach: ReportReach[] = [];
	const levels = [...new Set(areas.map((a) => a.level_key))];
	// the chosen consultations narrow the counts; none counts every consultation of the areas
	for (const level of levels) {
		const rows = await reachByArea(
			db,
			{
				level,
				areaIds: areas.filter((a) => a.level_key === level).map((a) => a.id),
				consultationIds: selection.consultationIds
			},
			{ rules, registry }
		);
		for (const row of rows) {
			const shown = shownCounts(row);
			reach.push({
				areaKey: row.key,
				indexClass: row.socialIndexClass === null ? null : (INDEX_CLASSES[row.socialIndexClass - 1] ?? null),
				figures: REACH_FIGURES.map((f) => ({
					key: f,
					online: shown[f].online,
					analog: shown[f].analog,
					per1000: sumPer1000(row.per1000[f])
				}))
			});
		}
	}

	// 3. ideas with responses, measures with progress (public items of the areas)
	const activity = (
		await Promise.all(
			hooks.map(
				({ hooks: h }) =>
					h.areaActivity?.(db, [...wanted], {
						limit: 200,
						// the report's chosen consultations; none chosen = every consultation in the areas
						...(selection.consultationIds.length ? { consultationIds: selection.consultationIds } : {})
					}) ?? []
			)
		)
	).flat();
	const seen = new Set<string>();
	const ideas: ReportIdea[] = [];
	const measures: ReportMeasure[] = [];
	for (const e of activity) {
		if (seen.has(`${e.itemType}:${e.itemId}`)) continue;
		seen.add(`${e.itemType}:${e.itemId}`);
		if (e.itemType === 'idea' && ideas.length < 40)
			ideas.push({
				title: e.title,
				status: e.statusKey ? t(e.statusKey) : t('reports.doc.statusOpen'),
				response: e.response ?? null
			});
		if (e.itemType === 'measure' && measures.length < 40)
			measures.push({
				title: e.title,
				status: t(
					e.progress === 100
						? 'reports.doc.measureDone'
						: e.progress
							? 'reports.doc.measureRunning'
							: 'reports.doc.measurePlanned'
				),
				progress: e.progress ?? null
			});
	}

	// 4. themes: the planners' themes where the themes module provides them, else the residents' voices
	const planned = await themesForReport(db, {
		areaIds: areas.map((a) => a.id),
		consultationIds: selection.consultationIds,
		themeIds: selection.themeIds,
		smallCountK: config.smallCountK
	});
	const themes: ReportTheme[] = planned.length
		? planned.map((th) => ({
				name: th.name,
				synthesis: th.synthesis,
				// a suppressed count stays hidden: 1 is below every k ≥ 2 (and the model hides quotes with it)
				count: th.countSuppressed ? Math.min(1, config.smallCountK - 1) : th.count,
				quotes: th.quotes.map((q) => scrubQuote(q.text, 400))
			}))
		: await loadThemes(db, areas, selection, t);

	// 5. a small map of the chosen areas among their level's other areas, and where their boundaries come from
	const map = await areaMap(db, areas);
	const geometrySources = levelKeys.length
		? (
				await db
					.selectFrom('area_level')
					.select(['name', 'geometry_source', 'geometry_licence'])
					.where('key', 'in', levelKeys)
					.orderBy('rank')
					.execute()
			).map((l) => ({ levelName: l.name, source: l.geometry_source, licence: l.geometry_licence }))
		: [];

	const consultations = selection.consultationIds.length
		? (
				await db
					.selectFrom('consultation')
					.select('title')
					.where('id', 'in', selection.consultationIds)
					.orderBy('title')
					.execute()
			).map((c) => c.title)
		: [];

	return {
		title: selection.title,
		cityName,
		generatedAt: now,
		locale: selection.locale,
		k: config.smallCountK,
		minPopulation: config.smallAreaPopulation,
		licence: DATA_LICENCE,
		geometrySources,
		areas: areas.map((a) => ({
			id: a.id,
			key: a.key,
			name: a.name,
			levelName: a.level_name,
			population: a.population
		})),
		indicators,
		figures,
		reach,
		consultations,
		themes,
		ideas,
		measures,
		map,
		previous: selection.previous ?? null,
		figureLabels: Object.fromEntries(REACH_FIGURES.map((f) => [f, t(`reports.figure.${f}`)])),
		indexClassLabels: Object.fromEntries(INDEX_CLASSES.map((c) => [c, t(`monitoring.profile.classes.${c}`)]))
	};
}

/** Published map comments of the areas (and consultations) as the residents' voices. */
async function loadThemes(
	db: Kysely<DB>,
	areas: AreaRow[],
	selection: ReportSelection,
	t: ReturnType<typeof translator>
): Promise<ReportTheme[]> {
	if (!areas.length) return [];
	const ids = areas.map((a) => a.id);
	let q = db
		.selectFrom('contribution as c')
		.innerJoin('consultation as k', 'k.id', 'c.consultation_id')
		.where('c.status', '=', 'published')
		.where('c.kind', '=', 'map_comment')
		.where('k.status', '!=', 'draft')
		.where((eb) =>
			eb.exists(
				eb
					.selectFrom('contribution_area as ca')
					.select('ca.contribution_id')
					.whereRef('ca.contribution_id', '=', 'c.id')
					.where('ca.area_id', 'in', ids)
			)
		);
	if (selection.consultationIds.length) q = q.where('c.consultation_id', 'in', selection.consultationIds);
	const [count, quotes] = await Promise.all([
		q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
		q.select(['c.body']).orderBy('c.support_count', 'desc').orderBy('c.created_at', 'desc').limit(3).execute()
	]);
	const n = Number(count?.n ?? 0);
	if (n === 0) return [];
	return [
		{
			name: t('reports.doc.voices'),
			synthesis: t('reports.doc.voicesSynthesis'),
			count: n,
			// residents' own words: e-mail addresses, links and phone numbers in them are replaced by „…“
			quotes: quotes.map((r) => scrubQuote(r.body, 400))
		}
	];
}

/** per 1,000 of online + analog (the planning module gives them apart) */
function sumPer1000(split: ChannelSplit<number | null>): number | null {
	return split.online === null || split.analog === null
		? null
		: Math.round((split.online + split.analog) * 10) / 10;
}

const polygonal = (a: { geometry: { type: string } | null }) =>
	!!a.geometry && (a.geometry.type === 'Polygon' || a.geometry.type === 'MultiPolygon');

/**
 * The small map: every current area of the coarsest chosen level as the background (the chosen ones
 * filled), and the chosen areas of finer levels drawn filled on top of it, so a report for areas of
 * two levels (a Stadtbezirk and a Quartier) shows both.
 */
async function areaMap(db: Kysely<DB>, areas: AreaRow[]): Promise<ReportInput['map']> {
	if (!areas.length) return null;
	// loadSelectedAreas orders by level rank: the first level is the coarsest
	const levels = [...new Set(areas.map((a) => a.level_key))];
	const selected = new Set(areas.map((a) => a.id));
	const perLevel = await Promise.all(levels.map((level) => listAreaGeometries(db, level)));
	const background = perLevel[0].filter(polygonal);
	const overlay = perLevel.slice(1).flatMap((list) => list.filter((a) => selected.has(a.id) && polygonal(a)));
	const all = [...background, ...overlay];
	if (!all.length) return null;
	const bbox = mergeBboxes(all.map((a) => geometryBbox(a.geometry!)));
	if (!bbox) return null;
	const projection = createSvgProjection(bbox, 480, 8);
	return {
		width: projection.width,
		height: projection.height,
		shapes: all.map((a) => ({
			label: a.name,
			d: geometryToSvgPath(a.geometry as Polygon | MultiPolygon, projection),
			selected: selected.has(a.id)
		}))
	};
}
