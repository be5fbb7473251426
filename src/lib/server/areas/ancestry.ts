// Builds permission subjects for areas: each area's id plus the ids of every area above it,
// so rules like "a grant on a Stadtteil covers its Quartiere" stay pure functions.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../db/types';
import type { AreaRef } from '../auth/grant-rules';
import type { AreaLabel } from './lookup';

/** Deeper than any real hierarchy; stops a (corrupt) parent cycle from looping forever. */
const MAX_DEPTH = 32;

/**
 * One AreaRef per known area id, in the order asked for (unknown ids are left out, so callers can
 * tell). ancestorIds run from the parent up to the root.
 */
export async function loadAreaAncestry(db: Kysely<DB>, areaIds: readonly string[]): Promise<AreaRef[]> {
	const unique = [...new Set(areaIds)];
	if (unique.length === 0) return [];
	const result = await sql<{ id: string; ancestor_ids: string[] | null }>`
		with recursive chain (start_id, id, parent_id, depth) as (
			select a.id, a.id, a.parent_id, 0
			from qk.area a
			where a.id = any(${unique}::uuid[])
			union all
			select c.start_id, p.id, p.parent_id, c.depth + 1
			from chain c
			join qk.area p on p.id = c.parent_id
			where c.depth < ${MAX_DEPTH}
		)
		select start_id as id,
			array_agg(id::text order by depth) filter (where depth > 0) as ancestor_ids
		from chain
		group by start_id`.execute(db);
	const byId = new Map(result.rows.map((r) => [String(r.id), r.ancestor_ids ?? []]));
	return unique.filter((id) => byId.has(id)).map((id) => ({ id, ancestorIds: byId.get(id)! }));
}

/** An area with its label and ancestry (parent first), as the consultation's own query returns it. */
export type LabelledAreaRef = AreaLabel & { ancestorIds: string[] };

/**
 * A consultation's areas with labels (top level first, then by name) and ancestry as one JSON value,
 * for a select over `qk.consultation`: the consultation is read in one round trip (every public map
 * request reads it), instead of three.
 */
export function consultationAreasJson(): RawBuilder<LabelledAreaRef[]> {
	return sql<LabelledAreaRef[]>`coalesce((
		with recursive chain (start_id, id, parent_id, depth) as (
			select a.id, a.id, a.parent_id, 0
			from qk.consultation_area ca
			join qk.area a on a.id = ca.area_id
			where ca.consultation_id = consultation.id
			union all
			select c.start_id, p.id, p.parent_id, c.depth + 1
			from chain c
			join qk.area p on p.id = c.parent_id
			where c.depth < ${sql.lit(MAX_DEPTH)}
		)
		select json_agg(json_build_object(
				'id', a.id, 'key', a.key, 'name', a.name,
				'levelKey', l.key, 'levelName', l.name, 'rank', l.rank,
				'ancestorIds', coalesce((
					select json_agg(ch.id order by ch.depth) from chain ch where ch.start_id = a.id and ch.depth > 0
				), '[]'::json))
			order by l.rank, a.name)
		from qk.area a
		join qk.area_level l on l.id = a.level_id
		where a.id in (select start_id from chain where depth = 0)
	), '[]'::json)`;
}
