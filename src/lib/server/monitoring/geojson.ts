// GET /api/v1/areas.geojson: a level's current areas as a FeatureCollection. The serialised document is
// kept per database and level and reused while the level's fingerprint (row versions) is unchanged, so
// the hot path is one small query plus sending bytes. Every node validates against the database itself.
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Kysely } from 'kysely';
import type { SuppressionRules } from '../../stats/suppression';
import type { DB } from '../db/types';
import { loadHiddenAreas } from './disclosure';
import { documentCache, type GeoJsonDocument } from './geojson-cache';
import { levelFingerprint, listLevelGeometries } from './queries';

export type { GeoJsonDocument };
export { forgetAreasGeoJson } from './geojson-cache';

const gzipAsync = promisify(gzip);

/**
 * How long a cached document is served without asking the database again. Clients may keep the
 * document for five minutes anyway (max-age=300); two seconds of server-side staleness keep the hot
 * path free of queries under load while an import shows up everywhere almost at once.
 */
export const REVALIDATE_MS = 2000;

/**
 * Builds the FeatureCollection text (properties: key, name, level, parentKey, population, populationYear,
 * populationReason). The population of an area that small-number protection hides in its population's
 * year is null, with the reason — exactly as in the map, the table and the profile.
 */
export async function buildAreasGeoJson(
	db: Kysely<DB>,
	levelKey: string,
	rules: SuppressionRules
): Promise<{ text: string; features: number }> {
	const areas = await listLevelGeometries(db, levelKey);
	const latest = await db
		.selectFrom('indicator_value')
		.select((eb) => eb.fn.max('year').as('year'))
		.executeTakeFirst();
	const fallbackYear = latest?.year ?? new Date().getFullYear();
	const yearOf = (a: { populationYear: number | null }) => a.populationYear ?? fallbackYear;
	const hidden = await loadHiddenAreas(db, rules, [...new Set(areas.map(yearOf))]);
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
				population: hidden.get(yearOf(a))?.has(a.id) ? null : a.population,
				populationYear: a.populationYear,
				populationReason: hidden.get(yearOf(a))?.get(a.id) ?? null
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
	rules: SuppressionRules,
	options: { maxStaleMs?: number } = {}
): Promise<GeoJsonDocument | null> {
	const perDb = documentCache(db);
	const cacheKey = `${levelKey}|${rules.minPopulation}|${rules.minCount}`;
	const hit = perDb.get(cacheKey);
	const now = performance.now();
	if (hit && now - hit.checkedAt < (options.maxStaleMs ?? REVALIDATE_MS)) return hit.doc;
	const fingerprint = await levelFingerprint(db, levelKey);
	if (!fingerprint) {
		perDb.delete(cacheKey);
		return null;
	}
	if (hit && hit.fingerprint === fingerprint) {
		hit.checkedAt = now;
		return hit.doc;
	}
	const { text, features } = await buildAreasGeoJson(db, levelKey, rules);
	const body = new TextEncoder().encode(text);
	const hash = createHash('sha256').update(body).digest('base64url').slice(0, 27);
	const doc: GeoJsonDocument = {
		levelKey,
		body,
		// Once per document: the hot path only sends bytes.
		gzip: new Uint8Array(await gzipAsync(body, { level: 9 })),
		etag: `"${hash}"`,
		gzipEtag: `"${hash}-gz"`,
		features
	};
	perDb.set(cacheKey, { fingerprint, doc, checkedAt: now });
	return doc;
}
