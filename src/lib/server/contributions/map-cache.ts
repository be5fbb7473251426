// The public contribution map under a crowd: features kept per Web-Mercator tile in memory, each tile
// labelled with the consultation's map version (qk.contribution_map_version, raised by a trigger at
// the commit of every write that changes what the map shows). A request reads the version (one
// primary-key lookup), takes the tiles covering its box that are at least that current, builds the
// missing ones with one indexed query each, and assembles the box's features from them in Node —
// no scattered heap fetches and no JSON building per request. Every node checks the version itself,
// so a write is never followed by stale data. Only the public view without an area filter is cached;
// moderators, area filters, wide views (tiles over the limit) go to the database as before.
import { sql, type Kysely } from 'kysely';
import type { BBox } from '../../geo/bbox';
import { fromPostgresBox, toPostgresBox } from '../../geo/bbox';
import {
	assembleFeatures,
	boxesOverlap,
	cacheZoomsForBox,
	coveringTiles,
	tileBox,
	tileId,
	type TileFeature,
	type TileKey,
	type TilePart
} from '../../geo/map-tiles';
import type { DB } from '../db/types';

/** Versions whose changed places are kept (as the trigger keeps them); further behind: rebuild all. */
export const KEPT_CHANGES = 1000;
/** Below this zoom (tiles wider than about 9 km) a view goes straight to the database. */
export const MIN_CACHED_ZOOM = 12;
/** Features kept per database before the least recently used tiles are dropped (about 50 MB). */
export const MAX_CACHED_FEATURES = 200_000;
/** Tile boxes are widened by this (degrees) so rounding never loses a feature on a tile edge. */
const EDGE = 1e-9;

interface Slot {
	version: number;
	tile: TileKey;
	part: Promise<TilePart>;
	size: number;
}
interface TileCache {
	slots: Map<string, Slot>;
	features: number;
	/** Tiles built from the database so far (tests and the bench read it). */
	builds: number;
}

const caches = new WeakMap<Kysely<DB>, TileCache>();

function cacheOf(db: Kysely<DB>): TileCache {
	let c = caches.get(db);
	if (!c) caches.set(db, (c = { slots: new Map(), features: 0, builds: 0 }));
	return c;
}

/** The consultation's current map version (0 before its first write). */
export async function mapVersion(db: Kysely<DB>, consultationId: string): Promise<number> {
	const row = await db
		.selectFrom('contribution_map_version')
		.select('version')
		.where('consultation_id', '=', consultationId)
		.executeTakeFirst();
	return row ? Number(row.version) : 0;
}

interface VersionRead {
	running: Promise<number> | null;
	queued: Promise<number> | null;
}
const versionReads = new WeakMap<Kysely<DB>, Map<string, VersionRead>>();

function startRead(state: VersionRead, db: Kysely<DB>, consultationId: string): Promise<number> {
	const read = mapVersion(db, consultationId);
	state.running = read;
	const done = () => {
		if (state.running === read) state.running = null;
	};
	read.then(done, done);
	return read;
}

/**
 * The version as of now for a crowd: requests arriving while a read is under way share the next
 * read, which starts after that one ends — so after they arrived, and sees every write committed
 * before them. Under load this is one query per round trip instead of one per request.
 */
export function currentMapVersion(db: Kysely<DB>, consultationId: string): Promise<number> {
	let perDb = versionReads.get(db);
	if (!perDb) versionReads.set(db, (perDb = new Map()));
	let state = perDb.get(consultationId);
	if (!state) perDb.set(consultationId, (state = { running: null, queued: null }));
	const s = state;
	if (!s.running) return startRead(s, db, consultationId);
	if (!s.queued) {
		const ignore = () => undefined;
		s.queued = s.running.then(ignore, ignore).then(() => {
			s.queued = null;
			// A read started since the last one ended started after everyone waiting here arrived.
			return s.running ?? startRead(s, db, consultationId);
		});
	}
	return s.queued;
}

/** The Feature of one contribution as the map shows it (contribution c, category k). */
export const FEATURE_SQL = sql<string>`json_build_object('type', 'Feature', 'id', c.id, 'geometry', c.geometry,
	'properties', json_build_object('id', c.id, 'category', k.name,
		'body', case when char_length(c.body) > 140 then left(c.body, 139) || '…' else c.body end,
		'support_count', c.support_count))`;

async function loadTile(
	db: Kysely<DB>,
	consultationId: string,
	tile: TileKey,
	limit: number
): Promise<TilePart> {
	const box = queriedBox(tile);
	const rows = await db
		.selectFrom('contribution as c')
		.leftJoin('consultation_category as k', 'k.id', 'c.category_id')
		.where('c.consultation_id', '=', consultationId)
		.where('c.kind', '=', 'map_comment')
		.where('c.status', '=', 'published')
		.where('c.geometry', 'is not', null)
		.where(sql<boolean>`c.bbox && ${toPostgresBox(box)}::box`)
		.select([
			'c.id',
			'c.category_id',
			sql<string>`c.bbox::text`.as('box'),
			sql<string>`(extract(epoch from c.created_at) * 1000000)::bigint::text`.as('created'),
			sql<string>`${FEATURE_SQL}::text`.as('feature')
		])
		.orderBy('c.created_at', 'desc')
		.orderBy('c.id')
		.limit(limit + 1)
		.execute();
	if (rows.length > limit) return { complete: false, features: [] };
	const features: TileFeature[] = [];
	for (const r of rows) {
		const fb = fromPostgresBox(r.box);
		if (!fb) continue;
		features.push({
			id: r.id,
			created: Number(r.created),
			box: fb,
			categoryId: r.category_id,
			json: r.feature
		});
	}
	return { complete: true, features };
}

function tilePart(
	db: Kysely<DB>,
	consultationId: string,
	version: number,
	tile: TileKey,
	limit: number
): Promise<TilePart> {
	const cache = cacheOf(db);
	const key = `${consultationId}|${tileId(tile)}`;
	const hit = cache.slots.get(key);
	// A tile built after a newer version was read is current enough too.
	if (hit && hit.version >= version) {
		cache.slots.delete(key);
		cache.slots.set(key, hit);
		return hit.part;
	}
	if (hit) {
		cache.slots.delete(key);
		cache.features -= hit.size;
	}
	const slot: Slot = { version, tile, size: 0, part: loadTile(db, consultationId, tile, limit) };
	cache.builds++;
	cache.slots.set(key, slot);
	slot.part.then(
		(part) => {
			if (cache.slots.get(key) !== slot) return;
			slot.size = part.features.length;
			cache.features += slot.size;
			for (const [k, s] of cache.slots) {
				if (cache.features <= MAX_CACHED_FEATURES) break;
				cache.slots.delete(k);
				cache.features -= s.size;
			}
		},
		() => {
			if (cache.slots.get(key) === slot) cache.slots.delete(key);
		}
	);
	return slot.part;
}

interface Reconciled {
	version: number;
	work: Promise<void> | null;
}
const reconciled = new WeakMap<Kysely<DB>, Map<string, Reconciled>>();

/** The tile box as queried (widened by EDGE). */
function queriedBox(tile: TileKey): BBox {
	const b = tileBox(tile);
	return [b[0] - EDGE, b[1] - EDGE, b[2] + EDGE, b[3] + EDGE];
}

/**
 * Brings the consultation's cached tiles up to `version`: tiles no change since the last reconciled
 * version touched are relabelled current; the others keep their old label and are rebuilt when
 * asked for. One reconciliation at a time per consultation.
 */
async function reconcile(db: Kysely<DB>, consultationId: string, version: number): Promise<void> {
	let perDb = reconciled.get(db);
	if (!perDb) reconciled.set(db, (perDb = new Map()));
	let state = perDb.get(consultationId);
	if (!state) perDb.set(consultationId, (state = { version, work: null }));
	const s = state;
	while (s.version < version) {
		if (s.work) {
			await s.work;
			continue;
		}
		const from = s.version;
		s.work = (async () => {
			if (version - from <= KEPT_CHANGES) {
				const rows = await db
					.selectFrom('contribution_map_change')
					.select(sql<string | null>`bbox::text`.as('box'))
					.where('consultation_id', '=', consultationId)
					.where('version', '>', String(from))
					.where('version', '<=', String(version))
					.execute();
				const boxes = rows.map((r) => (r.box === null ? null : fromPostgresBox(r.box)));
				if (!boxes.includes(null)) {
					const prefix = `${consultationId}|`;
					for (const [key, slot] of cacheOf(db).slots) {
						// A tile built from an older version than `from` may miss earlier changes.
						if (!key.startsWith(prefix) || slot.version < from || slot.version >= version) continue;
						const tb = queriedBox(slot.tile);
						if (!boxes.some((b) => b && boxesOverlap(b, tb))) slot.version = version;
					}
				}
			}
			s.version = Math.max(s.version, version);
		})().finally(() => {
			s.work = null;
		});
	}
}

/**
 * The box's public features (newest first, at most `limit`) and how many there are in all, from
 * the tile cache; null when the view is too wide for tiles or a tile holds more than the limit.
 */
export async function cachedMapFeatures(
	db: Kysely<DB>,
	consultationId: string,
	bbox: BBox,
	categoryId: string | null,
	limit: number,
	tileLimit: number
): Promise<{ features: string[]; n: number } | null> {
	const zooms = cacheZoomsForBox(bbox);
	if (zooms[0] < MIN_CACHED_ZOOM) return null;
	const version = await currentMapVersion(db, consultationId);
	await reconcile(db, consultationId, version);
	for (const z of zooms) {
		const parts = await Promise.all(
			coveringTiles(bbox, z).map((t) => tilePart(db, consultationId, version, t, tileLimit))
		);
		const features = assembleFeatures(bbox, parts, limit, categoryId);
		if (features) return features;
	}
	return null;
}

/** How many tiles this node has built from the database for `db`. */
export function mapTileBuilds(db: Kysely<DB>): number {
	return cacheOf(db).builds;
}

/** Drops every cached tile of a database (tests, and after a restore). */
export function forgetMapTiles(db: Kysely<DB>): void {
	caches.delete(db);
	reconciled.delete(db);
}
