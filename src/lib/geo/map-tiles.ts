// Web-Mercator tiles (the z/x/y scheme of map tile servers) for the server's cache of map features,
// and the assembly of a viewport's features from cached tiles. Pure: no database, no I/O.
import type { BBox } from './bbox';

/** Largest latitude Web-Mercator tiles cover. */
const MAX_LAT = 85.0511287798066;
/** Finest tile zoom used: about 600 × 400 m in Germany. */
export const MAX_TILE_ZOOM = 16;

export interface TileKey {
	z: number;
	x: number;
	y: number;
}

const clampLat = (lat: number) => Math.max(-MAX_LAT, Math.min(MAX_LAT, lat));

/** Tile column of a longitude at zoom z (clamped to the world). */
export function tileX(lon: number, z: number): number {
	const n = 2 ** z;
	return Math.max(0, Math.min(n - 1, Math.floor(((lon + 180) / 360) * n)));
}

/** Tile row of a latitude at zoom z (row 0 at the north edge, clamped to the world). */
export function tileY(lat: number, z: number): number {
	const n = 2 ** z;
	const r = (clampLat(lat) * Math.PI) / 180;
	const y = ((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n;
	return Math.max(0, Math.min(n - 1, Math.floor(y)));
}

function tileLat(y: number, z: number): number {
	const m = Math.PI - (2 * Math.PI * y) / 2 ** z;
	return (180 / Math.PI) * Math.atan(Math.sinh(m));
}

/** [minLon, minLat, maxLon, maxLat] of a tile. */
export function tileBox({ z, x, y }: TileKey): BBox {
	const n = 2 ** z;
	return [(x / n) * 360 - 180, tileLat(y + 1, z), ((x + 1) / n) * 360 - 180, tileLat(y, z)];
}

/** The tiles at zoom z that a box touches, row by row. */
export function coveringTiles(b: BBox, z: number): TileKey[] {
	const out: TileKey[] = [];
	const [x0, x1] = [tileX(b[0], z), tileX(b[2], z)];
	const [y0, y1] = [tileY(b[3], z), tileY(b[1], z)];
	for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) out.push({ z, x, y });
	return out;
}

/**
 * The finest zoom (at most maxZoom) whose tiles are at least as large as the box, so that the box
 * touches at most 2 × 2 tiles.
 */
export function zoomForBox(b: BBox, maxZoom = MAX_TILE_ZOOM): number {
	for (let z = maxZoom; z > 0; z--) {
		if (tileX(b[2], z) - tileX(b[0], z) <= 1 && tileY(b[1], z) - tileY(b[3], z) <= 1) return z;
	}
	return 0;
}

/**
 * Zoom of the cache's shared tiles (about 1.5 km): views finer than this read the same zoom-14
 * tiles, so a crowd looking at different streets of one quarter shares a few tiles instead of
 * building its own at zoom 15 and 16 (measured: cold-tile builds were the whole p95 under load).
 */
export const SHARED_TILE_ZOOM = 14;

/**
 * The tile zooms to try for a box, in order: the shared zoom (or the box's own zoom when coarser),
 * then the box's own finer zoom for the case where a shared tile holds too many features.
 */
export function cacheZoomsForBox(b: BBox): number[] {
	const own = zoomForBox(b);
	return own > SHARED_TILE_ZOOM ? [SHARED_TILE_ZOOM, own] : [own];
}

export const tileId = (t: TileKey) => `${t.z}/${t.x}/${t.y}`;

/** Do two boxes share a point (edges included, as PostgreSQL's `&&` on boxes)? */
export function boxesOverlap(a: BBox, b: BBox): boolean {
	return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

/** One feature as cached in a tile: its sort key, box, category and its serialised GeoJSON Feature. */
export interface TileFeature {
	id: string;
	/** created_at in microseconds since 1970 (the database's precision, so the order is the same) */
	created: number;
	box: BBox;
	categoryId: string | null;
	json: string;
}

/** A tile's features; complete = false: the tile holds more than the limit, so none are kept. */
export interface TilePart {
	complete: boolean;
	features: TileFeature[];
}

/** Newest first, then by id — the order of the map's SQL (`created_at desc, id`). */
export function compareFeatures(a: TileFeature, b: TileFeature): number {
	if (a.created !== b.created) return b.created - a.created;
	return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The features of a box from the tiles covering it: those overlapping the box (and matching the
 * category, when given), each once, newest first, at most `limit`. `n`: how many matched in all.
 * Null when a tile is incomplete — then only the database can answer exactly.
 */
export function assembleFeatures(
	box: BBox,
	parts: readonly TilePart[],
	limit: number,
	categoryId: string | null = null
): { features: string[]; n: number } | null {
	if (parts.some((p) => !p.complete)) return null;
	const seen = new Set<string>();
	const hits: TileFeature[] = [];
	for (const part of parts)
		for (const f of part.features) {
			if (!boxesOverlap(f.box, box) || (categoryId && f.categoryId !== categoryId) || seen.has(f.id))
				continue;
			seen.add(f.id);
			hits.push(f);
		}
	hits.sort(compareFeatures);
	return { features: hits.slice(0, limit).map((f) => f.json), n: hits.length };
}
