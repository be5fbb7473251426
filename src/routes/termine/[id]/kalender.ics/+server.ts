// "In meinen Kalender": every date of one event as an .ics file.
import { error } from '@sveltejs/kit';
import { eventsFeed, getEvent } from '$lib/server/events';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, params }) => {
	const { db, config, t } = locals.ctx;
	const ev = await getEvent(db, params.id);
	if (!ev || ev.status === 'draft') error(404, t('events.errors.not_found'));
	const body = await eventsFeed(
		db,
		config.origin,
		{ eventId: ev.id, consultationId: ev.consultationId ?? undefined },
		ev.title
	);
	return new Response(body, {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': 'attachment; filename="termin.ics"'
		}
	});
};
