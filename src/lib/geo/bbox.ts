// Bounding boxes of GeoJSON geometries, and their Postgres `box` form.
import type { Geometry, Position } from 'geojson';

/** [minLon, minLat, maxLon, maxLat] */
export type BBox = [number, number, number, number];

function eachPosition(geometry: Geometry, fn: (p: Position) => void): void {
	switch (geometry.type) {
		case 'Point':
			fn(geometry.coordinates);
			break;
		case 'MultiPoint':
		case 'LineString':
			geometry.coordinates.forEach(fn);
			break;
		case 'MultiLineString':
		case 'Polygon':
			geometry.coordinates.forEach((line) => line.forEach(fn));
			break;
		case 'MultiPolygon':
			geometry.coordinates.forEach((poly) => poly.forEach((ring) => ring.forEach(fn)));
			break;
		case 'GeometryCollection':
			geometry.geometries.forEach((g) => eachPosition(g, fn));
			break;
	}
}

/** The bounding box of a geometry, or null when it has no coordinates. */
export function geometryBbox(geometry: Geometry): BBox | null {
	let minX = Infinity;
	let minY = Infinity;
	let maxX = -Infinity;
	let maxY = -Infinity;
	eachPosition(geometry, ([x, y]) => {
		if (x < minX) minX = x;
		if (y < minY) minY = y;
		if (x > maxX) maxX = x;
		if (y > maxY) maxY = y;
	});
	return minX === Infinity ? null : [minX, minY, maxX, maxY];
}

/** The smallest box containing all given boxes, or null for none. */
export function mergeBboxes(boxes: Iterable<BBox | null>): BBox | null {
	let out: BBox | null = null;
	for (const b of boxes) {
		if (!b) continue;
		out = out
			? [Math.min(out[0], b[0]), Math.min(out[1], b[1]), Math.max(out[2], b[2]), Math.max(out[3], b[3])]
			: [...b];
	}
	return out;
}

/** Postgres `box` text: '(maxLon,maxLat),(minLon,minLat)' (the form Postgres itself prints). */
export function toPostgresBox(b: BBox): string {
	return `(${b[2]},${b[3]}),(${b[0]},${b[1]})`;
}

/** Parses Postgres `box` text (either corner order) back into a BBox. */
export function fromPostgresBox(text: string): BBox | null {
	const n = text.match(/-?\d+(?:\.\d+)?(?:e[-+]?\d+)?/gi)?.map(Number);
	if (!n || n.length !== 4) return null;
	return [Math.min(n[0], n[2]), Math.min(n[1], n[3]), Math.max(n[0], n[2]), Math.max(n[1], n[3])];
}
