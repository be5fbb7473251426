// Date polls (answer without an account, edit through the private link, cap per slot, fixing creates
// the date and tells those with an e-mail address), the permission wall, and the demo events.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../src/lib/server/core';
import { seedDemoIfEmpty } from '../../../src/lib/server/demo';
import {
	answerPoll,
	createEvent,
	createPoll,
	EventForm,
	feedOccurrences,
	fixPollSlot,
	getEvent,
	getPoll,
	getResponseByToken,
	pollResults,
	registerForOccurrence,
	updatePollAnswers
} from '../../../src/lib/server/events';
import { detectImageType } from '../../../src/lib/server/uploads/images';
import { memoryStorage } from '../contributions/fixtures';
import { authContext } from '../helpers/auth-context';
import { describeEachDatabase } from '../helpers/db';
import { actorFor, insertUser } from '../helpers/roles-fixtures';

describeEachDatabase('events: polls and demo', (get) => {
	// the demo seed stores the past workshop's minutes and photo here
	const storage = memoryStorage();
	it('ranks answers, keeps caps, edits by token and fixes a slot into a date', async () => {
		await seedDemoIfEmpty(get(), storage);
		const altstadt = await get()
			.db.selectFrom('area')
			.select('id')
			.where('is_demo', '=', true)
			.where('name', '=', 'Altstadt')
			.executeTakeFirstOrThrow();
		const ctx = authContext(get(), { actor: SYSTEM_ACTOR });
		const ev = await createEvent(
			ctx,
			EventForm.parse({
				title: 'Zukunftswerkstatt',
				type: 'zukunftswerkstatt',
				address: 'Haus',
				startsAt: '2027-02-01T18:00',
				endsAt: '2027-02-01T20:00'
			}),
			{ consultationId: null, areaIds: [altstadt.id] }
		);
		if (!ev.ok) throw new Error(ev.code);
		const slots = ['2027-05-10T16:00:00Z', '2027-05-11T16:00:00Z', '2027-05-12T16:00:00Z'].map((s) => ({
			startsAt: new Date(s),
			endsAt: new Date(new Date(s).getTime() + 7200_000),
			cap: 1
		}));
		const created = await createPoll(ctx, ev.value.id, slots);
		if (!created.ok) throw new Error(created.code);
		const poll = (await getPoll(get().db, { token: created.value.token }))!;
		const [a, b, c] = poll.slots.map((s) => s.id);
		const anon = authContext(get());
		const first = await answerPoll(anon, poll, {
			name: 'Lena',
			email: 'lena@example.org',
			locale: 'tr',
			answers: { [a]: 'maybe', [b]: 'yes', [c]: 'no' }
		});
		if (!first.ok) throw new Error(first.code);
		// the cap of one "yes" on b is reached
		expect(
			await answerPoll(anon, poll, { name: 'Kemal', email: null, locale: 'de', answers: { [b]: 'yes' } })
		).toEqual({ ok: false, code: 'slot_full' });
		expect(await getResponseByToken(get().db, poll.id, 'x'.repeat(43))).toBeNull();
		const edited = await updatePollAnswers(anon, poll, first.value.editToken, {
			name: 'Lena K.',
			email: 'lena@example.org',
			answers: { [a]: 'yes', [b]: 'yes', [c]: 'no' }
		});
		expect(edited.ok).toBe(true);
		const { tallies } = await pollResults(get().db, poll);
		expect(tallies.map((t) => [t.score, t.yes])).toEqual([
			[2, 1],
			[2, 1],
			[0, 0]
		]);
		expect(tallies[0].slotId).toBe(a);

		// Someone without rights cannot fix it (looks like a missing poll).
		const resident = await actorFor(get().db, await insertUser(get().db, { email: 'resi@example.org' }));
		expect(await fixPollSlot(authContext(get(), { actor: resident }), poll.id, b)).toEqual({
			ok: false,
			code: 'not_found'
		});
		const fixed = await fixPollSlot(ctx, poll.id, b);
		if (!fixed.ok) throw new Error(fixed.code);
		const detail = (await getEvent(get().db, ev.value.id))!;
		expect(detail.occurrences.map((o) => o.startsAt.toISOString())).toContain('2027-05-11T16:00:00.000Z');
		const mail = await get()
			.db.selectFrom('mail_outbox')
			.select(['kind', 'subject', 'body_text'])
			.where('to_address', '=', 'lena@example.org')
			.execute();
		expect(mail.map((m) => m.kind)).toEqual(['events_poll_fixed']);
		// in her language (Turkish)
		expect(mail[0].subject).toContain('Tarih kesinleşti');
		// with the fixed slot's start and end, in Berlin time (16:00 UTC in May is 18:00)
		expect(mail[0].body_text).toMatch(/18:00\s*[–-]\s*20:00/);
		expect(await answerPoll(anon, poll, { name: 'Spät', email: null, locale: 'de', answers: {} })).toEqual({
			ok: false,
			code: 'closed'
		});
		// staff registration needs the manage permission
		const r = await registerForOccurrence(authContext(get(), { actor: resident }), {
			occurrenceId: fixed.value.occurrenceId,
			name: 'Telefon',
			email: null,
			locale: 'de',
			answers: {},
			notifyResults: false,
			channel: 'phone'
		});
		expect(r).toEqual({ ok: false, code: 'not_found' });
	});

	it('the demo city has past and upcoming events, a waiting list, a running poll and ≥ 3 events in the city feed', async () => {
		await seedDemoIfEmpty(get(), storage);
		const events = await get()
			.db.selectFrom('event')
			.select(['id', 'title'])
			.where('is_demo', '=', true)
			.execute();
		expect(events.length).toBeGreaterThanOrEqual(5);
		const feed = await feedOccurrences(get().db, {});
		expect(new Set(feed.map((f) => f.event_id)).size).toBeGreaterThanOrEqual(3);
		const waiting = await get()
			.db.selectFrom('event_registration')
			.select('id')
			.where('status', '=', 'waiting')
			.execute();
		expect(waiting.length).toBeGreaterThanOrEqual(1);
		const poll = await get()
			.db.selectFrom('date_poll')
			.select('status')
			.where('public_token', '=', 'demo-terminumfrage-gruene-wege')
			.executeTakeFirstOrThrow();
		expect(poll.status).toBe('open');
		const past = feed.filter((f) => new Date(f.ends_at) < new Date());
		expect(past.length).toBeGreaterThanOrEqual(1);

		// two past workshops, in two consultations: each one's results are its consultation's
		// workshop-channel contributions (published, on the map), and each has minutes + a photo
		for (const title of ['Planungswerkstatt Marktplatz', 'Wegewerkstatt Grüne Wege']) {
			const workshop = events.find((e) => e.title === title)!;
			expect(workshop).toBeDefined();
			const when = await get()
				.db.selectFrom('event_occurrence')
				.select('ends_at')
				.where('event_id', '=', workshop.id)
				.execute();
			expect(when.length).toBeGreaterThanOrEqual(1);
			for (const w of when) expect(new Date(w.ends_at).getTime()).toBeLessThan(Date.now());
			const results = await get()
				.db.selectFrom('contribution')
				.select(['channel', 'event_id', 'collected_on', 'status', 'geometry'])
				.where('is_demo', '=', true)
				.where('event_id', '=', workshop.id)
				.execute();
			expect(results.length).toBeGreaterThanOrEqual(3);
			expect(new Set(results.map((r) => r.channel))).toEqual(new Set(['workshop']));
			expect(
				results.filter((r) => r.status === 'published' && r.geometry !== null).length
			).toBeGreaterThanOrEqual(3);
			const docs = await get()
				.db.selectFrom('event_document as d')
				.innerJoin('upload as u', 'u.id', 'd.upload_id')
				.select(['d.kind', 'd.photo_consent', 'u.storage_key', 'u.content_type', 'u.size_bytes'])
				.where('d.event_id', '=', workshop.id)
				.orderBy('d.kind')
				.execute();
			expect(docs.map((d) => [d.kind, d.photo_consent, d.content_type])).toEqual([
				['minutes', false, 'application/pdf'],
				['photo', true, 'image/png']
			]);
			const pdf = (await storage.get(docs[0].storage_key))!;
			expect(pdf.length).toBe(docs[0].size_bytes);
			const file = path.join(mkdtempSync(path.join(tmpdir(), 'qk-demo-pdf-')), 'protokoll.pdf');
			writeFileSync(file, pdf);
			const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
			expect(text).toContain(`Protokoll: ${title}`);
			const png = (await storage.get(docs[1].storage_key))!;
			expect(detectImageType(png)).toBe('image/png');
			// decoded by Python's zlib: every chunk CRC right, pixel data complete
			const info = execFileSync('/usr/bin/python3', ['-c', PNG_CHECK, writeTmp(png)]).toString();
			expect(info.trim()).toBe('480 320 ok');
		}
	});
});

function writeTmp(bytes: Uint8Array): string {
	const file = path.join(mkdtempSync(path.join(tmpdir(), 'qk-demo-png-')), 'foto.png');
	writeFileSync(file, bytes);
	return file;
}

const PNG_CHECK = `
import sys, struct, zlib
d = open(sys.argv[1], "rb").read()
assert d[:8] == b"\\x89PNG\\r\\n\\x1a\\n"
i, idat, w, h = 8, b"", 0, 0
while i < len(d):
    n, t = struct.unpack(">I4s", d[i:i + 8])
    body = d[i + 8:i + 8 + n]
    assert struct.unpack(">I", d[i + 8 + n:i + 12 + n])[0] == zlib.crc32(t + body)
    if t == b"IHDR": w, h = struct.unpack(">II", body[:8])
    if t == b"IDAT": idat += body
    i += 12 + n
assert len(zlib.decompress(idat)) == (w * 3 + 1) * h
print(w, h, "ok")
`;
