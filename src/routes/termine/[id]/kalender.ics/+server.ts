// "In meinen Kalender": every date of one event as an .ics file (as visible as the event page).
import { error } from '@sveltejs/kit';
import { eventsFeed, visibleEvent } from '$lib/server/events';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, params }) => {
	const { db, config, t, actor, now } = locals.ctx;
	const found = await visibleEvent(db, actor, params.id);
	if (!found || found.ev.status === 'draft') error(404, t('events.errors.not_found'));
	const body = await eventsFeed(db, config.origin, { eventId: found.ev.id }, found.ev.title, now);
	return new Response(body, {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': 'attachment; filename="termin.ics"'
		}
	});
};
