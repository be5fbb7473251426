// The map's data: published contributions of the visible box (all non-deleted for moderators).
import { error } from '@sveltejs/kit';
import { compressedJson } from '$lib/server/http/compressed-json';
import {
	BboxParam,
	canModerate,
	ListFilters,
	listContributionsInBox,
	loadConsultationFacts,
	MAP_LIMIT,
	isPublic,
	toFeatureCollection
} from '$lib/server/contributions';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, params, request, url }) => {
	const { db, actor } = locals.ctx;
	const facts = await loadConsultationFacts(db, { slug: params.slug });
	const moderator = facts ? await canModerate(db, actor, facts) : false;
	if (!facts || (!isPublic(facts) && !moderator)) error(404);
	const bbox = BboxParam.safeParse(url.searchParams.get('bbox') ?? '');
	const filters = ListFilters.safeParse(Object.fromEntries(url.searchParams));
	if (!bbox.success || !filters.success) error(400, 'bbox=minLon,minLat,maxLon,maxLat');
	const list = await listContributionsInBox(
		db,
		facts.id,
		bbox.data,
		{
			categoryId: filters.data.category || null,
			areaId: filters.data.area || null,
			status: filters.data.status || null
		},
		{ includeAll: moderator, limit: MAP_LIMIT, countTotal: false }
	);
	// `truncated` (a foreign member of the FeatureCollection): more than MAP_LIMIT in the box,
	// the newest are sent and the map asks to zoom in.
	const body = { ...toFeatureCollection(list.items), truncated: list.hasMore, limit: MAP_LIMIT };
	return compressedJson(request, body, { 'cache-control': 'no-store' });
};
