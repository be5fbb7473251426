import {
	areasGeoJson,
	GeoJsonQuery,
	resolveGeoJsonLevel,
	searchParamsObject,
	suppressionRules
} from '$lib/server/monitoring';
import { apiError, apiInvalid, BASE_HEADERS, etagMatches } from '$lib/server/monitoring/http';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url, request, locals }) => {
	const query = GeoJsonQuery.safeParse(searchParamsObject(url.searchParams));
	if (!query.success) return apiInvalid(query.error);
	const { db, config } = locals.ctx;
	const rules = suppressionRules(config);
	// Hot path: a named level goes straight to the (cached) document; only misses and the default ask for levels.
	let doc = query.data.level ? await areasGeoJson(db, query.data.level, rules) : null;
	if (!doc) {
		const level = await resolveGeoJsonLevel(db, query.data.level);
		if (!level.ok)
			return apiError(
				400,
				level.levels.length
					? `Unbekannte Ebene „${query.data.level}“. Verfügbare Ebenen: ${level.levels.join(', ')}.`
					: 'Es sind noch keine Gebiete angelegt.'
			);
		doc = await areasGeoJson(db, level.level, rules);
		if (!doc) return apiError(404, 'Diese Ebene hat keine aktuellen Gebiete.');
	}
	// The compressed bytes are made once per document; each representation has its own ETag.
	const zipped = /\bgzip\b/i.test(request.headers.get('accept-encoding') ?? '');
	const etag = zipped ? doc.gzipEtag : doc.etag;
	const headers = { ...BASE_HEADERS, etag, vary: 'accept-encoding' };
	const tags = request.headers.get('if-none-match');
	if (etagMatches(tags, doc.etag) || etagMatches(tags, doc.gzipEtag))
		return new Response(null, { status: 304, headers });
	const body = zipped ? doc.gzip : doc.body;
	return new Response(body, {
		headers: {
			...headers,
			'content-type': 'application/geo+json; charset=utf-8',
			'content-length': String(body.byteLength),
			...(zipped ? { 'content-encoding': 'gzip' } : {})
		}
	});
};
