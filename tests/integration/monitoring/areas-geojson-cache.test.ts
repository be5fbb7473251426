// GET /api/v1/areas.geojson from its cache: gzip made once, an ETag per representation, 304 on
// If-None-Match, and a new document right after an area import on this node (no two-second window).
import fs from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { expect, it } from 'vitest';
import { formatIssue, importAreas, type AreaImportMapping } from '../../../src/lib/server/area-import';
import { areasGeoJson } from '../../../src/lib/server/monitoring';
import { SYSTEM_ACTOR } from '../../../src/lib/server/core';
import { translator } from '../../../src/lib/i18n';
import { GET } from '../../../src/routes/api/v1/areas.geojson/+server';
import { describeEachDatabase } from '../helpers/db';

const t = translator('de');
const rules = { minPopulation: 1000, minCount: 3 };
const FILE = '/work/shared/fixtures/berlin-mss-2021/bezirksgrenzen.geojson';

const mapping = (populationField: string | null): AreaImportMapping => ({
	validFrom: '2021-01-01',
	levels: [
		{
			level: populationField ? { kind: 'existing', key: 'bezirk' } : { kind: 'new', name: 'Bezirk', rank: 1 },
			keyField: 'cartodb_id',
			nameField: 'name',
			parent: { match: 'none' },
			populationField,
			populationYear: populationField ? 2024 : null
		}
	]
});

describeEachDatabase('area GeoJSON cache', (get) => {
	it('serves gzip with its own ETag, answers 304, and is fresh right after an area import', async () => {
		const { db } = get();
		const ctx = { db, actor: SYSTEM_ACTOR, now: new Date('2026-12-01T12:00:00Z') };
		const bytes = new Uint8Array(fs.readFileSync(FILE));
		const first = await importAreas(ctx, { bytes, fileName: 'bezirke.geojson', mapping: mapping(null) });
		if (!first.ok) throw new Error(first.issues.map((i) => formatIssue(t, i, null)).join('\n'));

		const call = (headers: Record<string, string> = {}) =>
			GET({
				url: new URL('http://localhost/api/v1/areas.geojson?level=bezirk'),
				request: new Request('http://localhost/api/v1/areas.geojson?level=bezirk', { headers }),
				locals: { ctx: { db, config: { smallAreaPopulation: 1000, smallCountK: 3 } } }
			} as unknown as Parameters<typeof GET>[0]);

		const levels = await db.selectFrom('area_level').select('key').execute();
		expect(levels.map((l) => l.key)).toContain('bezirk');
		const plain = await call();
		// Areas without any indicator yet: served all the same (the fingerprint once was null then: 404).
		expect(plain.status).toBe(200);
		expect(plain.headers.get('content-encoding')).toBeNull();
		const text = await plain.text();
		expect(JSON.parse(text).features).toHaveLength(12);
		const zipped = await call({ 'accept-encoding': 'gzip, deflate, br' });
		expect(zipped.headers.get('content-encoding')).toBe('gzip');
		expect(zipped.headers.get('vary')).toBe('accept-encoding');
		const packed = new Uint8Array(await zipped.arrayBuffer());
		expect(Number(zipped.headers.get('content-length'))).toBe(packed.byteLength);
		expect(packed.byteLength).toBeLessThan(text.length / 2);
		expect(gunzipSync(packed).toString('utf8')).toBe(text);
		const etag = plain.headers.get('etag')!;
		const gzipEtag = zipped.headers.get('etag')!;
		expect(etag).toMatch(/^"[\w-]+"$/);
		expect(gzipEtag).not.toBe(etag);
		// Either tag is the same document: 304 without a body.
		for (const tag of [etag, gzipEtag, `W/${etag}`]) {
			const again = await call({ 'if-none-match': tag, 'accept-encoding': 'gzip' });
			expect(again.status).toBe(304);
			expect(await again.text()).toBe('');
		}
		expect((await call({ 'if-none-match': '"anders"' })).status).toBe(200);

		// An import that changes the level: populations from a column (all small, so suppressed).
		const second = await importAreas(ctx, {
			bytes,
			fileName: 'bezirke.geojson',
			mapping: mapping('cartodb_id')
		});
		if (!second.ok) throw new Error(second.issues.map((i) => formatIssue(t, i, null)).join('\n'));
		// Even a cache allowed to be a minute old has the new document on this node.
		const doc = await areasGeoJson(db, 'bezirk', rules, { maxStaleMs: 60_000 });
		const props = JSON.parse(new TextDecoder().decode(doc!.body)).features.map(
			(f: { properties: { populationYear: number | null; populationReason: string | null } }) => f.properties
		);
		expect(props.every((p: { populationYear: number | null }) => p.populationYear === 2024)).toBe(true);
		expect(
			props.every((p: { populationReason: string | null }) => p.populationReason === 'small_population')
		).toBe(true);
		const after = await call({ 'if-none-match': etag });
		expect(after.status).toBe(200);
		expect(after.headers.get('etag')).not.toBe(etag);
	});
});
