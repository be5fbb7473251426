// GET /api/v1/areas.geojson: a level's current areas as a FeatureCollection. The serialised document is
// kept per database and level and reused while the level's fingerprint (row versions) is unchanged, so
// the hot path is one small query plus sending bytes. Every node validates against the database itself.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/types';
import { levelFingerprint, listLevelGeometries } from './queries';

export interface GeoJsonDocument {
	levelKey: string;
	body: Uint8Array<ArrayBuffer>;
	etag: string;
	features: number;
}

const cache = new WeakMap<
	Kysely<DB>,
	Map<string, { fingerprint: string; doc: GeoJsonDocument; checkedAt: number }>
>();

/**
 * How long a cached document is served without asking the database again. Clients may keep the
 * document for five minutes anyway (max-age=300); two seconds of server-side staleness keep the hot
 * path free of queries under load while an import shows up everywhere almost at once.
 */
export const REVALIDATE_MS = 2000;

/** Builds the FeatureCollection text (properties: key, name, level, parentKey, population, populationYear). */
export async function buildAreasGeoJson(
	db: Kysely<DB>,
	levelKey: string
): Promise<{ text: string; features: number }> {
	const areas = await listLevelGeometries(db, levelKey);
	const text = JSON.stringify({
		type: 'FeatureCollection',
		features: areas.map((a) => ({
			type: 'Feature',
			id: a.key,
			properties: {
				key: a.key,
				name: a.name,
				level: levelKey,
				parentKey: a.parentKey,
				// Populations of areas are public statistics: published as they are.
				population: a.population,
				populationYear: a.populationYear
			},
			geometry: a.geometry ?? null
		}))
	});
	return { text, features: areas.length };
}

/** The level's GeoJSON document, or null when the level has no current areas. */
export async function areasGeoJson(
	db: Kysely<DB>,
	levelKey: string,
	options: { maxStaleMs?: number } = {}
): Promise<GeoJsonDocument | null> {
	let perDb = cache.get(db);
	if (!perDb) cache.set(db, (perDb = new Map()));
	const hit = perDb.get(levelKey);
	const now = performance.now();
	if (hit && now - hit.checkedAt < (options.maxStaleMs ?? REVALIDATE_MS)) return hit.doc;
	const fingerprint = await levelFingerprint(db, levelKey);
	if (!fingerprint) {
		perDb.delete(levelKey);
		return null;
	}
	if (hit && hit.fingerprint === fingerprint) {
		hit.checkedAt = now;
		return hit.doc;
	}
	const { text, features } = await buildAreasGeoJson(db, levelKey);
	const body = new TextEncoder().encode(text);
	const doc: GeoJsonDocument = {
		levelKey,
		body,
		etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
		features
	};
	perDb.set(levelKey, { fingerprint, doc, checkedAt: now });
	return doc;
}
