// GET /termine/[id]/teilnahmeliste.csv?termin=… on both databases: the organiser (a planner) gets the
// check-in list as a CSV download with a UTF-8 BOM, registered people before the waiting list; a
// resident, a visitor without an account, another event's date and a missing date get a 404.
import { isHttpError } from '@sveltejs/kit';
import { beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../../src/lib/server/auth/actor';
import { createEvent, EventForm, registerForOccurrence } from '../../../src/lib/server/events';
import { GET } from '../../../src/routes/termine/[id]/teilnahmeliste.csv/+server';
import { authContext } from '../helpers/auth-context';
import { parseCsvWithBom } from '../helpers/real-programs';
import { describeEachDatabase } from '../helpers/db';
import { actorFor, insertAreaTree, insertUser } from '../helpers/roles-fixtures';

const NOW = new Date('2027-03-01T10:00:00Z');

describeEachDatabase('events: the check-in CSV route', (get) => {
	let planner: Actor;
	let resident: Actor;
	let eventId: string;
	let occurrenceId: string;
	let otherOccurrenceId: string;
	beforeAll(async () => {
		const db = get().db;
		const areaId = (await insertAreaTree(db, 'csv')).altstadt;
		planner = await actorFor(db, await insertUser(db, { roles: ['planner'] }));
		resident = await actorFor(db, await insertUser(db));
		const make = async (title: string) => {
			const created = await createEvent(
				authContext(get(), { actor: planner, now: NOW }),
				EventForm.parse({
					title,
					type: 'planungswerkstatt',
					address: 'Bürgerhaus, Marktplatz 1',
					startsAt: '2027-03-27T18:00',
					endsAt: '2027-03-27T20:00',
					capacity: '1'
				}),
				{ consultationId: null, areaIds: [areaId] }
			);
			if (!created.ok) throw new Error(created.code);
			return created.value;
		};
		const ev = await make('Werkstatt Teilnahmeliste');
		eventId = ev.id;
		occurrenceId = ev.occurrenceIds[0];
		otherOccurrenceId = (await make('Andere Werkstatt')).occurrenceIds[0];
		// the first online registration takes the only place, the second waits; staff add one by phone
		for (const [name, channel] of [
			['Zweite Person', 'online'],
			['Dritte Person', 'phone']
		] as const) {
			const ctx = authContext(get(), { actor: channel === 'online' ? null : planner, now: NOW });
			const r = await registerForOccurrence(ctx, {
				occurrenceId,
				name,
				email: null,
				locale: 'de',
				answers: {},
				notifyResults: false,
				channel
			});
			if (!r.ok) throw new Error(r.code);
		}
	});

	const download = async (actor: Actor | null, termin: string | null, id = eventId) => {
		const url = new URL(`https://quartier.example/termine/${id}/teilnahmeliste.csv`);
		if (termin) url.searchParams.set('termin', termin);
		try {
			const res = await GET({
				params: { id },
				url,
				locals: { ctx: authContext(get(), { actor, now: NOW }) }
			} as unknown as Parameters<typeof GET>[0]);
			return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
		} catch (e) {
			if (isHttpError(e)) return { status: e.status, headers: null, bytes: null };
			throw e;
		}
	};

	it('gives the organiser the list as a CSV download with BOM, registered before waiting', async () => {
		const res = await download(planner, occurrenceId);
		expect(res.status).toBe(200);
		expect(res.headers!.get('content-type')).toBe('text/csv; charset=utf-8');
		expect(res.headers!.get('content-disposition')).toContain('attachment; filename="teilnahmeliste.csv"');
		expect(res.headers!.get('cache-control')).toBe('no-store');
		const rows = parseCsvWithBom(res.bytes!, ',');
		expect(rows[0]).toEqual(['Name', 'Status', 'Warteliste', 'Weg', 'Anwesend', 'Antworten']);
		expect(rows.slice(1).map((r) => [r[0], r[1], r[2]])).toEqual([
			['Zweite Person', 'angemeldet', ''],
			['Dritte Person', 'Warteliste', '1']
		]);
	});

	it('refuses residents, visitors, a date of another event and a missing date (404)', async () => {
		expect((await download(resident, occurrenceId)).status).toBe(404);
		expect((await download(null, occurrenceId)).status).toBe(404);
		expect((await download(planner, otherOccurrenceId)).status).toBe(404);
		expect((await download(planner, null)).status).toBe(404);
		expect((await download(planner, occurrenceId, '00000000-0000-0000-0000-000000000000')).status).toBe(404);
	});
});
