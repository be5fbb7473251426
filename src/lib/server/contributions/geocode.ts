// Address → point, where a geocoder is configured (GEOCODER_URL: a Nominatim-compatible /search
// endpoint, e.g. the municipality's own Nominatim or Photon). Called from the server only, so
// residents' browsers never contact a third party; the address itself is not stored.
import { z } from 'zod';
import type { BBox } from '../../geo/bbox';
import { withinGermany } from '../../geo/projection';

export type GeocodeResult =
	{ ok: true; point: [number, number]; label: string } | { ok: false; code: 'not_found' | 'unavailable' };

const NominatimHits = z.array(
	z.object({
		lat: z.coerce.number().min(-90).max(90),
		lon: z.coerce.number().min(-180).max(180),
		display_name: z.string().default('')
	})
);

export const ADDRESS_MAX = 200;

/** The first hit inside the consultation's bounds (when given) and inside Germany. */
export async function geocodeAddress(
	geocoderUrl: string,
	address: string,
	options: { bounds?: BBox | null; fetchImpl?: typeof fetch; timeoutMs?: number } = {}
): Promise<GeocodeResult> {
	const url = new URL(geocoderUrl);
	url.searchParams.set('q', address.trim().slice(0, ADDRESS_MAX));
	url.searchParams.set('format', 'jsonv2');
	url.searchParams.set('limit', '5');
	url.searchParams.set('countrycodes', 'de');
	if (options.bounds) {
		const [minLon, minLat, maxLon, maxLat] = options.bounds;
		url.searchParams.set('viewbox', `${minLon},${maxLat},${maxLon},${minLat}`);
		url.searchParams.set('bounded', '1');
	}
	let body: unknown;
	try {
		const res = await (options.fetchImpl ?? fetch)(url, {
			headers: { accept: 'application/json', 'user-agent': 'Quartierskompass (server-side geocoding)' },
			signal: AbortSignal.timeout(options.timeoutMs ?? 5000)
		});
		if (!res.ok) return { ok: false, code: 'unavailable' };
		body = await res.json();
	} catch {
		return { ok: false, code: 'unavailable' };
	}
	const hits = NominatimHits.safeParse(body);
	if (!hits.success) return { ok: false, code: 'unavailable' };
	const inside = (lon: number, lat: number) =>
		!options.bounds ||
		(lon >= options.bounds[0] &&
			lat >= options.bounds[1] &&
			lon <= options.bounds[2] &&
			lat <= options.bounds[3]);
	const hit = hits.data.find((h) => withinGermany([h.lon, h.lat, h.lon, h.lat]) && inside(h.lon, h.lat));
	if (!hit) return { ok: false, code: 'not_found' };
	return { ok: true, point: [hit.lon, hit.lat], label: hit.display_name };
}
