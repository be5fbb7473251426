// The geocoder client against a local stand-in of a Nominatim /search endpoint (real HTTP; no
// outside geocoder is ever called in tests).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { geocodeAddress } from '../../../src/lib/server/contributions';

const requests: URL[] = [];
let reply: { status: number; body: string } = { status: 200, body: '[]' };
let base = '';
const server = http.createServer((req, res) => {
	requests.push(new URL(req.url ?? '/', 'http://stand-in'));
	res.writeHead(reply.status, { 'content-type': 'application/json' });
	res.end(reply.body);
});

beforeAll(async () => {
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/search`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const BOUNDS: [number, number, number, number] = [7.0, 51.1, 7.2, 51.3];
const hit = (lat: number, lon: number, name = 'Marktstraße 5, Musterstadt') => ({
	lat: String(lat),
	lon: String(lon),
	display_name: name
});

describe('geocodeAddress', () => {
	it('asks for German hits inside the consultation bounds and takes the first one inside them', async () => {
		reply = { status: 200, body: JSON.stringify([hit(52.5, 13.4, 'Berlin'), hit(51.2, 7.1)]) };
		const r = await geocodeAddress(base, '  Marktstraße 5 ', { bounds: BOUNDS });
		expect(r).toEqual({ ok: true, point: [7.1, 51.2], label: 'Marktstraße 5, Musterstadt' });
		const q = requests.at(-1)!.searchParams;
		expect(q.get('q')).toBe('Marktstraße 5');
		expect(q.get('countrycodes')).toBe('de');
		expect(q.get('format')).toBe('jsonv2');
		expect(q.get('viewbox')).toBe('7,51.3,7.2,51.1');
		expect(q.get('bounded')).toBe('1');
	});

	it('reports not_found for no hit or hits outside the bounds or Germany', async () => {
		reply = { status: 200, body: '[]' };
		expect(await geocodeAddress(base, 'Nirgendwo 1', { bounds: BOUNDS })).toEqual({
			ok: false,
			code: 'not_found'
		});
		reply = { status: 200, body: JSON.stringify([hit(48.85, 2.35, 'Paris')]) };
		expect(await geocodeAddress(base, 'Rue de Rivoli')).toEqual({ ok: false, code: 'not_found' });
	});

	it('reports unavailable for server errors, broken answers and timeouts', async () => {
		reply = { status: 503, body: 'busy' };
		expect(await geocodeAddress(base, 'Marktstraße 5')).toEqual({ ok: false, code: 'unavailable' });
		reply = { status: 200, body: '{"not":"a list"}' };
		expect(await geocodeAddress(base, 'Marktstraße 5')).toEqual({ ok: false, code: 'unavailable' });
		reply = { status: 200, body: '<html>' };
		expect(await geocodeAddress(base, 'Marktstraße 5')).toEqual({ ok: false, code: 'unavailable' });
		const slow: typeof fetch = (_url, init) =>
			new Promise((_resolve, reject) =>
				init?.signal?.addEventListener('abort', () => reject(new Error('aborted')))
			);
		expect(await geocodeAddress(base, 'Marktstraße 5', { fetchImpl: slow, timeoutMs: 50 })).toEqual({
			ok: false,
			code: 'unavailable'
		});
		expect(await geocodeAddress('http://127.0.0.1:1/search', 'Marktstraße 5')).toEqual({
			ok: false,
			code: 'unavailable'
		});
	});
});
