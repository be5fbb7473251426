// GET /api/v1/events.ics[?consultation=slug][&area=key]: the subscribable calendar (see OpenAPI).
import { error } from '@sveltejs/kit';
import { eventsFeed, feedFilter } from '$lib/server/events';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, url }) => {
	const { db, config, t } = locals.ctx;
	const filter = await feedFilter(db, {
		consultation: url.searchParams.get('consultation'),
		area: url.searchParams.get('area')
	});
	if (!filter) error(404, t('events.errors.not_found'));
	const body = await eventsFeed(db, config.origin, filter, t('events.list.title'), locals.ctx.now);
	return new Response(body, {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': 'inline; filename="termine.ics"',
			'cache-control': 'public, max-age=300'
		}
	});
};
