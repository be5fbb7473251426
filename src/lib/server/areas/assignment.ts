// Area assignment of any geometry (every module's input), the area picker and map bounds.
// Server side of area assignment: candidates prefiltered by bounding box in SQL (GiST index on
// qk.area.bbox), exact test in TypeScript, then every ancestor added, so all levels are covered.
import { sql, type Kysely } from 'kysely';
import { assignAreas, contributionBbox, type AreaGeometry } from '../../geo/area-assignment';
import { fromPostgresBox, mergeBboxes, toPostgresBox } from '../../geo/bbox';
import type { DB } from '../db/types';
import type { ContributionGeometry } from '../../geo/area-assignment';

export interface AssignedArea {
	id: string;
	key: string;
}

function isAreaGeometry(g: unknown): g is AreaGeometry {
	return !!g && typeof g === 'object' && 'type' in g && (g.type === 'Polygon' || g.type === 'MultiPolygon');
}

/** Current (valid_to is null) areas plus all their current ancestors, by id. */
async function withAncestors(db: Kysely<DB>, ids: string[]): Promise<AssignedArea[]> {
	if (ids.length === 0) return [];
	const result = await sql<{ id: string; key: string }>`
		with recursive up (id, parent_id, depth) as (
			select a.id, a.parent_id, 0 from qk.area a where a.id = any(${ids}::uuid[]) and a.valid_to is null
			union all
			select p.id, p.parent_id, up.depth + 1 from up join qk.area p on p.id = up.parent_id where up.depth < 32
		)
		select distinct a.id, a.key, l.rank
		from up join qk.area a on a.id = up.id join qk.area_level l on l.id = a.level_id
		order by l.rank, a.key`.execute(db);
	return result.rows.map((r) => ({ id: String(r.id), key: r.key }));
}

/** Every current area, at every level, that the geometry touches. */
export async function areasTouching(db: Kysely<DB>, geometry: ContributionGeometry): Promise<AssignedArea[]> {
	const box = toPostgresBox(contributionBbox(geometry));
	const rows = await db
		.selectFrom('area')
		.select(['id', 'key', 'geometry'])
		.where('valid_to', 'is', null)
		.where('geometry', 'is not', null)
		.where(sql<boolean>`bbox && ${box}::box`)
		.execute();
	const candidates = rows
		.filter((r) => isAreaGeometry(r.geometry))
		.map((r) => ({ id: r.id, key: r.key, geometry: r.geometry as unknown as AreaGeometry }));
	const hits = assignAreas(geometry, candidates);
	return withAncestors(
		db,
		hits.map((h) => h.id)
	);
}

/** Areas chosen in the picker (current versions only) with their ancestors; unknown ids are dropped. */
export async function pickedAreas(db: Kysely<DB>, areaIds: string[]): Promise<AssignedArea[]> {
	return withAncestors(db, [...new Set(areaIds)]);
}

export interface PickerGroup {
	parent: { id: string; name: string } | null;
	areas: { id: string; key: string; name: string }[];
}

/**
 * Areas offered in the picker: the deepest level's current areas inside the consultation's areas
 * (or the whole city when it has none), grouped by their parent (e.g. Quartiere by Stadtteil).
 */
export async function areaPickerGroups(
	db: Kysely<DB>,
	consultationAreaIds: string[]
): Promise<PickerGroup[]> {
	const roots = consultationAreaIds.length
		? sql`select a.id from qk.area a where a.id = any(${consultationAreaIds}::uuid[])`
		: sql`select a.id from qk.area a where a.parent_id is null and a.valid_to is null`;
	const result = await sql<{
		id: string;
		key: string;
		name: string;
		rank: number;
		parent_id: string | null;
		parent_name: string | null;
	}>`
		with recursive down (id) as (
			${roots}
			union all
			select c.id from down d join qk.area c on c.parent_id = d.id and c.valid_to is null
		)
		select a.id, a.key, a.name, l.rank, p.id as parent_id, p.name as parent_name
		from (select distinct id from down) d
		join qk.area a on a.id = d.id
		join qk.area_level l on l.id = a.level_id
		left join qk.area p on p.id = a.parent_id
		order by p.name nulls first, a.name`.execute(db);
	const maxRank = Math.max(...result.rows.map((r) => Number(r.rank)));
	const groups = new Map<string, PickerGroup>();
	for (const r of result.rows.filter((r) => Number(r.rank) === maxRank)) {
		const gk = r.parent_id ?? '';
		let g = groups.get(gk);
		if (!g) {
			g = { parent: r.parent_id ? { id: String(r.parent_id), name: r.parent_name ?? '' } : null, areas: [] };
			groups.set(gk, g);
		}
		g.areas.push({ id: String(r.id), key: r.key, name: r.name });
	}
	return [...groups.values()];
}

/** The initial map view: the box around the consultation's areas (or the whole city). */
export async function consultationBounds(
	db: Kysely<DB>,
	consultationAreaIds: string[]
): Promise<[number, number, number, number] | null> {
	let query = db
		.selectFrom('area')
		.select(sql<string>`bbox::text`.as('bbox'))
		.where('bbox', 'is not', null);
	query = consultationAreaIds.length
		? query.where('id', 'in', consultationAreaIds)
		: query.where('parent_id', 'is', null).where('valid_to', 'is', null);
	const rows = await query.execute();
	return mergeBboxes(rows.map((r) => fromPostgresBox(r.bbox)));
}
