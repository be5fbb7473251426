import { error } from '@sveltejs/kit';
import {
	AreaKey,
	loadProfile,
	ProfileQuery,
	searchParamsObject,
	suppressionRules
} from '$lib/server/monitoring';
import { listConsultationsForAreaKey, localizeListItem } from '$lib/server/consultations';
import { newestAreaId } from '$lib/server/areas';
import { publishedForArea } from '$lib/server/survey-results';
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
		{ wholeCityName: t('monitoring.map.wholeCity') }
	);
	if (!profile) error(404, t('monitoring.profile.notFound'));
	const consultations = (await listConsultationsForAreaKey(db, profile.area.levelKey, profile.area.key)).map(
		(item) => localizeListItem(item, locals.ctx.locale)
	);
	// Published survey results broken down for this area (protected like every published number).
	const areaId = await newestAreaId(db, profile.area.levelKey, profile.area.key);
	const surveyResults = areaId ? await publishedForArea(locals.ctx, areaId) : [];
	return { profile, rules, consultations, surveyResults, areaId };
};
