// Open data: published ideas of public consultations with status and latest response, as GeoJSON.
// No names, no e-mails, no author ids. ?consultation=<slug>&area=<area key>
import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { compressedJson } from '$lib/server/http/compressed-json';
import { ideasGeoJson } from '$lib/server/ideas';
import type { RequestHandler } from './$types';

const Query = z.object({
	consultation: z
		.string()
		.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)
		.max(200)
		.optional(),
	area: z.string().min(1).max(100).optional()
});

export const GET: RequestHandler = async ({ locals, request, url }) => {
	const q = Query.safeParse(Object.fromEntries(url.searchParams));
	if (!q.success) error(400, 'consultation=<slug>&area=<key>');
	const data = await ideasGeoJson(locals.ctx.db, { consultationSlug: q.data.consultation, areaKey: q.data.area });
	return compressedJson(request, data, {
		'content-type': 'application/geo+json; charset=utf-8',
		'access-control-allow-origin': '*',
		'cache-control': 'public, max-age=60'
	});
};
