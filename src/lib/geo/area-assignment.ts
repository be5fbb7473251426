// Which areas a contribution's geometry touches: a point inside (or on the border of) an area, a line
// or polygon that overlaps, crosses or contains it. Pure planar geometry on lon/lat (fine at city scale).
import type { LineString, MultiPolygon, Point, Polygon, Position } from 'geojson';
import { pointInPolygonRings, type Ring } from './polygon';

export type ContributionGeometry = Point | LineString | Polygon;
export type AreaGeometry = Polygon | MultiPolygon;

export interface AreaCandidate {
	id: string;
	key: string;
	geometry: AreaGeometry;
}

const EPS = 1e-12;

function orientation(a: Position, b: Position, c: Position): number {
	const v = (b[1] - a[1]) * (c[0] - b[0]) - (b[0] - a[0]) * (c[1] - b[1]);
	return Math.abs(v) < EPS ? 0 : v > 0 ? 1 : 2;
}

function onSegment(a: Position, p: Position, b: Position): boolean {
	return (
		p[0] <= Math.max(a[0], b[0]) + EPS &&
		p[0] >= Math.min(a[0], b[0]) - EPS &&
		p[1] <= Math.max(a[1], b[1]) + EPS &&
		p[1] >= Math.min(a[1], b[1]) - EPS
	);
}

/** Whether segments p1–q1 and p2–q2 share at least one point (touching ends and collinear overlap count). */
export function segmentsIntersect(p1: Position, q1: Position, p2: Position, q2: Position): boolean {
	const o1 = orientation(p1, q1, p2);
	const o2 = orientation(p1, q1, q2);
	const o3 = orientation(p2, q2, p1);
	const o4 = orientation(p2, q2, q1);
	if (o1 !== o2 && o3 !== o4) return true;
	if (o1 === 0 && onSegment(p1, p2, q1)) return true;
	if (o2 === 0 && onSegment(p1, q2, q1)) return true;
	if (o3 === 0 && onSegment(p2, p1, q2)) return true;
	if (o4 === 0 && onSegment(p2, q1, q2)) return true;
	return false;
}

function polygonsOf(area: AreaGeometry): Ring[][] {
	return area.type === 'Polygon' ? [area.coordinates] : area.coordinates;
}

function pointOnRing(point: Position, ring: Ring): boolean {
	for (let i = 0; i + 1 < ring.length; i++) {
		if (orientation(ring[i], ring[i + 1], point) === 0 && onSegment(ring[i], point, ring[i + 1])) return true;
	}
	return false;
}

/** Point inside or on the border of a polygon given by its rings (holes excluded, their borders included). */
function pointTouchesPolygon(point: Position, rings: Ring[]): boolean {
	if (rings.some((ring) => pointOnRing(point, ring))) return true;
	return pointInPolygonRings(point, rings);
}

function pathCrossesRings(path: Position[], rings: Ring[]): boolean {
	for (let i = 0; i + 1 < path.length; i++) {
		for (const ring of rings) {
			for (let j = 0; j + 1 < ring.length; j++) {
				if (segmentsIntersect(path[i], path[i + 1], ring[j], ring[j + 1])) return true;
			}
		}
	}
	return false;
}

function bboxOf(positions: Position[]): [number, number, number, number] {
	let minX = Infinity;
	let minY = Infinity;
	let maxX = -Infinity;
	let maxY = -Infinity;
	for (const [x, y] of positions) {
		if (x < minX) minX = x;
		if (y < minY) minY = y;
		if (x > maxX) maxX = x;
		if (y > maxY) maxY = y;
	}
	return [minX, minY, maxX, maxY];
}

function bboxesOverlap(a: number[], b: number[]): boolean {
	return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

/** Whether the contribution geometry shares at least one point with the area. */
export function touchesArea(geometry: ContributionGeometry, area: AreaGeometry): boolean {
	for (const rings of polygonsOf(area)) {
		if (!rings.length || rings[0].length < 4) continue;
		const outer = rings[0];
		switch (geometry.type) {
			case 'Point':
				if (pointTouchesPolygon(geometry.coordinates, rings)) return true;
				break;
			case 'LineString': {
				const line = geometry.coordinates;
				if (!bboxesOverlap(bboxOf(line), bboxOf(outer))) break;
				if (line.some((p) => pointTouchesPolygon(p, rings))) return true;
				if (pathCrossesRings(line, rings)) return true;
				break;
			}
			case 'Polygon': {
				const own = geometry.coordinates;
				if (!own.length || !bboxesOverlap(bboxOf(own[0]), bboxOf(outer))) break;
				if (own[0].some((p) => pointTouchesPolygon(p, rings))) return true;
				// The area lies inside the drawn polygon (drawn around a whole quarter).
				if (outer.some((p) => pointTouchesPolygon(p, own))) return true;
				if (own.some((ring) => pathCrossesRings(ring, rings))) return true;
				break;
			}
		}
	}
	return false;
}

/** The candidates the geometry touches, in the order given. */
export function assignAreas<A extends AreaCandidate>(
	geometry: ContributionGeometry,
	candidates: readonly A[]
): A[] {
	return candidates.filter((c) => touchesArea(geometry, c.geometry));
}

/** The box around a contribution geometry: [minLon, minLat, maxLon, maxLat]. */
export function contributionBbox(geometry: ContributionGeometry): [number, number, number, number] {
	switch (geometry.type) {
		case 'Point':
			return [
				geometry.coordinates[0],
				geometry.coordinates[1],
				geometry.coordinates[0],
				geometry.coordinates[1]
			];
		case 'LineString':
			return bboxOf(geometry.coordinates);
		case 'Polygon':
			return bboxOf(geometry.coordinates[0]);
	}
}
