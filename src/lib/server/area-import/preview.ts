// What the planner sees before committing: counts per level, the shapes as an inline SVG (same projection
// helpers as the home page map), and the areas as a table.
import { createSvgProjection, geometryBbox, geometryToSvgPath, mergeBboxes } from '../../geo';
import { displayGeometries, summariseLevels, type LevelSummary } from './commit';
import type { AreaImportPlan, AreaStatus } from './types';

export interface PreviewArea {
	levelName: string;
	key: string;
	name: string;
	parent: string | null;
	population: number | null;
	status: AreaStatus;
	row: number;
}

export interface PreviewMap {
	levelName: string;
	viewBox: string;
	width: number;
	height: number;
	paths: { key: string; name: string; status: AreaStatus; d: string }[];
}

export interface AreaImportPreview {
	levels: LevelSummary[];
	map: PreviewMap | null;
	areas: PreviewArea[];
	/** How many areas the table leaves out (it shows the first ones of each level). */
	areasOmitted: number;
	unmatchedParents: { levelName: string; row: number; key: string; lookup: string }[];
}

export function buildPreview(plan: AreaImportPlan, rowsPerLevel = 200, width = 640): AreaImportPreview {
	let map: PreviewMap | null = null;
	const mapLevel = plan.levels.find((l) => l.areas.some((a) => a.geometry));
	if (plan.source.kind === 'boundaries' && mapLevel) {
		const geometries = displayGeometries(mapLevel.areas);
		const bbox = mergeBboxes(geometries.map((g) => (g ? geometryBbox(g) : null)));
		if (bbox) {
			const projection = createSvgProjection(bbox, width);
			map = {
				levelName: mapLevel.name,
				viewBox: projection.viewBox,
				width: projection.width,
				height: projection.height,
				paths: mapLevel.areas.flatMap((a, i) =>
					geometries[i]
						? [
								{
									key: a.key,
									name: a.name,
									status: a.status,
									d: geometryToSvgPath(geometries[i]!, projection)
								}
							]
						: []
				)
			};
		}
	}
	const areas: PreviewArea[] = [];
	let areasOmitted = 0;
	for (const level of plan.levels) {
		level.areas.forEach((a, i) => {
			if (i >= rowsPerLevel) {
				areasOmitted++;
				return;
			}
			const parent = !a.parent
				? null
				: a.parent.kind === 'existing'
					? `${a.parent.name} (${a.parent.key})`
					: `${plan.levels[a.parent.levelIndex].areas.find((p) => p.key === a.parent!.key)?.name ?? ''} (${a.parent.key})`;
			areas.push({
				levelName: level.name,
				key: a.key,
				name: a.name,
				parent,
				population: a.population,
				status: a.status,
				row: a.row
			});
		});
	}
	return {
		levels: summariseLevels(plan),
		map,
		areas,
		areasOmitted,
		unmatchedParents: plan.unmatchedParents.map((u) => ({
			levelName: plan.levels[u.levelIndex]?.name ?? '',
			row: u.row,
			key: u.key,
			lookup: u.lookup
		}))
	};
}
