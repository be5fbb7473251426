// A consultation's area of participation ("Beteiligungsgebiet"): its consultation_area rows (or the
// whole city when it has none) as shapes for the maps, and as the set of areas a contribution's
// place must touch. Reads only.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/types';
import type { AssignedArea } from './assignment';

export interface ConsultationAreaShape {
	type: 'Feature';
	id: string;
	geometry: unknown;
	properties: { key: string; name: string; level: string };
}

export interface ConsultationAreaShapes {
	type: 'FeatureCollection';
	features: ConsultationAreaShape[];
}

/** The consultation's areas (display geometry), or the city's root areas when it names none. */
export async function consultationAreaShapes(
	db: Kysely<DB>,
	consultationAreaIds: string[]
): Promise<ConsultationAreaShapes> {
	let query = db
		.selectFrom('area')
		.innerJoin('area_level', 'area_level.id', 'area.level_id')
		.select(['area.id', 'area.key', 'area.name', 'area_level.name as level', 'area.geometry'])
		.where('area.geometry', 'is not', null)
		.orderBy('area.name');
	query = consultationAreaIds.length
		? query.where('area.id', 'in', consultationAreaIds)
		: query.where('area.parent_id', 'is', null).where('area.valid_to', 'is', null);
	const rows = await query.execute();
	return {
		type: 'FeatureCollection',
		features: rows.map((r) => ({
			type: 'Feature',
			id: String(r.id),
			geometry: r.geometry,
			properties: { key: r.key, name: r.name, level: r.level }
		}))
	};
}

/**
 * Ids of the consultation's areas and all their current descendants; null when the consultation
 * names no areas (then the whole city counts: any area will do).
 */
export async function consultationAreaScope(
	db: Kysely<DB>,
	consultationAreaIds: string[]
): Promise<Set<string> | null> {
	if (consultationAreaIds.length === 0) return null;
	const result = await sql<{ id: string }>`
		with recursive down (id, depth) as (
			select a.id, 0 from qk.area a where a.id = any(${consultationAreaIds}::uuid[])
			union all
			select c.id, d.depth + 1 from down d join qk.area c on c.parent_id = d.id and c.valid_to is null
			where d.depth < 32
		)
		select distinct id from down`.execute(db);
	return new Set(result.rows.map((r) => String(r.id)));
}

/** Whether an area assignment (areas with their ancestors) touches the consultation's areas. */
export function insideConsultation(assigned: AssignedArea[], scope: Set<string> | null): boolean {
	if (scope === null) return assigned.length > 0;
	return assigned.some((a) => scope.has(a.id));
}

/**
 * The command's check: refuses (field error on `geometry` or `areaIds`) a place whose areas do not
 * touch the consultation's areas or their descendants; null when the place is inside.
 */
export async function checkInsideConsultation(
	db: Kysely<DB>,
	facts: { areaIds: string[] } | null,
	assigned: AssignedArea[],
	field: 'geometry' | 'areaIds'
): Promise<{ ok: false; code: 'invalid'; errors: Record<string, string> } | null> {
	if (!facts) return null;
	if (insideConsultation(assigned, await consultationAreaScope(db, facts.areaIds))) return null;
	return { ok: false, code: 'invalid', errors: { [field]: 'contributions.errors.outsideConsultation' } };
}
