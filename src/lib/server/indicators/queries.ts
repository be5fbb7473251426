// Reads of indicators and their values. Visibility is filtered in SQL.
import { sql, type Kysely } from 'kysely';
import type { ValueReason } from '../../stats/official-values';
import type { DB } from '../db/types';
import type { Aggregation, Domain, IndicatorPolarity, ValueType, Visibility } from './schemas';

export interface IndicatorRow {
	id: string;
	key: string;
	name: string;
	definition: string;
	unit: string;
	source: string;
	/** the licence of the data ('' = the platform's) */
	licence: string;
	asOf: string;
	domain: Domain;
	polarity: IndicatorPolarity;
	visibility: Visibility;
	valueType: ValueType;
	aggregation: Aggregation;
	numeratorId: string | null;
	denominatorId: string | null;
	scale: number;
	categories: string[] | null;
	inCompositeIndex: boolean;
	sortOrder: number;
	isDemo: boolean;
}

export interface IndicatorFilter {
	/** only public indicators (everything published: map, profiles, API) */
	publicOnly?: boolean;
	domain?: Domain;
}

const COLUMNS = [
	'id',
	'key',
	'name',
	'definition',
	'unit',
	'source',
	'licence',
	'as_of',
	'domain',
	'polarity',
	'visibility',
	'value_type',
	'aggregation',
	'numerator_id',
	'denominator_id',
	'scale',
	'categories',
	'in_composite_index',
	'sort_order',
	'is_demo'
] as const;

type Raw = {
	id: string;
	key: string;
	name: string;
	definition: string;
	unit: string;
	source: string;
	licence: string;
	as_of: string;
	domain: string;
	polarity: string;
	visibility: string;
	value_type: string;
	aggregation: string;
	numerator_id: string | null;
	denominator_id: string | null;
	scale: number;
	categories: unknown;
	in_composite_index: boolean;
	sort_order: number;
	is_demo: boolean;
};

function toRow(r: Raw): IndicatorRow {
	const categories = typeof r.categories === 'string' ? JSON.parse(r.categories) : r.categories;
	return {
		id: r.id,
		key: r.key,
		name: r.name,
		definition: r.definition,
		unit: r.unit,
		source: r.source,
		licence: r.licence,
		asOf: r.as_of,
		domain: r.domain as Domain,
		polarity: r.polarity as IndicatorPolarity,
		visibility: r.visibility as Visibility,
		valueType: r.value_type as ValueType,
		aggregation: r.aggregation as Aggregation,
		numeratorId: r.numerator_id,
		denominatorId: r.denominator_id,
		scale: r.scale,
		categories: Array.isArray(categories) ? (categories as string[]) : null,
		inCompositeIndex: r.in_composite_index,
		sortOrder: r.sort_order,
		isDemo: r.is_demo
	};
}

/** Indicators ordered by domain order, then sort order and name. */
export async function listIndicators(db: Kysely<DB>, filter: IndicatorFilter = {}): Promise<IndicatorRow[]> {
	const rows = await db
		.selectFrom('indicator')
		.select(COLUMNS)
		.$if(filter.publicOnly === true, (q) => q.where('visibility', '=', 'public'))
		.$if(filter.domain !== undefined, (q) => q.where('domain', '=', filter.domain!))
		.orderBy(
			sql`array_position(array['basisdaten','oekonomische_situation','erziehung_bildung','gesundheit','wohnen_umwelt'], domain)`
		)
		.orderBy('sort_order')
		.orderBy('name')
		.execute();
	return rows.map(toRow);
}

export async function getIndicator(
	db: Kysely<DB>,
	id: string,
	filter: { publicOnly?: boolean } = {}
): Promise<IndicatorRow | null> {
	if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
	const row = await db
		.selectFrom('indicator')
		.select(COLUMNS)
		.where('id', '=', id)
		.$if(filter.publicOnly === true, (q) => q.where('visibility', '=', 'public'))
		.executeTakeFirst();
	return row ? toRow(row) : null;
}

export async function getIndicatorByKey(
	db: Kysely<DB>,
	key: string,
	filter: { publicOnly?: boolean } = {}
): Promise<IndicatorRow | null> {
	const row = await db
		.selectFrom('indicator')
		.select(COLUMNS)
		.where('key', '=', key)
		.$if(filter.publicOnly === true, (q) => q.where('visibility', '=', 'public'))
		.executeTakeFirst();
	return row ? toRow(row) : null;
}

/** Years that have values (own or derived) for the indicator, ascending. */
export async function indicatorYears(db: Kysely<DB>, indicatorId: string): Promise<number[]> {
	const rows = await db
		.selectFrom('indicator_value')
		.select('year')
		.distinct()
		.where('indicator_id', '=', indicatorId)
		.orderBy('year')
		.execute();
	return rows.map((r) => r.year);
}

export interface IndicatorValueRow {
	areaId: string;
	areaKey: string;
	areaName: string;
	parentId: string | null;
	/** the area's population (as stored on the area row) and its year */
	population: number | null;
	populationYear: number | null;
	/** null when there is no value: see `reason` (null reason + hasValue false = no row at all) */
	value: number | null;
	category: string | null;
	reason: ValueReason | null;
	hasValue: boolean;
	derived: boolean;
	/** the absolute count behind the value: the numerator of a rate, the value of a count */
	count: number | null;
	/** the denominator of a rate */
	denominator: number | null;
}

/**
 * Values of one indicator for every current area of one level in one year, in area key order.
 * Areas without a value are included (hasValue false). No suppression here: callers that publish
 * apply src/lib/stats/suppression.ts.
 */
export async function listIndicatorValues(
	db: Kysely<DB>,
	query: { indicatorId: string; levelKey: string; year: number }
): Promise<IndicatorValueRow[]> {
	const indicator = await db
		.selectFrom('indicator')
		.select(['aggregation', 'numerator_id', 'denominator_id'])
		.where('id', '=', query.indicatorId)
		.executeTakeFirst();
	if (!indicator) return [];
	const numeratorId = indicator.aggregation === 'rate' ? indicator.numerator_id : null;
	const denominatorId = indicator.aggregation === 'rate' ? indicator.denominator_id : null;
	const rows = await db
		.selectFrom('area')
		.innerJoin('area_level', 'area_level.id', 'area.level_id')
		.leftJoin('indicator_value as v', (join) =>
			join
				.onRef('v.area_id', '=', 'area.id')
				.on('v.indicator_id', '=', query.indicatorId)
				.on('v.year', '=', query.year)
		)
		.leftJoin('indicator_value as n', (join) =>
			join
				.onRef('n.area_id', '=', 'area.id')
				.on('n.indicator_id', '=', numeratorId ?? '00000000-0000-0000-0000-000000000000')
				.on('n.year', '=', query.year)
		)
		.leftJoin('indicator_value as d', (join) =>
			join
				.onRef('d.area_id', '=', 'area.id')
				.on('d.indicator_id', '=', denominatorId ?? '00000000-0000-0000-0000-000000000000')
				.on('d.year', '=', query.year)
		)
		.select([
			'area.id as area_id',
			'area.key as area_key',
			'area.name as area_name',
			'area.parent_id',
			'area.population',
			'area.population_year',
			'v.value',
			'v.category',
			'v.reason',
			'v.derived',
			'v.indicator_id as has_row',
			'n.value as numerator',
			'd.value as denominator'
		])
		.where('area_level.key', '=', query.levelKey)
		.where('area.valid_to', 'is', null)
		.orderBy('area.key')
		.execute();
	return rows.map((r) => ({
		areaId: r.area_id,
		areaKey: r.area_key,
		areaName: r.area_name,
		parentId: r.parent_id,
		population: r.population,
		populationYear: r.population_year,
		value: r.value,
		category: r.category,
		reason: r.reason as ValueReason | null,
		hasValue: r.has_row !== null,
		derived: r.derived ?? false,
		count: indicator.aggregation === 'rate' ? r.numerator : indicator.aggregation === 'sum' ? r.value : null,
		denominator: indicator.aggregation === 'rate' ? r.denominator : null
	}));
}

export interface IndicatorOverview extends IndicatorRow {
	years: number[];
	/** own (imported) values */
	values: number;
	derivedValues: number;
}

/** The admin list: every indicator with its years and value counts. */
export async function listIndicatorOverview(db: Kysely<DB>): Promise<IndicatorOverview[]> {
	const [indicators, stats] = await Promise.all([
		listIndicators(db),
		db
			.selectFrom('indicator_value')
			.select([
				'indicator_id',
				sql<number[]>`array_agg(distinct year order by year)`.as('years'),
				sql<number>`count(*) filter (where not derived)::int`.as('own'),
				sql<number>`count(*) filter (where derived)::int`.as('derived')
			])
			.groupBy('indicator_id')
			.execute()
	]);
	const byId = new Map(stats.map((s) => [s.indicator_id, s]));
	return indicators.map((i) => {
		const s = byId.get(i.id);
		return { ...i, years: s?.years ?? [], values: s?.own ?? 0, derivedValues: s?.derived ?? 0 };
	});
}

export interface IndicatorValueSample {
	areaKey: string;
	areaName: string;
	levelName: string;
	year: number;
	value: number | null;
	category: string | null;
	reason: ValueReason | null;
	derived: boolean;
}

/** Values of one indicator for the admin detail page (top level first, at most `limit`). */
export async function listIndicatorValueSample(
	db: Kysely<DB>,
	indicatorId: string,
	options: { year?: number; limit?: number } = {}
): Promise<IndicatorValueSample[]> {
	const rows = await db
		.selectFrom('indicator_value as v')
		.innerJoin('area', 'area.id', 'v.area_id')
		.innerJoin('area_level', 'area_level.id', 'area.level_id')
		.select([
			'area.key',
			'area.name',
			'area_level.name as level_name',
			'v.year',
			'v.value',
			'v.category',
			'v.reason',
			'v.derived'
		])
		.where('v.indicator_id', '=', indicatorId)
		.$if(options.year !== undefined, (q) => q.where('v.year', '=', options.year!))
		.orderBy('v.year', 'desc')
		.orderBy('area_level.rank')
		.orderBy('area.key')
		.limit(options.limit ?? 200)
		.execute();
	return rows.map((r) => ({
		areaKey: r.key,
		areaName: r.name,
		levelName: r.level_name,
		year: r.year,
		value: r.value,
		category: r.category,
		reason: r.reason as ValueReason | null,
		derived: r.derived
	}));
}
