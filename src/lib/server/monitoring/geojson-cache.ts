// The per-database store of serialised area GeoJSON documents (geojson.ts), apart so that the
// commands that change areas or indicator values can drop it at once without importing monitoring.
import type { Kysely } from 'kysely';
import type { DB } from '../db/types';

export interface GeoJsonDocument {
	levelKey: string;
	body: Uint8Array<ArrayBuffer>;
	/** The same bytes gzip-compressed, made once per document. */
	gzip: Uint8Array<ArrayBuffer>;
	etag: string;
	/** The ETag of the gzip-compressed representation (a strong ETag names one set of bytes). */
	gzipEtag: string;
	features: number;
}

export type DocumentCache = Map<string, { fingerprint: string; doc: GeoJsonDocument; checkedAt: number }>;

const caches = new WeakMap<Kysely<DB>, DocumentCache>();

export function documentCache(db: Kysely<DB>): DocumentCache {
	let perDb = caches.get(db);
	if (!perDb) caches.set(db, (perDb = new Map()));
	return perDb;
}

/**
 * Drops the documents of a database, so this node serves the next request from the database: called
 * after an area import or an indicator publication commits (other nodes notice within REVALIDATE_MS).
 */
export function forgetAreasGeoJson(db: Kysely<DB>): void {
	caches.delete(db);
}
