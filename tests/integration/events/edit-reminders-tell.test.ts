// On both databases: editing an event's texts (permission, audit, SEQUENCE raised only with people
// registered, capacity guard, waiting list moving up), the reminder the day before (once per
// registration even when the job runs twice, not for cancelled or waiting people, in their language),
// and "tell attendees" (only those who agreed).
import { beforeAll, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../src/lib/server/core';
import {
	cancelRegistrationByStaff,
	createEvent,
	EventEditForm,
	EventForm,
	registerForOccurrence,
	sendReminders,
	tellAttendees,
	updateEvent
} from '../../../src/lib/server/events';
import { authContext, mailsTo, TEST_ORIGIN, uniqueEmail } from '../helpers/auth-context';
import { describeEachDatabase } from '../helpers/db';
import { actorFor, insertAreaTree, insertUser } from '../helpers/roles-fixtures';

const base = {
	title: 'Werkstatt Spielplatz',
	type: 'planungswerkstatt',
	address: 'Bürgerhaus, Marktplatz 1',
	capacity: '2'
};

describeEachDatabase('events: editing, reminders, telling attendees', (get) => {
	let areaId: string;
	beforeAll(async () => {
		areaId = (await insertAreaTree(get().db, 'g')).altstadt;
	});
	const ctx = (now: Date) => authContext(get(), { actor: SYSTEM_ACTOR, now });
	async function eventAt(startsAt: string, endsAt: string, overrides: Record<string, string> = {}) {
		const r = await createEvent(
			ctx(new Date('2030-01-01T10:00:00Z')),
			EventForm.parse({ ...base, startsAt, endsAt, ...overrides }),
			{ consultationId: null, areaIds: [areaId] }
		);
		if (!r.ok) throw new Error(r.code);
		return { id: r.value.id, occ: r.value.occurrenceIds[0] };
	}
	const reg = async (occurrenceId: string, now: Date, locale = 'de', notifyResults = false) => {
		const email = uniqueEmail(`ev-${locale}`);
		const r = await registerForOccurrence(authContext(get(), { now }), {
			occurrenceId,
			name: 'Test',
			email,
			locale,
			answers: {},
			notifyResults,
			channel: 'online'
		});
		if (!r.ok) throw new Error(r.code);
		return { email, id: r.value.registrationId, status: r.value.status };
	};
	const sequenceOf = async (occ: string) =>
		(
			await get()
				.db.selectFrom('event_occurrence')
				.select('sequence')
				.where('id', '=', occ)
				.executeTakeFirstOrThrow()
		).sequence;
	const edit = (o: Record<string, string>) => EventEditForm.parse({ ...base, ...o });

	it('edits texts: SEQUENCE goes up only with people registered; capacity guard; audit; no access for others', async () => {
		const now = new Date('2030-02-01T10:00:00Z');
		const empty = await eventAt('2030-03-10T18:00', '2030-03-10T20:00');
		const r0 = await updateEvent(ctx(now), empty.id, edit({ title: 'Werkstatt Spielplatz (neu)' }));
		expect(r0.ok && r0.value).toMatchObject({ changed: ['title'], sequenceRaised: false });
		expect(await sequenceOf(empty.occ)).toBe(0);

		const full = await eventAt('2030-03-11T18:00', '2030-03-11T20:00');
		const a = await reg(full.occ, now);
		await reg(full.occ, now);
		const w = await reg(full.occ, now);
		expect(w.status).toBe('waiting');
		const seq0 = await sequenceOf(full.occ);
		// the same values again: nothing changes, SEQUENCE stays
		const same = await updateEvent(ctx(now), full.id, edit({}));
		expect(same.ok && same.value.changed).toEqual([]);
		expect(await sequenceOf(full.occ)).toBe(seq0);

		const r1 = await updateEvent(
			ctx(now),
			full.id,
			edit({ description: 'Wir planen den Spielplatz neu.', step_free: 'on', point: '53.55, 9.99' })
		);
		expect(r1.ok && r1.value).toMatchObject({ sequenceRaised: true, movedUp: 0 });
		expect(r1.ok && [...r1.value.changed].sort()).toEqual(['description', 'location', 'step_free']);
		expect(await sequenceOf(full.occ)).toBe(seq0 + 1);
		const row = await get()
			.db.selectFrom('event')
			.select(['description', 'step_free', 'location'])
			.where('id', '=', full.id)
			.executeTakeFirstOrThrow();
		expect(row).toMatchObject({ description: 'Wir planen den Spielplatz neu.', step_free: true });
		expect(row.location).toEqual({ type: 'Point', coordinates: [9.99, 53.55] });
		// unchanged point on the next save is not a change
		const r1b = await updateEvent(
			ctx(now),
			full.id,
			edit({ description: 'Wir planen den Spielplatz neu.', step_free: 'on', point: '53.55, 9.99' })
		);
		expect(r1b.ok && r1b.value.changed).toEqual([]);

		// capacity below the two registered: refused, nothing written
		const r2 = await updateEvent(ctx(now), full.id, edit({ capacity: '1' }));
		expect(r2.ok ? 'ok' : r2.code).toBe('capacity_below');
		// more places: the waiting person moves up and gets a mail
		const r3 = await updateEvent(
			ctx(now),
			full.id,
			edit({
				description: 'Wir planen den Spielplatz neu.',
				step_free: 'on',
				point: '53.55, 9.99',
				capacity: '3'
			})
		);
		expect(r3.ok && r3.value).toMatchObject({ changed: ['capacity'], movedUp: 1 });
		expect((await mailsTo(get().db, w.email)).map((m) => m.kind)).toContain('events_moved_up');
		expect((await mailsTo(get().db, a.email)).map((m) => m.kind)).not.toContain('events_moved_up');

		const audits = await get()
			.db.selectFrom('audit_log')
			.select(['action', 'details'])
			.where('subject_id', '=', full.id)
			.where('action', '=', 'events.update')
			.execute();
		expect(audits).toHaveLength(2);

		// a signed-in person without a role sees no such event
		const plain = await actorFor(get().db, await insertUser(get().db));
		const r4 = await updateEvent(
			authContext(get(), { actor: plain, now }),
			full.id,
			edit({ title: 'Gekapert' })
		);
		expect(r4.ok ? 'ok' : r4.code).toBe('not_found');
	});

	it('the edit form keeps German error keys and needs a place', () => {
		const p = EventEditForm.safeParse({ ...base, title: 'x', address: '', capacity: 'viele' });
		expect(p.success).toBe(false);
		const msgs = Object.fromEntries((p.error?.issues ?? []).map((i) => [String(i.path[0]), i.message]));
		expect(msgs).toEqual({ title: 'events.errors.titleRequired', capacity: 'events.errors.numberInvalid' });
		const noPlace = EventEditForm.safeParse({ ...base, address: '', onlineUrl: '' });
		expect(noPlace.error?.issues.map((i) => [i.path[0], i.message])).toEqual([
			['address', 'events.errors.placeRequired']
		]);
	});

	it('reminds once per registration the day before, in the person’s language, not cancelled or waiting', async () => {
		const ev = await eventAt('2031-05-11T18:00', '2031-05-11T20:00');
		const regNow = new Date('2031-05-01T10:00:00Z');
		const de = await reg(ev.occ, regNow, 'de');
		const tr = await reg(ev.occ, regNow, 'tr');
		const waiting = await reg(ev.occ, regNow, 'en');
		expect(waiting.status).toBe('waiting');
		// the German person cancels, the English one moves up; a fourth person then waits
		const gone = await cancelRegistrationByStaff(ctx(regNow), de.id);
		expect(gone.ok).toBe(true);
		const stillWaiting = await reg(ev.occ, regNow, 'uk');
		expect(stillWaiting.status).toBe('waiting');

		// two days before: nothing yet
		expect((await sendReminders(get().db, new Date('2031-05-09T15:00:00Z'), TEST_ORIGIN)).mails).toBe(0);
		// the day before, job runs twice (e.g. two app nodes, or hourly)
		const dayBefore = new Date('2031-05-10T17:00:00Z');
		const first = await sendReminders(get().db, dayBefore, TEST_ORIGIN);
		const second = await sendReminders(get().db, new Date(dayBefore.getTime() + 3600_000), TEST_ORIGIN);
		expect(first).toEqual({ dates: 1, mails: 2 });
		expect(second).toEqual({ dates: 0, mails: 0 });

		const kinds = async (email: string) =>
			(await mailsTo(get().db, email)).filter((m) => m.kind === 'events_reminder');
		expect(await kinds(de.email)).toHaveLength(0); // cancelled
		expect(await kinds(stillWaiting.email)).toHaveLength(0); // waiting list
		const trMails = await kinds(tr.email);
		expect(trMails).toHaveLength(1);
		expect(trMails[0].subject).toBe('Hatırlatma: yarın Werkstatt Spielplatz');
		const movedUp = await kinds(waiting.email); // moved up after the cancellation: registered now
		expect(movedUp).toHaveLength(1);
		expect(movedUp[0].subject).toBe('Reminder: Werkstatt Spielplatz tomorrow');
		expect(movedUp[0].body_text).toContain(`${TEST_ORIGIN}/termine/${ev.id}`);
	});

	it('“tell attendees” mails only registered people who agreed, each once, in their language', async () => {
		const ev = await eventAt('2030-04-10T18:00', '2030-04-10T20:00', { capacity: '3' });
		const now = new Date('2030-04-01T10:00:00Z');
		const yesDe = await reg(ev.occ, now, 'de', true);
		const yesEn = await reg(ev.occ, now, 'en', true);
		const no = await reg(ev.occ, now, 'de', false);
		const waitingYes = await reg(ev.occ, now, 'de', true);
		expect(waitingYes.status).toBe('waiting');
		expect((await tellAttendees(ctx(now), ev.id, '   ')).ok).toBe(false);
		const r = await tellAttendees(
			ctx(new Date('2030-05-01T10:00:00Z')),
			ev.id,
			'Der Spielplatz wird 2031 gebaut.'
		);
		expect(r.ok && r.value.told).toBe(2);
		const results = async (email: string) =>
			(await mailsTo(get().db, email)).filter((m) => m.kind === 'events_results');
		expect(await results(no.email)).toHaveLength(0);
		expect(await results(waitingYes.email)).toHaveLength(0);
		const de = await results(yesDe.email);
		expect(de).toHaveLength(1);
		expect(de[0].subject).toBe('Was aus den Ergebnissen wurde: Werkstatt Spielplatz');
		expect(de[0].body_text).toContain('Der Spielplatz wird 2031 gebaut.');
		const en = await results(yesEn.email);
		expect(en).toHaveLength(1);
		expect(en[0].subject).toBe('What became of the results: Werkstatt Spielplatz');
		const plain = await actorFor(get().db, await insertUser(get().db));
		const denied = await tellAttendees(authContext(get(), { actor: plain, now }), ev.id, 'Hallo');
		expect(denied.ok ? 'ok' : denied.code).toBe('not_found');
	});
});
