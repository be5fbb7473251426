import { error } from '@sveltejs/kit';
import {
	AreaKey,
	loadProfile,
	ProfileQuery,
	searchParamsObject,
	suppressionRules
} from '$lib/server/monitoring';
import { listConsultationsForAreaKey, localizeListItem } from '$lib/server/consultations';
import { areaForPage, isFollowing } from '$lib/server/following';
import { areaActivity } from '$lib/server/participation/area-activity';
import { newestAreaId } from '$lib/server/areas';
import { publishedForArea } from '$lib/server/survey-results';
import { measuresFor } from '$lib/server/measures';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, url, locals }) => {
	const { db, config, t } = locals.ctx;
	const key = AreaKey.safeParse(params.key);
	if (!key.success) error(404, t('monitoring.profile.notFound'));
	const rules = suppressionRules(config);
	const profile = await loadProfile(
		db,
		rules,
		key.data,
		ProfileQuery.parse(searchParamsObject(url.searchParams)),
		{ wholeCityName: t('monitoring.map.wholeCity'), locale: locals.ctx.locale }
	);
	if (!profile) error(404, t('monitoring.profile.notFound'));
	const consultations = (await listConsultationsForAreaKey(db, profile.area.levelKey, profile.area.key)).map(
		(item) => localizeListItem(item, locals.ctx.locale)
	);
	// "Was passiert in meinem Quartier?": the newest five, the rest on its own page.
	const area = await areaForPage(db, profile.area.key, profile.area.levelKey);
	const activity = area ? await areaActivity(db, area.id, { pageSize: 5 }) : null;
	const following = area
		? await isFollowing(db, locals.ctx.actor?.id ?? null, { type: 'area', id: area.id })
		: false;
	// Published survey results broken down for this area (protected like every published number).
	const areaId = await newestAreaId(db, profile.area.levelKey, profile.area.key);
	const surveyResults = areaId ? await publishedForArea(locals.ctx, areaId) : [];
	const surveyMeasures = Object.fromEntries(
		await measuresFor(
			db,
			'survey',
			surveyResults.map((r) => r.surveyId)
		)
	);
	return {
		profile,
		rules,
		consultations,
		activity:
			area && activity
				? { areaId: area.id, entries: activity.entries, hasMore: activity.hasMore, following }
				: null,
		signedIn: !!locals.ctx.actor,
		returnTo: url.pathname + url.search,
		surveyResults,
		surveyMeasures,
		areaId
	};
};
