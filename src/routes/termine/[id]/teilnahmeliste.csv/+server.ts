// The check-in list of one date as CSV (staff only; names are personal data: never public).
import { error } from '@sveltejs/kit';
import Papa from 'papaparse';
import { can } from '$lib/server/auth/permissions';
import { checkInList, eventSubject, getEvent } from '$lib/server/events';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, params, url }) => {
	const { db, actor, t } = locals.ctx;
	const ev = await getEvent(db, params.id);
	const subject = ev ? await eventSubject(db, ev.id) : null;
	if (!ev || !subject || !can(actor, 'events.manage', subject)) error(404, t('events.errors.not_found'));
	const occ = ev.occurrences.find((o) => o.id === url.searchParams.get('termin'));
	if (!occ) error(404, t('events.errors.not_found'));
	const rows = await checkInList(db, occ.id);
	const csv = Papa.unparse({
		fields: ['name', 'status', 'waiting_position', 'channel', 'attended'],
		data: rows.map((r) => [
			safeCell(r.name ?? ''),
			r.status,
			r.waitingPosition ?? '',
			r.channel,
			r.attended === null ? '' : r.attended ? 'ja' : 'nein'
		])
	});
	return new Response(`\uFEFF${csv}`, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': 'attachment; filename="teilnahmeliste.csv"',
			'cache-control': 'no-store'
		}
	});
};

/** A cell starting with = + - @ would run as a formula in a spreadsheet. */
function safeCell(value: string): string {
	return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
