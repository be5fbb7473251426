import { loadMapView, MapQuery, searchParamsObject, suppressionRules } from '$lib/server/monitoring';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, locals }) => {
	const { db, config, t } = locals.ctx;
	const query = MapQuery.parse(searchParamsObject(url.searchParams));
	const rules = suppressionRules(config);
	const view = await loadMapView(db, rules, query, {
		wholeCityName: t('monitoring.map.wholeCity'),
		locale: locals.ctx.locale
	});
	return {
		view,
		rules,
		// No base map unless TILE_URL is set: then the browser loads tiles from there (the privacy page says so).
		tileUrl: config.tileUrl ?? null,
		tileAttribution: config.tileAttribution ?? null
	};
};
