// Area lookups other modules need (by id, by key, relatives), so no module reads the area tables
// itself.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../db/types';

export interface AreaLabel {
	id: string;
	key: string;
	name: string;
	levelKey: string;
	levelName: string;
	rank: number;
}

/** The given areas (any version) with their level, top level first, then by name. */
export async function areaLabels(db: Kysely<DB>, ids: readonly string[]): Promise<AreaLabel[]> {
	if (ids.length === 0) return [];
	const rows = await db
		.selectFrom('area')
		.innerJoin('area_level', 'area_level.id', 'area.level_id')
		.select([
			'area.id',
			'area.key',
			'area.name',
			'area_level.key as level_key',
			'area_level.name as level_name',
			'area_level.rank'
		])
		.where('area.id', 'in', [...new Set(ids)])
		.orderBy('area_level.rank')
		.orderBy('area.name')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		key: r.key,
		name: r.name,
		levelKey: r.level_key,
		levelName: r.level_name,
		rank: r.rank
	}));
}

/** Every current area with its level (for pickers), top level first, then by name. */
export async function currentAreaLabels(db: Kysely<DB>): Promise<AreaLabel[]> {
	const rows = await db.selectFrom('area').select('id').where('valid_to', 'is', null).execute();
	return areaLabels(
		db,
		rows.map((r) => r.id)
	);
}

/** The current area with this key (keys are unique per level; the first level wins). */
export async function currentAreaIdByKey(db: Kysely<DB>, key: string): Promise<string | null> {
	const row = await db
		.selectFrom('area')
		.innerJoin('area_level', 'area_level.id', 'area.level_id')
		.select('area.id')
		.where('area.key', '=', key)
		.where('area.valid_to', 'is', null)
		.orderBy('area_level.rank')
		.executeTakeFirst();
	return row?.id ?? null;
}

/** The newest version of the area with this level and key. */
export async function newestAreaId(db: Kysely<DB>, levelKey: string, key: string): Promise<string | null> {
	const row = await db
		.selectFrom('area')
		.innerJoin('area_level', 'area_level.id', 'area.level_id')
		.select('area.id')
		.where('area_level.key', '=', levelKey)
		.where('area.key', '=', key)
		.orderBy('area.valid_from', 'desc')
		.limit(1)
		.executeTakeFirst();
	return row?.id ?? null;
}

/**
 * Area ids related to an area, as a subquery: itself, every area above it and every area below it.
 * A consultation for the whole Stadtteil concerns each of its Quartiere, and a consultation for one
 * Quartier concerns the Stadtteil it lies in — so both directions count.
 */
export function relatedAreaIds(areaId: string): RawBuilder<{ id: string }> {
	const areaIdExpr = sql`${areaId}::uuid`;
	return sql<{ id: string }>`
		with recursive up (id, parent_id, depth) as (
			select a.id, a.parent_id, 0 from qk.area a where a.id = ${areaIdExpr}
			union all
			select p.id, p.parent_id, up.depth + 1 from up join qk.area p on p.id = up.parent_id where up.depth < 32
		), down (id, depth) as (
			select a.id, 0 from qk.area a where a.id = ${areaIdExpr}
			union all
			select c.id, down.depth + 1 from down join qk.area c on c.parent_id = down.id where down.depth < 32
		)
		select id from up union select id from down`;
}

/** The area and every area inside it, any depth (for "Was passiert in meinem Quartier?"). */
export async function areaAndDescendantIds(db: Kysely<DB>, areaId: string): Promise<string[]> {
	const result = await sql<{ id: string }>`
		with recursive down (id, depth) as (
			select a.id, 0 from qk.area a where a.id = ${areaId}::uuid
			union all
			select c.id, down.depth + 1 from down join qk.area c on c.parent_id = down.id where down.depth < 32
		)
		select distinct id from down`.execute(db);
	return result.rows.map((r) => String(r.id));
}
