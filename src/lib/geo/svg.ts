// Server- or browser-side SVG outlines of areas: a simple equirectangular projection with the
// east-west scale corrected by cos(latitude), so shapes in Germany are not stretched.
import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { BBox } from './bbox';

export interface SvgProjection {
	width: number;
	height: number;
	/** The SVG `viewBox` attribute. */
	viewBox: string;
	project(position: Position): [number, number];
}

/** Fits bbox into `width` (plus padding), keeping the aspect ratio; y grows downwards as in SVG. */
export function createSvgProjection(bbox: BBox, width = 600, padding = 8): SvgProjection {
	const [minX, minY, maxX, maxY] = bbox;
	const k = Math.cos((((minY + maxY) / 2) * Math.PI) / 180);
	const spanX = Math.max((maxX - minX) * k, 1e-9);
	const spanY = Math.max(maxY - minY, 1e-9);
	const inner = width - 2 * padding;
	const scale = inner / spanX;
	const height = Math.round(spanY * scale + 2 * padding);
	return {
		width,
		height,
		viewBox: `0 0 ${width} ${height}`,
		project: ([lon, lat]) => [padding + (lon - minX) * k * scale, padding + (maxY - lat) * scale]
	};
}

const fmt = (n: number) => String(Math.round(n * 10) / 10);

/** An SVG path `d` for a polygon or multipolygon (holes drawn with fill-rule evenodd). */
export function geometryToSvgPath(geometry: Polygon | MultiPolygon, projection: SvgProjection): string {
	const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
	const parts: string[] = [];
	for (const rings of polygons) {
		for (const ring of rings) {
			const points = ring.slice(0, -1).map((p) => projection.project(p));
			if (points.length < 3) continue;
			parts.push('M' + points.map(([x, y]) => `${fmt(x)} ${fmt(y)}`).join('L') + 'Z');
		}
	}
	return parts.join('');
}
