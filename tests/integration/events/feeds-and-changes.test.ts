// The iCalendar feeds over HTTP on both databases, read back by an independent parser (python3-icalendar):
// GET /api/v1/events.ics city-wide, ?consultation=, ?area= (with the areas below it), unknown names → 404,
// the six-month lower bound; the per-event file (only that event's dates, also for a stand-alone event;
// 404 for a draft or an event of an unpublished consultation). Then cancelling and moving a date: everyone
// registered or waiting is mailed in their language, SEQUENCE goes up, the feed says STATUS:CANCELLED or
// carries the new time, and the manage page's command reports an already cancelled date.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { isHttpError } from '@sveltejs/kit';
import { beforeAll, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../src/lib/server/core';
import {
	addOccurrence,
	cancelOccurrence,
	createEvent,
	EventForm,
	moveOccurrence,
	registerForOccurrence
} from '../../../src/lib/server/events';
import { GET as feedGET } from '../../../src/routes/api/v1/events.ics/+server';
import { GET as eventIcsGET } from '../../../src/routes/termine/[id]/kalender.ics/+server';
import { insertConsultation } from '../contributions/fixtures';
import { authContext, mailsTo, TEST_ORIGIN, uniqueEmail } from '../helpers/auth-context';
import { describeEachDatabase } from '../helpers/db';
import { insertAreaTree, type AreaTree } from '../helpers/roles-fixtures';

const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const NOW = new Date('2027-03-01T10:00:00Z');

interface ParsedEvent {
	uid: string;
	summary: string;
	status: string | null;
	sequence: number;
	start: string;
}

/** The VEVENTs as python3-icalendar reads them, start in Berlin wall time. */
function parseIcs(ics: string): ParsedEvent[] {
	const out = execFileSync(
		PYTHON,
		[
			'-c',
			`import sys, json, icalendar, zoneinfo
cal = icalendar.Calendar.from_ical(sys.stdin.read())
tz = zoneinfo.ZoneInfo('Europe/Berlin')
print(json.dumps([{'uid': str(e['UID']), 'summary': str(e['SUMMARY']),
  'status': str(e['STATUS']) if 'STATUS' in e else None,
  'sequence': int(e.get('SEQUENCE', 0)),
  'start': e.decoded('dtstart').astimezone(tz).strftime('%Y-%m-%d %H:%M %z')} for e in cal.walk('VEVENT')]))`
		],
		{ input: ics, encoding: 'utf8' }
	);
	return JSON.parse(out) as ParsedEvent[];
}

function form(overrides: Record<string, string> = {}) {
	return EventForm.parse({
		title: 'Feed-Werkstatt',
		type: 'planungswerkstatt',
		address: 'Bürgerhaus, Marktplatz 1',
		startsAt: '2027-04-10T18:00',
		endsAt: '2027-04-10T20:00',
		capacity: '1',
		...overrides
	});
}

describeEachDatabase('events: iCalendar feeds and changed dates', (get) => {
	let areas: AreaTree;
	let prefix: string;
	beforeAll(async () => {
		prefix = `f${Math.random().toString(36).slice(2, 6)}`;
		areas = await insertAreaTree(get().db, prefix);
	});
	const ctx = () => authContext(get(), { actor: SYSTEM_ACTOR, now: NOW });
	const locals = () => ({ ctx: authContext(get(), { now: NOW }) });

	async function fetchFeed(query = ''): Promise<{ status: number; body: string }> {
		const url = new URL(`${TEST_ORIGIN}/api/v1/events.ics${query}`);
		try {
			const res = await feedGET({ url, locals: locals() } as unknown as Parameters<typeof feedGET>[0]);
			expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
			return { status: res.status, body: await res.text() };
		} catch (e) {
			if (isHttpError(e)) return { status: e.status, body: '' };
			throw e;
		}
	}
	async function fetchEventIcs(id: string): Promise<{ status: number; body: string }> {
		try {
			const res = await eventIcsGET({ params: { id }, locals: locals() } as unknown as Parameters<
				typeof eventIcsGET
			>[0]);
			return { status: res.status, body: await res.text() };
		} catch (e) {
			if (isHttpError(e)) return { status: e.status, body: '' };
			throw e;
		}
	}
	const titles = (ics: string) => new Set(parseIcs(ics).map((e) => e.summary));

	async function event(title: string, opts: { consultationId?: string | null; areaIds?: string[] } = {}) {
		const r = await createEvent(ctx(), form({ title }), {
			consultationId: opts.consultationId ?? null,
			areaIds: opts.areaIds ?? (opts.consultationId ? [] : [areas.quartierA])
		});
		if (!r.ok) throw new Error(r.code);
		return r.value;
	}

	it('serves the city-wide, consultation and area feeds, bounded six months back, 404 for unknown names', async () => {
		const db = get().db;
		const open = await insertConsultation(db, { areaIds: [areas.hafen] });
		const hidden = await insertConsultation(db, { status: 'draft', areaIds: [areas.hafen] });
		const alone = await event(`${prefix} Sozialraumforum Quartier A`, { areaIds: [areas.quartierA] });
		const south = await event(`${prefix} Forum Süd`, { areaIds: [areas.quartierC] });
		await event(`${prefix} Verfahrenswerkstatt`, { consultationId: open.id });
		await event(`${prefix} Entwurfswerkstatt`, { consultationId: hidden.id });
		// an old date 200 days back drops out of subscribed feeds, one 100 days back stays
		const old = await event(`${prefix} Alte Werkstatt`, { areaIds: [areas.quartierB] });
		await db
			.updateTable('event_occurrence')
			.set({ starts_at: new Date('2026-08-13T16:00:00Z'), ends_at: new Date('2026-08-13T18:00:00Z') })
			.where('id', '=', old.occurrenceIds[0])
			.execute();
		const recent = await event(`${prefix} Neulich`, { areaIds: [areas.quartierB] });
		await db
			.updateTable('event_occurrence')
			.set({ starts_at: new Date('2026-11-21T17:00:00Z'), ends_at: new Date('2026-11-21T19:00:00Z') })
			.where('id', '=', recent.occurrenceIds[0])
			.execute();
		// a date far ahead is in the feed however many past dates there are
		const far = await addOccurrence(ctx(), south.id, {
			startsAt: new Date('2029-06-01T16:00:00Z'),
			endsAt: new Date('2029-06-01T18:00:00Z')
		});
		expect(far.ok).toBe(true);

		const city = await fetchFeed();
		expect(city.status).toBe(200);
		const cityEvents = parseIcs(city.body).filter((e) => e.summary.startsWith(prefix));
		expect(new Set(cityEvents.map((e) => e.summary))).toEqual(
			new Set([
				`${prefix} Sozialraumforum Quartier A`,
				`${prefix} Forum Süd`,
				`${prefix} Verfahrenswerkstatt`,
				`${prefix} Neulich`
			])
		);
		expect(cityEvents.filter((e) => e.summary === `${prefix} Forum Süd`).map((e) => e.start)).toEqual([
			'2027-04-10 18:00 +0200',
			'2029-06-01 18:00 +0200'
		]);
		expect(cityEvents.find((e) => e.summary.endsWith('Quartier A'))!.uid).toBe(
			`event-${alone.occurrenceIds[0]}@quartier.example`
		);

		const byConsultation = await fetchFeed(`?consultation=${open.slug}`);
		expect(byConsultation.status).toBe(200);
		expect(titles(byConsultation.body)).toEqual(new Set([`${prefix} Verfahrenswerkstatt`]));

		// Altstadt holds Quartier A and B; Hafen holds Quartier C and is the open consultation's area
		const altstadt = await fetchFeed(`?area=${prefix}-11`);
		expect(titles(altstadt.body)).toEqual(
			new Set([`${prefix} Sozialraumforum Quartier A`, `${prefix} Neulich`])
		);
		const hafen = await fetchFeed(`?area=${prefix}-21`);
		expect(titles(hafen.body)).toEqual(new Set([`${prefix} Forum Süd`, `${prefix} Verfahrenswerkstatt`]));

		expect((await fetchFeed('?consultation=gibt-es-nicht')).status).toBe(404);
		expect((await fetchFeed(`?consultation=${hidden.slug}`)).status).toBe(404);
		expect((await fetchFeed('?area=gibt-es-nicht')).status).toBe(404);
	});

	it('serves one event as its own file: only its dates, stand-alone too; 404 when the page is hidden', async () => {
		const db = get().db;
		const alone = await event(`${prefix} Einzeltermin`, { areaIds: [areas.sued] });
		await addOccurrence(ctx(), alone.id, {
			startsAt: new Date('2027-05-10T16:00:00Z'),
			endsAt: new Date('2027-05-10T18:00:00Z')
		});
		// an old date of the event stays in its own file (the six-month bound is for subscribed feeds)
		await db
			.updateTable('event_occurrence')
			.set({ starts_at: new Date('2025-01-10T17:00:00Z'), ends_at: new Date('2025-01-10T19:00:00Z') })
			.where('id', '=', alone.occurrenceIds[0])
			.execute();
		await event(`${prefix} Andere`, { areaIds: [areas.sued] });
		const file = await fetchEventIcs(alone.id);
		expect(file.status).toBe(200);
		const parsed = parseIcs(file.body);
		expect(parsed.map((e) => [e.summary, e.start])).toEqual([
			[`${prefix} Einzeltermin`, '2025-01-10 18:00 +0100'],
			[`${prefix} Einzeltermin`, '2027-05-10 18:00 +0200']
		]);

		const hidden = await insertConsultation(db, { status: 'draft' });
		const inDraft = await event(`${prefix} Geheim`, { consultationId: hidden.id });
		expect((await fetchEventIcs(inDraft.id)).status).toBe(404);
		const draft = await event(`${prefix} Entwurf`, { areaIds: [areas.sued] });
		await db.updateTable('event').set({ status: 'draft' }).where('id', '=', draft.id).execute();
		expect((await fetchEventIcs(draft.id)).status).toBe(404);
		expect((await fetchEventIcs('00000000-0000-4000-8000-000000000000')).status).toBe(404);
	});

	it('tells everyone registered or waiting when a date is cancelled or moved; the feed follows', async () => {
		const db = get().db;
		const ev = await event(`${prefix} Wechselwerkstatt`, { areaIds: [areas.quartierA] });
		const second = await addOccurrence(ctx(), ev.id, {
			startsAt: new Date('2027-04-17T16:00:00Z'),
			endsAt: new Date('2027-04-17T18:00:00Z')
		});
		if (!second.ok) throw new Error(second.code);
		const [first, later] = [ev.occurrenceIds[0], second.value.id];
		const people: Record<string, { email: string; locale: 'de' | 'tr' }[]> = { [first]: [], [later]: [] };
		for (const occurrenceId of [first, later])
			for (const locale of ['de', 'tr'] as const) {
				const email = uniqueEmail(`change-${locale}`);
				const r = await registerForOccurrence(authContext(get(), { now: NOW }), {
					occurrenceId,
					name: 'Test',
					email,
					locale,
					answers: {},
					notifyResults: false,
					channel: 'online'
				});
				if (!r.ok) throw new Error(r.code);
				people[occurrenceId].push({ email, locale });
			}
		// capacity 1: the second person per date waits, and is told all the same
		const statuses = await db
			.selectFrom('event_registration')
			.select('status')
			.where('occurrence_id', 'in', [first, later])
			.execute();
		expect(statuses.map((s) => s.status).sort()).toEqual(['registered', 'registered', 'waiting', 'waiting']);
		await db.updateTable('event_occurrence').set({ reminder_sent_at: NOW }).where('id', '=', later).execute();

		const cancelled = await cancelOccurrence(ctx(), first);
		expect(cancelled).toEqual({ ok: true, value: { told: 2 } });
		const moved = await moveOccurrence(ctx(), later, {
			startsAt: new Date('2027-04-24T17:00:00Z'),
			endsAt: new Date('2027-04-24T19:00:00Z')
		});
		expect(moved).toEqual({ ok: true, value: { told: 2 } });

		for (const p of people[first]) {
			const mails = (await mailsTo(db, p.email)).filter((m) => m.kind === 'events_date_cancelled');
			expect(mails).toHaveLength(1);
			expect(mails[0].subject).toBe(
				p.locale === 'tr'
					? `İptal edildi: ${prefix} Wechselwerkstatt`
					: `Abgesagt: ${prefix} Wechselwerkstatt`
			);
		}
		for (const p of people[later]) {
			const mails = (await mailsTo(db, p.email)).filter((m) => m.kind === 'events_date_moved');
			expect(mails).toHaveLength(1);
			expect(mails[0].subject.startsWith(p.locale === 'tr' ? 'Yeni tarih:' : 'Neuer Termin:')).toBe(true);
			// the new time, 19:00 in Berlin (summer time)
			expect(mails[0].body_text).toContain('19:00');
			expect(mails[0].body_text).toContain(`${TEST_ORIGIN}/termine/${ev.id}`);
			expect((await mailsTo(db, p.email)).some((m) => m.kind === 'events_date_cancelled')).toBe(false);
		}
		const row = await db
			.selectFrom('event_occurrence')
			.select(['status', 'moved_from', 'reminder_sent_at', 'sequence'])
			.where('id', '=', later)
			.executeTakeFirstOrThrow();
		expect(row.status).toBe('moved');
		expect(new Date(row.moved_from!).toISOString()).toBe('2027-04-17T16:00:00.000Z');
		expect(row.reminder_sent_at).toBeNull();

		const feed = parseIcs((await fetchEventIcs(ev.id)).body);
		expect(feed).toEqual([
			{
				uid: `event-${first}@quartier.example`,
				summary: `${prefix} Wechselwerkstatt`,
				status: 'CANCELLED',
				sequence: 1,
				start: '2027-04-10 18:00 +0200'
			},
			{
				uid: `event-${later}@quartier.example`,
				summary: `${prefix} Wechselwerkstatt`,
				status: 'CONFIRMED',
				sequence: 1,
				start: '2027-04-24 19:00 +0200'
			}
		]);
		const city = parseIcs((await fetchFeed()).body).filter(
			(e) => e.uid === `event-${first}@quartier.example`
		);
		expect(city.map((e) => e.status)).toEqual(['CANCELLED']);

		// a cancelled date can be neither cancelled again nor moved, and nobody is mailed twice
		expect(await cancelOccurrence(ctx(), first)).toEqual({ ok: false, code: 'cancelled' });
		expect(
			await moveOccurrence(ctx(), first, {
				startsAt: new Date('2027-05-01T16:00:00Z'),
				endsAt: new Date('2027-05-01T18:00:00Z')
			})
		).toEqual({ ok: false, code: 'cancelled' });
		for (const p of people[first])
			expect((await mailsTo(db, p.email)).filter((m) => m.kind === 'events_date_cancelled')).toHaveLength(1);
		// someone who may not manage the event is refused like a missing date
		expect(await cancelOccurrence(authContext(get(), { now: NOW }), later)).toEqual({
			ok: false,
			code: 'not_found'
		});
	});
});
