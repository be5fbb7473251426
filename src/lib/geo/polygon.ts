// Planar polygon helpers on GeoJSON coordinates (lon/lat treated as x/y). Small areas only:
// good for centroids, label points and orientation, not for areas in m² (use @turf/area).
import type { Geometry, MultiPolygon, Polygon, Position } from 'geojson';

export type Ring = Position[];

const roundTo = (value: number, factor: number) => Math.round(value * factor) / factor;

function roundPositions(coords: unknown, factor: number): unknown {
	if (typeof coords === 'number') return roundTo(coords, factor);
	return (coords as unknown[]).map((c) => roundPositions(c, factor));
}

/** A copy of the geometry with every coordinate rounded (6 decimals ≈ 0.1 m) and repeated points dropped. */
export function roundCoordinates<G extends Geometry>(geometry: G, decimals = 6): G {
	const factor = 10 ** decimals;
	if (geometry.type === 'GeometryCollection') {
		return { ...geometry, geometries: geometry.geometries.map((g) => roundCoordinates(g, decimals)) };
	}
	const rounded = roundPositions(geometry.coordinates, factor);
	if (geometry.type === 'Polygon') return { ...geometry, coordinates: (rounded as Ring[]).map(dedupeRing) };
	if (geometry.type === 'MultiPolygon')
		return { ...geometry, coordinates: (rounded as Ring[][]).map((p) => p.map(dedupeRing)) };
	return { ...geometry, coordinates: rounded } as G;
}

function dedupeRing(ring: Ring): Ring {
	return ring.filter((p, i) => i === 0 || p[0] !== ring[i - 1][0] || p[1] !== ring[i - 1][1]);
}

/** Shoelace area; positive when the ring runs counter-clockwise. Works on closed or open rings. */
export function signedRingArea(ring: Ring): number {
	let sum = 0;
	for (let i = 0, n = ring.length; i < n; i++) {
		const [x1, y1] = ring[i];
		const [x2, y2] = ring[(i + 1) % n];
		sum += x1 * y2 - x2 * y1;
	}
	return sum / 2;
}

/** Planar area of a polygon or multipolygon (holes subtracted), in squared coordinate units. */
export function planarArea(geometry: Polygon | MultiPolygon): number {
	const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
	let total = 0;
	for (const rings of polygons)
		rings.forEach((ring, i) => (total += (i === 0 ? 1 : -1) * Math.abs(signedRingArea(ring))));
	return total;
}

/** Closes a ring (first position repeated at the end) if it is open. */
export function closeRing(ring: Ring): Ring {
	const first = ring[0];
	const last = ring[ring.length - 1];
	return first[0] === last[0] && first[1] === last[1] ? ring : [...ring, first];
}

function orient(ring: Ring, counterClockwise: boolean): Ring {
	return signedRingArea(ring) > 0 === counterClockwise ? ring : [...ring].reverse();
}

/** RFC 7946 winding: exterior rings counter-clockwise, holes clockwise. */
export function rewindPolygon<G extends Polygon | MultiPolygon>(geometry: G): G {
	const fix = (rings: Ring[]) => rings.map((ring, i) => orient(ring, i === 0));
	if (geometry.type === 'Polygon') return { ...geometry, coordinates: fix(geometry.coordinates) };
	return { ...geometry, coordinates: (geometry as MultiPolygon).coordinates.map(fix) } as G;
}

/** Even-odd test against all rings of a polygon (so holes count as outside). Boundary points are undefined. */
export function pointInPolygonRings(point: Position, rings: Ring[]): boolean {
	const [x, y] = point;
	let inside = false;
	for (const ring of rings) {
		for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
			const [xi, yi] = ring[i];
			const [xj, yj] = ring[j];
			if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
		}
	}
	return inside;
}

/** Area-weighted centroid of a ring (planar). */
export function ringCentroid(ring: Ring): Position {
	let a = 0;
	let cx = 0;
	let cy = 0;
	for (let i = 0, n = ring.length; i < n; i++) {
		const [x1, y1] = ring[i];
		const [x2, y2] = ring[(i + 1) % n];
		const cross = x1 * y2 - x2 * y1;
		a += cross;
		cx += (x1 + x2) * cross;
		cy += (y1 + y2) * cross;
	}
	if (a === 0) {
		const xs = ring.map((p) => p[0]);
		const ys = ring.map((p) => p[1]);
		return [(Math.min(...xs) + Math.max(...xs)) / 2, (Math.min(...ys) + Math.max(...ys)) / 2];
	}
	return [cx / (3 * a), cy / (3 * a)];
}

function largestPolygon(geometry: Polygon | MultiPolygon): Ring[] {
	if (geometry.type === 'Polygon') return geometry.coordinates;
	let best = geometry.coordinates[0];
	let bestArea = -1;
	for (const rings of geometry.coordinates) {
		const a = Math.abs(signedRingArea(rings[0]));
		if (a > bestArea) [best, bestArea] = [rings, a];
	}
	return best;
}

/**
 * A point guaranteed to lie inside the (largest part of the) polygon: its centroid when that is
 * inside, otherwise the middle of the widest inside stretch of a horizontal line through it.
 */
export function interiorPoint(geometry: Polygon | MultiPolygon): Position {
	const rings = largestPolygon(geometry);
	const centroid = ringCentroid(rings[0]);
	if (pointInPolygonRings(centroid, rings)) return centroid;
	const ys = rings[0].map((p) => p[1]);
	const minY = Math.min(...ys);
	const maxY = Math.max(...ys);
	// Try a few scan lines; a line through a vertex would count crossings twice.
	for (const fraction of [0.5, 0.37, 0.63, 0.25, 0.75, 0.125, 0.875]) {
		const y = minY + (maxY - minY) * fraction;
		if (rings.some((ring) => ring.some((p) => p[1] === y))) continue;
		const xs: number[] = [];
		for (const ring of rings) {
			for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
				const [xi, yi] = ring[i];
				const [xj, yj] = ring[j];
				if (yi > y !== yj > y) xs.push(xi + ((y - yi) * (xj - xi)) / (yj - yi));
			}
		}
		xs.sort((a, b) => a - b);
		let best: Position | null = null;
		let width = 0;
		for (let i = 0; i + 1 < xs.length; i += 2) {
			if (xs[i + 1] - xs[i] > width) [width, best] = [xs[i + 1] - xs[i], [(xs[i] + xs[i + 1]) / 2, y]];
		}
		if (best) return best;
	}
	return centroid;
}
