// Reads for the published view (map, profiles, open data). Only public indicators are ever read here;
// visibility is filtered in SQL. Values come back raw: published.ts applies small-number protection.
import { sql, type Kysely } from 'kysely';
import type { Locale } from '../../i18n';
import { localizeIndicator, type IndicatorTranslations } from '../../monitoring/indicator-text';
import type { ValueReason } from '../../stats/official-values';
import type { Domain } from '../../stats/zindex';
import type { DB } from '../db/types';

export type Polarity = 'higher_is_better' | 'higher_is_worse' | 'neutral';
export type Aggregation = 'sum' | 'rate' | 'none';

export interface PublicIndicator {
	id: string;
	key: string;
	name: string;
	definition: string;
	unit: string;
	source: string;
	asOf: string;
	domain: Domain;
	polarity: Polarity;
	valueType: 'numeric' | 'categorical';
	aggregation: Aggregation;
	scale: number;
	categories: string[] | null;
	inCompositeIndex: boolean;
	/** The count behind a rate (numerator): shown as its absolute number, used for count protection. */
	numeratorId: string | null;
	denominatorId: string | null;
	/** Whether the count is published beside a rate: only when its denominator is public (rate × count = denominator). */
	showsCount: boolean;
	/** The count a share or index value is weighted by when aggregated ('none' with a weight indicator). */
	weightId: string | null;
	/** Years with at least one value, ascending. */
	years: number[];
	/** The language name, unit and description are in (the reader's, or 'de' when falling back). */
	nameLang: Locale;
	unitLang: Locale;
	definitionLang: Locale;
}

export interface LevelRow {
	id: string;
	key: string;
	name: string;
	rank: number;
	areaCount: number;
	hasGeometry: boolean;
}

export interface LevelArea {
	id: string;
	key: string;
	name: string;
	levelKey: string;
	parentId: string | null;
	parentKey: string | null;
	population: number | null;
	populationYear: number | null;
}

export interface RawValue {
	indicatorId: string;
	areaId: string;
	year: number;
	value: number | null;
	category: string | null;
	reason: ValueReason | null;
}

const DOMAIN_ORDER = sql`array_position(array['basisdaten','oekonomische_situation','erziehung_bildung','gesundheit','wohnen_umwelt'], i.domain)`;

function parseJson(value: unknown): unknown {
	return typeof value === 'string' ? JSON.parse(value) : value;
}

/**
 * Public indicators (domain order, then sort order and name) with the years they have values for;
 * name, unit and description in the reader's language where translated (German otherwise).
 */
export async function listPublicIndicators(
	db: Kysely<DB>,
	locale: Locale = 'de'
): Promise<PublicIndicator[]> {
	const rows = await db
		.selectFrom('indicator as i')
		.select([
			'i.id',
			'i.key',
			'i.name',
			'i.definition',
			'i.unit',
			'i.source',
			'i.as_of',
			'i.domain',
			'i.polarity',
			'i.value_type',
			'i.aggregation',
			'i.scale',
			'i.categories',
			'i.in_composite_index',
			'i.numerator_id',
			'i.denominator_id',
			'i.translations',
			sql<boolean>`coalesce((select d.visibility = 'public' from qk.indicator d where d.id = i.denominator_id), false)`.as(
				'denominator_public'
			),
			sql<number[] | null>`(select array_agg(distinct v.year order by v.year) from qk.indicator_value v
				where v.indicator_id = i.id)`.as('years')
		])
		.where('i.visibility', '=', 'public')
		.orderBy(DOMAIN_ORDER)
		.orderBy('i.sort_order')
		.orderBy('i.name')
		.execute();
	return rows.map((r) => {
		const categories = parseJson(r.categories);
		const translations = parseJson(r.translations) as IndicatorTranslations | null;
		const indicator = {
			id: r.id,
			key: r.key,
			name: r.name,
			definition: r.definition,
			unit: r.unit,
			source: r.source,
			asOf: r.as_of,
			domain: r.domain as Domain,
			polarity: r.polarity as Polarity,
			valueType: r.value_type as 'numeric' | 'categorical',
			aggregation: r.aggregation as Aggregation,
			scale: r.scale,
			categories: Array.isArray(categories) ? (categories as string[]) : null,
			inCompositeIndex: r.in_composite_index,
			numeratorId: r.aggregation === 'rate' ? r.numerator_id : null,
			denominatorId: r.aggregation === 'rate' ? r.denominator_id : null,
			showsCount: r.aggregation === 'rate' && Boolean(r.denominator_public),
			weightId: r.aggregation === 'none' && r.numerator_id === null ? r.denominator_id : null,
			years: (r.years ?? []).map(Number)
		};
		return localizeIndicator(indicator, translations, locale);
	});
}

/** Area levels top-down with how many current areas they have and whether any has a geometry. */
export async function listLevels(db: Kysely<DB>): Promise<LevelRow[]> {
	const rows = await db
		.selectFrom('area_level as l')
		.leftJoin('area as a', (join) => join.onRef('a.level_id', '=', 'l.id').on('a.valid_to', 'is', null))
		.select([
			'l.id',
			'l.key',
			'l.name',
			'l.rank',
			sql<number>`count(a.id)::int`.as('area_count'),
			sql<boolean>`coalesce(bool_or(a.geometry is not null), false)`.as('has_geometry')
		])
		.groupBy(['l.id', 'l.key', 'l.name', 'l.rank'])
		.orderBy('l.rank')
		.execute();
	return rows
		.map((r) => ({
			id: r.id,
			key: r.key,
			name: r.name,
			rank: r.rank,
			areaCount: Number(r.area_count),
			hasGeometry: Boolean(r.has_geometry)
		}))
		.filter((l) => l.areaCount > 0);
}

function areaQuery(db: Kysely<DB>) {
	return db
		.selectFrom('area as a')
		.innerJoin('area_level as l', 'l.id', 'a.level_id')
		.leftJoin('area as p', 'p.id', 'a.parent_id')
		.select([
			'a.id',
			'a.key',
			'a.name',
			'l.key as level_key',
			'a.parent_id',
			'p.key as parent_key',
			'a.population',
			'a.population_year'
		]);
}

type AreaQueryRow = Awaited<ReturnType<ReturnType<typeof areaQuery>['execute']>>[number];

const toLevelArea = (r: AreaQueryRow): LevelArea => ({
	id: r.id,
	key: r.key,
	name: r.name,
	levelKey: r.level_key,
	parentId: r.parent_id,
	parentKey: r.parent_key,
	population: r.population,
	populationYear: r.population_year
});

/** Current areas of one level in key order. */
export async function listLevelAreas(db: Kysely<DB>, levelKey: string): Promise<LevelArea[]> {
	const rows = await areaQuery(db)
		.where('l.key', '=', levelKey)
		.where('a.valid_to', 'is', null)
		.orderBy('a.key')
		.execute();
	return rows.map(toLevelArea);
}

/** Current children of an area in key order. */
export async function listChildAreas(db: Kysely<DB>, parentId: string): Promise<LevelArea[]> {
	const rows = await areaQuery(db)
		.where('a.parent_id', '=', parentId)
		.where('a.valid_to', 'is', null)
		.orderBy('a.key')
		.execute();
	return rows.map(toLevelArea);
}

/** The whole city: the only current area of the top level (null when there are several or none). */
export async function findRootArea(db: Kysely<DB>): Promise<LevelArea | null> {
	const rows = await areaQuery(db)
		.where('a.valid_to', 'is', null)
		.where('a.parent_id', 'is', null)
		.orderBy('l.rank')
		.limit(2)
		.execute();
	return rows.length === 1 ? toLevelArea(rows[0]) : null;
}

/** Current areas with this key (one per level that uses the key), top level first. */
export async function findAreasByKey(db: Kysely<DB>, key: string): Promise<(LevelArea & { rank: number })[]> {
	const rows = await areaQuery(db)
		.select('l.rank')
		.where('a.key', '=', key)
		.where('a.valid_to', 'is', null)
		.orderBy('l.rank')
		.execute();
	return rows.map((r) => ({ ...toLevelArea(r), rank: r.rank }));
}

/** Raw values of some indicators for some areas (optionally one year). */
export async function listRawValues(
	db: Kysely<DB>,
	query: { indicatorIds: readonly string[]; areaIds: readonly string[]; year?: number }
): Promise<RawValue[]> {
	if (query.indicatorIds.length === 0 || query.areaIds.length === 0) return [];
	const rows = await db
		.selectFrom('indicator_value')
		.select(['indicator_id', 'area_id', 'year', 'value', 'category', 'reason'])
		.where('indicator_id', 'in', [...query.indicatorIds])
		.where('area_id', 'in', [...query.areaIds])
		.$if(query.year !== undefined, (q) => q.where('year', '=', query.year!))
		.execute();
	return rows.map((r) => ({
		indicatorId: r.indicator_id,
		areaId: r.area_id,
		year: r.year,
		value: r.value,
		category: r.category,
		reason: r.reason as ValueReason | null
	}));
}

/** One current or historic area by id (for parent links). */
export async function getLevelArea(
	db: Kysely<DB>,
	id: string
): Promise<(LevelArea & { levelName: string }) | null> {
	const row = await areaQuery(db).select('l.name as level_name').where('a.id', '=', id).executeTakeFirst();
	return row ? { ...toLevelArea(row), levelName: row.level_name } : null;
}

/** The current top areas (no parent): one city, or e.g. the Bezirke of Berlin when there is no city level. */
export async function listTopAreas(db: Kysely<DB>): Promise<LevelArea[]> {
	const rows = await areaQuery(db)
		.where('a.valid_to', 'is', null)
		.where('a.parent_id', 'is', null)
		.orderBy('a.key')
		.execute();
	return rows.map(toLevelArea);
}

/** Current areas of a level with their display geometry (GeoJSON, WGS84) for the open-data export. */
export async function listLevelGeometries(
	db: Kysely<DB>,
	levelKey: string
): Promise<(LevelArea & { geometry: unknown })[]> {
	const rows = await areaQuery(db)
		.select('a.geometry')
		.where('l.key', '=', levelKey)
		.where('a.valid_to', 'is', null)
		.orderBy('a.key')
		.execute();
	return rows.map((r) => ({ ...toLevelArea(r), geometry: parseJson(r.geometry) ?? null }));
}

/**
 * A cheap fingerprint of a level's current areas: every insert, update or delete of an area row (or of
 * its parent row) gives the row a new transaction id (xmin), so the fingerprint changes with any edit.
 * Indicator values and indicators are in it too: they decide which populations are protected.
 */
export async function levelFingerprint(db: Kysely<DB>, levelKey: string): Promise<string | null> {
	const row = await db
		.selectFrom('area as a')
		.innerJoin('area_level as l', 'l.id', 'a.level_id')
		.leftJoin('area as p', 'p.id', 'a.parent_id')
		.select(
			sql<
				string | null
			>`md5(string_agg(a.id::text || ':' || a.xmin::text || ':' || coalesce(p.xmin::text, '-'), ',' order by a.id)
				|| (select count(*)::text || ':' || coalesce(sum(v.xmin::text::bigint), 0)::text from qk.indicator_value v)
				|| coalesce((select string_agg(i.id::text || ':' || i.xmin::text, ',' order by i.id) from qk.indicator i), ''))`.as(
				'fingerprint'
			)
		)
		.where('l.key', '=', levelKey)
		.where('a.valid_to', 'is', null)
		.executeTakeFirst();
	return row?.fingerprint ?? null;
}
