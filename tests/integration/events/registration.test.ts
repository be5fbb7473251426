// Registration on both databases: capacity under 20 parallel registrations, the waiting list moving up
// on cancellation, cancel links single-use and unguessable, the retention job, and the calendar feed
// read by a second, independent parser (python3-icalendar) across a summer-time change.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { beforeAll, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../src/lib/server/core';
import {
	cancelRegistrationByToken,
	checkInCsv,
	checkInList,
	createEvent,
	defaultRegistrationQuestions,
	summariseAnswers,
	feedOccurrences,
	registerForOccurrence,
	runRetention,
	EventForm
} from '../../../src/lib/server/events';
import { buildIcs } from '../../../src/lib/events/ics';
import { LOCALES, translator } from '../../../src/lib/i18n';
import type { Answers } from '../../../src/lib/questionnaire';
import { authContext, uniqueEmail } from '../helpers/auth-context';
import { parseCsvWithBom } from '../helpers/real-programs';
import { describeEachDatabase } from '../helpers/db';
import { insertAreaTree } from '../helpers/roles-fixtures';

// Debian's python3 (with python3-icalendar), not a pyenv shim that may come first on PATH.
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

function form(overrides: Record<string, string> = {}) {
	return EventForm.parse({
		title: 'Planungswerkstatt Test',
		type: 'planungswerkstatt',
		address: 'Bürgerhaus, Marktplatz 1',
		startsAt: '2027-03-27T18:00',
		endsAt: '2027-03-27T20:00',
		capacity: '5',
		...overrides
	});
}

describeEachDatabase('events: registration', (get) => {
	let areaId: string;
	beforeAll(async () => {
		areaId = (await insertAreaTree(get().db, 'e')).altstadt;
	});
	const ctx = (now = new Date('2027-03-01T10:00:00Z')) => authContext(get(), { actor: SYSTEM_ACTOR, now });
	const reg = (occurrenceId: string, email: string | null, now?: Date) =>
		registerForOccurrence(
			{ ...authContext(get(), { now: now ?? new Date('2027-03-01T10:00:00Z') }) },
			{
				occurrenceId,
				name: 'Test',
				email,
				locale: 'de',
				answers: {},
				notifyResults: false,
				channel: 'online'
			}
		);

	it('never exceeds capacity under 20 parallel registrations for 5 places', async () => {
		const created = await createEvent(ctx(), form(), { consultationId: null, areaIds: [areaId] });
		expect(created.ok).toBe(true);
		if (!created.ok) return;
		const occ = created.value.occurrenceIds[0];
		const results = await Promise.all(Array.from({ length: 20 }, () => reg(occ, uniqueEmail('cap'))));
		const statuses = results.map((r) => (r.ok ? r.value.status : r.code));
		expect(statuses.filter((s) => s === 'registered')).toHaveLength(5);
		expect(statuses.filter((s) => s === 'waiting')).toHaveLength(15);
		const rows = await get()
			.db.selectFrom('event_registration')
			.select(['status', 'waiting_position'])
			.where('occurrence_id', '=', occ)
			.execute();
		expect(rows.filter((r) => r.status === 'registered')).toHaveLength(5);
		const positions = rows
			.filter((r) => r.status === 'waiting')
			.map((r) => r.waiting_position)
			.sort((a, b) => a! - b!);
		expect(positions).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
		const o = await get()
			.db.selectFrom('event_occurrence')
			.select('registered_count')
			.where('id', '=', occ)
			.executeTakeFirstOrThrow();
		expect(Number(o.registered_count)).toBe(5);
	});

	it('moves the waiting list up on cancellation; the link works once and a guessed one never', async () => {
		const created = await createEvent(ctx(), form({ capacity: '2' }), {
			consultationId: null,
			areaIds: [areaId]
		});
		if (!created.ok) throw new Error(created.code);
		const occ = created.value.occurrenceIds[0];
		const a = await reg(occ, uniqueEmail('a'));
		await reg(occ, uniqueEmail('b'));
		const waitingEmail = uniqueEmail('w');
		const w = await reg(occ, waitingEmail);
		if (!a.ok || !w.ok) throw new Error('registration failed');
		expect(w.value.status).toBe('waiting');
		// the token is in the confirmation mail, and only its hash is stored
		const mail = await get()
			.db.selectFrom('mail_outbox')
			.select(['body_text', 'kind'])
			.where('to_address', '=', waitingEmail)
			.executeTakeFirstOrThrow();
		expect(mail.kind).toBe('events_waiting');
		expect(mail.body_text).toContain(`/termine/abmelden/${w.value.cancelToken}`);
		const stored = await get()
			.db.selectFrom('event_registration')
			.select('cancel_token_hash')
			.where('id', '=', a.value.registrationId)
			.executeTakeFirstOrThrow();
		expect(stored.cancel_token_hash).not.toContain(a.value.cancelToken!);
		expect(a.value.cancelToken!.length).toBeGreaterThanOrEqual(43);

		const guessed = await cancelRegistrationByToken(ctx(), 'A'.repeat(43));
		expect(guessed).toEqual({ ok: false, code: 'not_found' });
		const first = await cancelRegistrationByToken(ctx(), a.value.cancelToken!);
		expect(first.ok && first.value.movedUp).toBe(1);
		const second = await cancelRegistrationByToken(ctx(), a.value.cancelToken!);
		expect(second).toEqual({ ok: false, code: 'not_found' });
		const moved = await get()
			.db.selectFrom('event_registration')
			.select('status')
			.where('id', '=', w.value.registrationId)
			.executeTakeFirstOrThrow();
		expect(moved.status).toBe('registered');
		const kinds = (
			await get().db.selectFrom('mail_outbox').select('kind').where('to_address', '=', waitingEmail).execute()
		).map((m) => m.kind);
		expect(kinds).toContain('events_moved_up');
	});

	it('refuses after the deadline', async () => {
		const created = await createEvent(ctx(), form({ deadlineHours: '24' }), {
			consultationId: null,
			areaIds: [areaId]
		});
		if (!created.ok) throw new Error(created.code);
		const late = await reg(created.value.occurrenceIds[0], null, new Date('2027-03-27T08:00:00Z'));
		expect(late).toEqual({ ok: false, code: 'deadline' });
	});

	it('the retention job anonymises registrations six months after the date, not before', async () => {
		const created = await createEvent(
			ctx(),
			form({ startsAt: '2026-01-10T18:00', endsAt: '2026-01-10T20:00' }),
			{
				consultationId: null,
				areaIds: [areaId]
			}
		);
		if (!created.ok) throw new Error(created.code);
		const occ = created.value.occurrenceIds[0];
		await reg(occ, 'keep-me@example.org', new Date('2026-01-05T10:00:00Z'));
		expect((await runRetention(get().db, new Date('2026-06-01T00:00:00Z'))).registrations).toBe(0);
		const r = await runRetention(get().db, new Date('2026-07-20T00:00:00Z'));
		expect(r.registrations).toBeGreaterThanOrEqual(1);
		const row = await get()
			.db.selectFrom('event_registration')
			.selectAll()
			.where('occurrence_id', '=', occ)
			.executeTakeFirstOrThrow();
		expect(row).toMatchObject({
			name: null,
			email: null,
			user_id: null,
			cancel_token_hash: null,
			status: 'registered'
		});
		expect(row.answers).toEqual({});
		expect(row.anonymised_at).not.toBeNull();
	});

	it('the feed parses with python3-icalendar at the right Berlin time on both sides of a DST change', async () => {
		// Sat 27 March 2027 is winter time (UTC+1), Mon 29 March summer time (UTC+2); both at 18:00.
		const created = await createEvent(
			ctx(),
			form({
				title: 'DST-Werkstatt',
				startsAt: '2027-03-27T18:00',
				endsAt: '2027-03-27T20:00',
				repeatUnit: 'week',
				repeatInterval: '1',
				repeatCount: '2'
			}),
			{ consultationId: null, areaIds: [areaId] }
		);
		if (!created.ok) throw new Error(created.code);
		const rows = (await feedOccurrences(get().db, {})).filter((r) => r.title === 'DST-Werkstatt');
		const ics = buildIcs({
			name: 'Termine',
			host: 'quartier.example',
			occurrences: rows.map((r) => ({
				occurrenceId: r.id,
				title: r.title,
				description: r.description,
				startsAt: new Date(r.starts_at),
				endsAt: new Date(r.ends_at),
				status: r.status as 'scheduled',
				sequence: r.sequence,
				location: r.address,
				url: 'https://quartier.example/termine',
				updatedAt: new Date(r.updated_at)
			}))
		});
		const out = execFileSync(
			PYTHON,
			[
				'-c',
				`import sys, icalendar, zoneinfo
cal = icalendar.Calendar.from_ical(sys.stdin.read())
tz = zoneinfo.ZoneInfo('Europe/Berlin')
for e in cal.walk('VEVENT'):
    print(e.decoded('dtstart').astimezone(tz).strftime('%Y-%m-%d %H:%M %z'), e['UID'])`
			],
			{ input: ics, encoding: 'utf8' }
		);
		const lines = out.trim().split('\n');
		expect(lines.map((l) => l.split(' ').slice(0, 3).join(' '))).toEqual([
			'2027-03-27 18:00 +0100',
			'2027-04-03 18:00 +0200'
		]);
		expect(lines[0]).toContain(`event-${created.value.occurrenceIds[0]}@quartier.example`);
	});

	it('writes the check-in list as CSV: registered before waiting, formulas neutralised', async () => {
		const created = await createEvent(ctx(), form({ capacity: '1' }), {
			consultationId: null,
			areaIds: [areaId]
		});
		expect(created.ok).toBe(true);
		if (!created.ok) return;
		const occurrenceId = created.value.occurrenceIds[0];
		for (const name of ['Ayşe Yılmaz', '=HYPERLINK("http://evil.example")'])
			expect(
				(
					await registerForOccurrence(authContext(get(), { now: new Date('2027-03-01T10:00:00Z') }), {
						occurrenceId,
						name,
						email: null,
						locale: 'de',
						answers: {},
						notifyResults: false,
						channel: 'online'
					})
				).ok
			).toBe(true);
		const csv = checkInCsv(await checkInList(get().db, occurrenceId), translator('de'));
		expect(parseCsvWithBom(new TextEncoder().encode(csv), ',')).toEqual([
			['Name', 'Status', 'Warteliste', 'Weg', 'Anwesend', 'Antworten'],
			['Ayşe Yılmaz', 'angemeldet', '', 'Online', '', ''],
			[`'=HYPERLINK("http://evil.example")`, 'Warteliste', '1', 'Online', '', '']
		]);
	});

	it('shows the registration answers to organisers: counts per answer and per person in the CSV', async () => {
		const created = await createEvent(
			ctx(),
			form({
				capacity: '5',
				q_kinderbetreuung: 'on',
				q_sprache: 'on',
				q_barrierefreiheit: 'on',
				q_wohngebiet: 'on'
			}),
			{
				consultationId: null,
				areaIds: [areaId]
			}
		);
		expect(created.ok).toBe(true);
		if (!created.ok) return;
		const occurrenceId = created.value.occurrenceIds[0];
		const people: [string, Answers][] = [
			[
				'Ayşe',
				{
					kinderbetreuung: { type: 'yes_no', yes: true },
					sprache: { type: 'single_choice', choice: 'tr' },
					barrierefreiheit: { type: 'long_text', text: 'Rollstuhlplatz' },
					wohngebiet: { type: 'area', areaId }
				}
			],
			[
				'Ben',
				{ kinderbetreuung: { type: 'yes_no', yes: true }, sprache: { type: 'single_choice', choice: 'de' } }
			],
			['Cem', { kinderbetreuung: { type: 'yes_no', yes: false } }]
		];
		for (const [name, answers] of people)
			expect(
				(
					await registerForOccurrence(authContext(get(), { now: new Date('2027-03-01T10:00:00Z') }), {
						occurrenceId,
						name,
						email: null,
						locale: 'de',
						answers,
						notifyResults: false,
						channel: 'online'
					})
				).ok
			).toBe(true);
		const t = translator('de');
		const list = await checkInList(get().db, occurrenceId);
		const areaName = list.find((r) => r.name === 'Ayşe')?.areaName;
		expect(areaName).toBeTruthy();
		expect(summariseAnswers(list, t)).toEqual([
			{ label: 'Brauchen Sie Kinderbetreuung? Ja', count: 2 },
			{ label: 'Brauchen Sie Kinderbetreuung? Nein', count: 1 },
			{ label: 'In welcher Sprache möchten Sie teilnehmen? Türkisch', count: 1 },
			{ label: 'In welcher Sprache möchten Sie teilnehmen? Deutsch', count: 1 },
			{ label: 'Besondere Bedürfnisse', count: 1 },
			{ label: `In welchem Stadtteil wohnen Sie? ${areaName}`, count: 1 }
		]);
		const rows = parseCsvWithBom(new TextEncoder().encode(checkInCsv(list, t)), ',');
		const byName = new Map(rows.slice(1).map((r) => [r[0], r[5]]));
		expect(byName.get('Ayşe')).toBe(
			`Kinderbetreuung: Ja; Türkisch; Besondere Bedürfnisse: Rollstuhlplatz; ${areaName}`
		);
		expect(byName.get('Ben')).toBe('Kinderbetreuung: Ja; Deutsch');
		expect(byName.get('Cem')).toBe('Kinderbetreuung: Nein');
		expect(rows[1][3]).toBe('Online');
	});

	it('stores the registration questions in all six languages from the locale files', async () => {
		const def = defaultRegistrationQuestions();
		for (const q of def.questions)
			for (const l of LOCALES) expect((q.text as Record<string, string>)[l], `${q.key} ${l}`).toMatch(/\S/);
		const texts = new Set(LOCALES.map((l) => (def.questions[0].text as Record<string, string>)[l]));
		expect(texts.size).toBe(6);
		expect((def.questions[0].text as Record<string, string>).tr).toBe(
			translator('tr')('events.questions.childcare')
		);
	});
});
