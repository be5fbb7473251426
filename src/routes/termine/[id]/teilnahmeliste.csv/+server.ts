// The check-in list of one date as CSV (staff only; names are personal data: never public).
import { error } from '@sveltejs/kit';
import { can } from '$lib/server/auth/permissions';
import { checkInCsv, checkInList, eventSubject, getEvent } from '$lib/server/events';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, params, url }) => {
	const { db, actor, t } = locals.ctx;
	const ev = await getEvent(db, params.id);
	const subject = ev ? await eventSubject(db, ev.id) : null;
	if (!ev || !subject || !can(actor, 'events.manage', subject)) error(404, t('events.errors.not_found'));
	const occ = ev.occurrences.find((o) => o.id === url.searchParams.get('termin'));
	if (!occ) error(404, t('events.errors.not_found'));
	const csv = checkInCsv(await checkInList(db, occ.id), t);
	return new Response(csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': 'attachment; filename="teilnahmeliste.csv"',
			'cache-control': 'no-store'
		}
	});
};
