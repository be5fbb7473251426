import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compressedJson } from '../../../src/lib/server/http/compressed-json';

const big = { features: Array.from({ length: 500 }, (_, i) => ({ id: i, body: `Beitrag ${i}` })) };
const request = (encoding?: string) =>
	new Request('http://localhost/x', { headers: encoding ? { 'accept-encoding': encoding } : {} });

describe('compressedJson', () => {
	it('gzips large bodies for clients that accept gzip, and they decode to the same JSON', async () => {
		const res = await compressedJson(request('gzip, deflate, br'), big, { 'cache-control': 'no-store' });
		expect(res.headers.get('content-encoding')).toBe('gzip');
		expect(res.headers.get('vary')).toBe('accept-encoding');
		expect(res.headers.get('cache-control')).toBe('no-store');
		const bytes = Buffer.from(await res.arrayBuffer());
		expect(bytes.length).toBeLessThan(JSON.stringify(big).length / 3);
		expect(JSON.parse(gunzipSync(bytes).toString('utf8'))).toEqual(big);
	});

	it('sends plain JSON without Accept-Encoding, and small bodies uncompressed', async () => {
		const plain = await compressedJson(request(), big);
		expect(plain.headers.get('content-encoding')).toBeNull();
		expect(await plain.json()).toEqual(big);
		const small = await compressedJson(request('gzip'), { ok: true });
		expect(small.headers.get('content-encoding')).toBeNull();
		expect(await small.json()).toEqual({ ok: true });
	});

	it('keeps a content type given by the caller', async () => {
		const res = await compressedJson(request('gzip'), big, {
			'content-type': 'application/geo+json; charset=utf-8'
		});
		expect(res.headers.get('content-type')).toBe('application/geo+json; charset=utf-8');
	});
});
