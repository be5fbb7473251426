import {
	getApiValues,
	IndicatorRef,
	searchParamsObject,
	suppressionRules,
	ValuesQuery
} from '$lib/server/monitoring';
import { apiError, apiInvalid, apiJson, apiLocale } from '$lib/server/monitoring/http';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url, params, locals, request }) => {
	const ref = IndicatorRef.safeParse(params.id);
	if (!ref.success) return apiError(404, 'Diesen Indikator gibt es nicht oder er ist nicht öffentlich.');
	const query = ValuesQuery.safeParse(searchParamsObject(url.searchParams));
	if (!query.success) return apiInvalid(query.error);
	const { db, config } = locals.ctx;
	const locale = apiLocale(url, request);
	const result = await getApiValues(db, suppressionRules(config), ref.data, query.data, locale);
	if (result.ok)
		return apiJson(result.value, { headers: { 'content-language': locale, vary: 'Accept-Language' } });
	switch (result.code) {
		case 'unknown_indicator':
			return apiError(404, 'Diesen Indikator gibt es nicht oder er ist nicht öffentlich.');
		case 'unknown_level':
			return apiError(
				400,
				`Unbekannte Ebene „${query.data.level}“. Verfügbare Ebenen: ${result.levels.join(', ') || 'keine'}.`
			);
		case 'unknown_year':
			return apiError(
				404,
				result.years.length
					? `Für dieses Jahr gibt es keine Werte. Verfügbare Jahre: ${result.years.join(', ')}.`
					: 'Für diesen Indikator gibt es noch keine Werte.'
			);
	}
};
