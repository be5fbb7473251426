// Open data: the published, protected results of one survey (404 when nothing is published).
import { error, json } from '@sveltejs/kit';
import { suppressionRules } from '$lib/server/monitoring';
import { loadPublishedResults } from '$lib/server/survey-results';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, params }) => {
	const ctx = locals.ctx;
	const results = await loadPublishedResults(ctx.db, params.id, suppressionRules(ctx.config), ctx.locale, {
		yes: ctx.t('surveysResults.export.yes'),
		no: ctx.t('surveysResults.export.no'),
		other: ctx.t('surveysResults.export.other')
	});
	if (!results) error(404, 'Für diese Befragung sind keine Ergebnisse veröffentlicht.');
	return json(results, {
		headers: { 'access-control-allow-origin': '*', 'cache-control': 'public, max-age=60' }
	});
};
