// A server-rendered outline map of the finest area level: SVG paths, no base map, no requests.
import type { Kysely } from 'kysely';
import { createSvgProjection, geometryBbox, geometryToSvgPath, mergeBboxes } from '../../geo';
import type { DB } from '../db/types';
import { listAreaGeometries, listAreaLevels } from './queries';

export interface OutlineMapArea {
	id: string;
	key: string;
	name: string;
	population: number | null;
	/** Index of the top-level ancestor below the root, for a calm colour per district. */
	group: number;
	d: string;
}

export interface OutlineMapBorder {
	id: string;
	/** 1 = the level just above the map's areas (e.g. Stadtteile), 2 = the one above that … */
	step: number;
	d: string;
}

export interface OutlineMap {
	levelName: string;
	viewBox: string;
	width: number;
	height: number;
	areas: OutlineMapArea[];
	/** Outlines of the coarser levels between the top and the map's level, drawn over the areas. */
	borders: OutlineMapBorder[];
}

/** Outlines of the areas of the finest level that has geometries, or null when none has. */
export async function outlineMap(db: Kysely<DB>, width = 640): Promise<OutlineMap | null> {
	const levels = await listAreaLevels(db);
	for (const level of [...levels].reverse()) {
		const areas = (await listAreaGeometries(db, level.key)).filter((a) => a.geometry);
		if (areas.length === 0) continue;
		const bbox = mergeBboxes(areas.map((a) => a.bbox ?? geometryBbox(a.geometry!)));
		if (!bbox) return null;
		const projection = createSvgProjection(bbox, width);
		// Group by the ancestor just below the top level (e.g. the Stadtbezirk): its key prefix is unreliable, so walk up.
		const parents = new Map(
			(await db.selectFrom('area').select(['id', 'parent_id']).where('valid_to', 'is', null).execute()).map(
				(r) => [r.id, r.parent_id]
			)
		);
		const groupIds: string[] = [];
		const groupOf = (id: string) => {
			let current = id;
			for (let parent = parents.get(current); parent && parents.get(parent); parent = parents.get(current))
				current = parent;
			let index = groupIds.indexOf(current);
			if (index < 0) index = groupIds.push(current) - 1;
			return index;
		};
		const borders: OutlineMapBorder[] = [];
		for (const upper of levels.filter((l) => l.rank > levels[0].rank && l.rank < level.rank)) {
			for (const a of await listAreaGeometries(db, upper.key)) {
				if (a.geometry)
					borders.push({
						id: a.id,
						step: level.rank - upper.rank,
						d: geometryToSvgPath(a.geometry, projection)
					});
			}
		}
		// Coarsest last, so its thicker line is on top.
		borders.sort((a, b) => a.step - b.step);
		return {
			levelName: level.name,
			viewBox: projection.viewBox,
			width: projection.width,
			height: projection.height,
			areas: areas.map((a) => ({
				id: a.id,
				key: a.key,
				name: a.name,
				population: a.population,
				group: groupOf(a.id),
				d: geometryToSvgPath(a.geometry!, projection)
			})),
			borders
		};
	}
	return null;
}
