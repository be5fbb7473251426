// The map's data: published contributions of the visible box (all non-deleted for moderators).
import { error } from '@sveltejs/kit';
import { compressedJsonText } from '$lib/server/http/compressed-json';
import { BboxParam, ListFilters, mapFeaturesInBox } from '$lib/server/contributions';
import { consultationRef, isPublic, mayModerate } from '$lib/server/consultations';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, params, request, url }) => {
	const { db, actor } = locals.ctx;
	const facts = await consultationRef(locals.ctx, { slug: params.slug });
	const moderator = facts ? mayModerate(actor, facts) : false;
	if (!facts || (!isPublic(facts) && !moderator)) error(404);
	const bbox = BboxParam.safeParse(url.searchParams.get('bbox') ?? '');
	const filters = ListFilters.safeParse(Object.fromEntries(url.searchParams));
	if (!bbox.success || !filters.success) error(400, 'bbox=minLon,minLat,maxLon,maxLat');
	const features = await mapFeaturesInBox(
		db,
		facts.id,
		bbox.data,
		{
			categoryId: filters.data.category || null,
			areaId: filters.data.area || null,
			status: filters.data.status || null
		},
		{ includeAll: moderator }
	);
	// `truncated` (a foreign member of the FeatureCollection): more than the limit in the box; the
	// newest are sent and the map says so.
	return compressedJsonText(request, features.json, { 'cache-control': 'no-store' });
};
