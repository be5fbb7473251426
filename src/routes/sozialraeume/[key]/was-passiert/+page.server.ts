// "Was passiert in meinem Quartier?": the roll-up of an area and the areas inside it, newest first.
import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { areaForPage, isFollowing } from '$lib/server/following';
import { AreaKey, ProfileQuery, searchParamsObject } from '$lib/server/monitoring';
import { areaActivity } from '$lib/server/participation/area-activity';
import type { PageServerLoad } from './$types';

const Page = z.coerce.number().int().min(1).max(100).catch(1);

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { db, actor, t } = locals.ctx;
	const key = AreaKey.safeParse(params.key);
	if (!key.success) error(404, t('monitoring.profile.notFound'));
	const q = ProfileQuery.parse(searchParamsObject(url.searchParams));
	const area = await areaForPage(db, key.data, q.ebene);
	if (!area) error(404, t('monitoring.profile.notFound'));
	const activity = await areaActivity(db, area.id, { page: Page.parse(url.searchParams.get('seite') ?? 1) });
	return {
		area,
		...activity,
		following: await isFollowing(db, actor?.id ?? null, { type: 'area', id: area.id }),
		signedIn: !!actor,
		returnTo: url.pathname + url.search
	};
};
