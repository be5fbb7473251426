import { error } from '@sveltejs/kit';
import {
	AreaKey,
	loadProfile,
	ProfileQuery,
	searchParamsObject,
	suppressionRules
} from '$lib/server/monitoring';
import { listConsultationsForAreaKey, localizeListItem } from '$lib/server/consultations';
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
	return { profile, rules, consultations };
};
