// Reads of area levels and areas (Sozialräume). Only current versions (valid_to is null) unless said otherwise.
import type { Kysely } from 'kysely';
import type { MultiPolygon, Polygon } from 'geojson';
import { fromPostgresBox, type BBox } from '../../geo';
import type { DB } from '../db/types';

export interface AreaLevelRow {
	id: string;
	key: string;
	name: string;
	/** 0 is the top (the whole city). */
	rank: number;
}

export interface AreaRow {
	id: string;
	levelKey: string;
	levelName: string;
	rank: number;
	key: string;
	name: string;
	parentId: string | null;
	population: number | null;
	populationYear: number | null;
	validFrom: string;
	validTo: string | null;
	bbox: BBox | null;
	isDemo: boolean;
}

export interface AreaWithGeometry extends AreaRow {
	geometry: Polygon | MultiPolygon | null;
}

export interface AreaTreeNode extends AreaRow {
	children: AreaTreeNode[];
}

export interface AreaFilter {
	levelKey?: string;
	parentId?: string;
}

export async function listAreaLevels(db: Kysely<DB>): Promise<AreaLevelRow[]> {
	return db.selectFrom('area_level').select(['id', 'key', 'name', 'rank']).orderBy('rank').execute();
}

function baseQuery(db: Kysely<DB>) {
	return db
		.selectFrom('area')
		.innerJoin('area_level', 'area_level.id', 'area.level_id')
		.select([
			'area.id',
			'area_level.key as level_key',
			'area_level.name as level_name',
			'area_level.rank',
			'area.key',
			'area.name',
			'area.parent_id',
			'area.population',
			'area.population_year',
			'area.valid_from',
			'area.valid_to',
			'area.bbox',
			'area.is_demo'
		]);
}

type BaseRow = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number];

function toAreaRow(r: BaseRow): AreaRow {
	return {
		id: r.id,
		levelKey: r.level_key,
		levelName: r.level_name,
		rank: r.rank,
		key: r.key,
		name: r.name,
		parentId: r.parent_id,
		population: r.population,
		populationYear: r.population_year,
		validFrom: r.valid_from,
		validTo: r.valid_to,
		bbox: r.bbox ? fromPostgresBox(String(r.bbox)) : null,
		isDemo: r.is_demo
	};
}

function asGeometry(value: unknown): Polygon | MultiPolygon | null {
	const g = typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
	if (g && typeof g === 'object' && 'type' in g && (g.type === 'Polygon' || g.type === 'MultiPolygon'))
		return g as Polygon | MultiPolygon;
	return null;
}

/** Current areas, top level first, then by key. */
export async function listAreas(db: Kysely<DB>, filter: AreaFilter = {}): Promise<AreaRow[]> {
	const rows = await baseQuery(db)
		.where('area.valid_to', 'is', null)
		.$if(filter.levelKey !== undefined, (qb) => qb.where('area_level.key', '=', filter.levelKey!))
		.$if(filter.parentId !== undefined, (qb) => qb.where('area.parent_id', '=', filter.parentId!))
		.orderBy('area_level.rank')
		.orderBy('area.key')
		.execute();
	return rows.map(toAreaRow);
}

/** Current areas of one level with their display geometry. */
export async function listAreaGeometries(db: Kysely<DB>, levelKey: string): Promise<AreaWithGeometry[]> {
	const rows = await baseQuery(db)
		.select('area.geometry')
		.where('area.valid_to', 'is', null)
		.where('area_level.key', '=', levelKey)
		.orderBy('area.key')
		.execute();
	return rows.map((r) => ({ ...toAreaRow(r), geometry: asGeometry(r.geometry) }));
}

/** The newest version of an area by level and key (keys are text: '0101' ≠ '101'). */
export async function getAreaByKey(
	db: Kysely<DB>,
	levelKey: string,
	key: string
): Promise<AreaWithGeometry | undefined> {
	const row = await baseQuery(db)
		.select('area.geometry')
		.where('area_level.key', '=', levelKey)
		.where('area.key', '=', key)
		.orderBy('area.valid_from', 'desc')
		.limit(1)
		.executeTakeFirst();
	return row ? { ...toAreaRow(row), geometry: asGeometry(row.geometry) } : undefined;
}

/** All current areas as a tree (roots = areas without parent), children in key order. */
export async function areaTree(db: Kysely<DB>): Promise<AreaTreeNode[]> {
	const nodes = (await listAreas(db)).map((a): AreaTreeNode => ({ ...a, children: [] }));
	const byId = new Map(nodes.map((n) => [n.id, n]));
	const roots: AreaTreeNode[] = [];
	for (const node of nodes) {
		const parent = node.parentId ? byId.get(node.parentId) : undefined;
		if (parent) parent.children.push(node);
		else roots.push(node);
	}
	return roots;
}
