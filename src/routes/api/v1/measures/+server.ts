// Open data: published measures with area keys, progress, milestones and the public items they
// answer. No personal data. ?area=<area key> (any level, with the areas inside it).
import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { areaAndDescendantIds } from '$lib/server/areas';
import { publicItems, refKey } from '$lib/server/following';
import { compressedJson } from '$lib/server/http/compressed-json';
import { areaIdForFilter, openDataMeasures } from '$lib/server/measures';
import type { RequestHandler } from './$types';

const Query = z.object({ area: z.string().min(1).max(100).optional() });

export const GET: RequestHandler = async ({ locals, request, url }) => {
	const q = Query.safeParse(Object.fromEntries(url.searchParams));
	if (!q.success) error(400, 'area=<Gebietsschlüssel>');
	const db = locals.ctx.db;
	let areaIds: string[] | undefined;
	if (q.data.area) {
		const id = await areaIdForFilter(db, q.data.area);
		areaIds = id ? await areaAndDescendantIds(db, id) : [];
	}
	const measures = await openDataMeasures(db, { areaIds }, async (links) => {
		const found = await publicItems(db, links);
		return new Set(
			links.filter((l) => found.has(refKey(l.itemType, l.itemId))).map((l) => refKey(l.itemType, l.itemId))
		);
	});
	return compressedJson(
		request,
		{ measures },
		{
			'content-type': 'application/json; charset=utf-8',
			'access-control-allow-origin': '*',
			'cache-control': 'public, max-age=60'
		}
	);
};
