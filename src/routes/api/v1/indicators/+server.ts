import { listApiIndicators } from '$lib/server/monitoring';
import { apiJson, apiLocale } from '$lib/server/monitoring/http';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, url, request }) => {
	const locale = apiLocale(url, request);
	return apiJson(
		{ indicators: await listApiIndicators(locals.ctx.db, locale) },
		{ headers: { 'content-language': locale, vary: 'Accept-Language' } }
	);
};
