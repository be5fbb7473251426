// What the organiser records after the event and what the public sees of it, on both databases:
// staff registrations by phone and in person, attendance and no-shows, the list's filters and
// pages, and participants by area of residence — small numbers hidden so that the published number
// registered never gives one back.
import { beforeAll, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../src/lib/server/core';
import {
	checkInList,
	createEvent,
	getEvent,
	listInterpreterLanguages,
	listOccurrences,
	loadEventList,
	markAttendance,
	participantsByArea,
	registerForOccurrence,
	RESIDENCE_KEY,
	EventForm
} from '../../../src/lib/server/events';
import { participantsTable } from '../../../src/lib/server/events/disclosure';
import { authContext, uniqueEmail } from '../helpers/auth-context';
import { describeEachDatabase } from '../helpers/db';
import { insertAreaTree } from '../helpers/roles-fixtures';

const NOW = new Date('2027-03-01T10:00:00Z');

describeEachDatabase('events: attendance, list and participants by area', (get) => {
	let areas: Awaited<ReturnType<typeof insertAreaTree>>;
	beforeAll(async () => {
		areas = await insertAreaTree(get().db, 't');
	});
	const staff = () => authContext(get(), { actor: SYSTEM_ACTOR, now: NOW });
	const event = async (overrides: Record<string, string | string[]> = {}, areaIds = [areas.altstadt]) => {
		const created = await createEvent(
			staff(),
			EventForm.parse({
				title: 'Stadtteilkonferenz Teilnahme',
				type: 'stadtteilkonferenz',
				address: 'Bürgerhaus, Marktplatz 1',
				startsAt: '2027-04-14T18:00',
				endsAt: '2027-04-14T20:00',
				capacity: '40',
				...overrides
			}),
			{ consultationId: null, areaIds }
		);
		if (!created.ok) throw new Error(created.code);
		return created.value;
	};
	const register = (
		occurrenceId: string,
		areaId: string | null,
		channel: 'online' | 'phone' | 'in_person' = 'online'
	) =>
		registerForOccurrence(channel === 'online' ? authContext(get(), { now: NOW }) : staff(), {
			occurrenceId,
			name: channel === 'online' ? 'Online Person' : 'Frau Telefon',
			email: channel === 'online' ? uniqueEmail('t') : null,
			locale: 'de',
			answers: areaId ? { [RESIDENCE_KEY]: { type: 'area', areaId } } : {},
			notifyResults: false,
			channel
		});

	it('registers people by phone and in person with their name only, within the capacity', async () => {
		const ev = await event({ capacity: '2' });
		const occ = ev.occurrenceIds[0];
		const phone = await register(occ, null, 'phone');
		const inPerson = await register(occ, null, 'in_person');
		const third = await register(occ, null, 'phone');
		// A resident cannot enter someone else by phone.
		const asResident = await registerForOccurrence(authContext(get(), { now: NOW }), {
			occurrenceId: occ,
			name: 'Fremd',
			email: null,
			locale: 'de',
			answers: {},
			notifyResults: false,
			channel: 'phone'
		});
		expect(asResident.ok).toBe(false);
		expect([phone, inPerson, third].map((r) => (r.ok ? r.value.status : r.code))).toEqual([
			'registered',
			'registered',
			'waiting'
		]);
		// No cancel link without an e-mail address, and nothing mailed.
		expect(phone.ok && phone.value.cancelToken).toBe(null);
		const list = await checkInList(get().db, occ);
		expect(list.map((r) => [r.name, r.channel, r.status])).toEqual([
			['Frau Telefon', 'phone', 'registered'],
			['Frau Telefon', 'in_person', 'registered'],
			['Frau Telefon', 'phone', 'waiting']
		]);
	});

	it('marks attendance and counts no-shows without naming them on the public event', async () => {
		const ev = await event();
		const occ = ev.occurrenceIds[0];
		const ids: string[] = [];
		for (let i = 0; i < 5; i++) {
			const r = await register(occ, null);
			if (!r.ok) throw new Error(r.code);
			ids.push(r.value.registrationId);
		}
		const marked = await markAttendance(staff(), occ, ids.slice(0, 3));
		expect(marked.ok && marked.value.attended).toBe(3);
		// Marking again replaces the earlier marks (one came after all, one did not).
		const again = await markAttendance(staff(), occ, [...ids.slice(0, 2), ids[4]]);
		expect(again.ok && again.value.attended).toBe(3);
		const list = await checkInList(get().db, occ);
		expect(list.filter((r) => r.attended === true)).toHaveLength(3);
		expect(list.filter((r) => r.attended === false)).toHaveLength(2);
		const detail = await getEvent(get().db, ev.id);
		const o = detail!.occurrences[0];
		expect(o.registered - (o.attendance ?? 0)).toBe(2);
		// The public event carries counts only.
		expect(JSON.stringify(detail)).not.toContain('Online Person');
		// A resident may not mark attendance.
		const resident = await markAttendance(authContext(get(), { now: NOW }), occ, ids);
		expect(resident.ok).toBe(false);
	});

	it('filters the list by type, area, accessibility facts and time, in pages', async () => {
		const tag = `Filter ${Date.now()}`;
		await event({ title: `${tag} A`, type: 'stadtteilspaziergang', step_free: 'on' }, [areas.quartierA]);
		await event({ title: `${tag} B`, type: 'infostand' }, [areas.quartierB]);
		for (let i = 0; i < 3; i++)
			await event(
				{
					title: `${tag} C${i}`,
					type: 'infostand',
					startsAt: `2027-05-0${i + 1}T10:00`,
					endsAt: `2027-05-0${i + 1}T12:00`
				},
				[areas.sued]
			);
		const titles = async (f: Parameters<typeof listOccurrences>[1]) =>
			(await listOccurrences(get().db, { from: NOW, ...f })).items
				.map((i) => i.title)
				.filter((t) => t.startsWith(tag))
				.sort();
		expect(await titles({ type: 'stadtteilspaziergang' })).toEqual([`${tag} A`]);
		expect(await titles({ facts: ['step_free'] })).toEqual([`${tag} A`]);
		// An area finds the events of the areas inside it.
		expect(await titles({ areaId: areas.nord })).toEqual([`${tag} A`, `${tag} B`]);
		expect(await titles({ areaId: areas.sued, type: 'infostand' })).toEqual([
			`${tag} C0`,
			`${tag} C1`,
			`${tag} C2`
		]);
		expect(await titles({ areaId: areas.sued, to: new Date('2027-05-02T00:00:00Z') })).toEqual([`${tag} C0`]);
		const first = await listOccurrences(get().db, { areaId: areas.sued, from: NOW, pageSize: 2 });
		const second = await listOccurrences(get().db, { areaId: areas.sued, from: NOW, pageSize: 2, page: 2 });
		expect(first.pages).toBe(Math.ceil(first.total / 2));
		expect(first.items).toHaveLength(2);
		const ids = new Set([...first.items, ...second.items].map((i) => i.occurrenceId));
		expect(ids.size).toBe(first.items.length + second.items.length);
	});

	it('filters the list by interpreter language (ignoring case) and offers the languages in use', async () => {
		const tag = `Sprache ${Date.now()}`;
		await event({ title: `${tag} TR`, interpreters: 'on', interpreterLanguages: 'Türkisch, Arabisch' });
		await event({ title: `${tag} UK`, interpreters: 'on', interpreterLanguages: 'Ukrainisch' });
		// languages written down without interpreters on: not offered, not found
		await event({ title: `${tag} none`, interpreterLanguages: 'Russisch' });
		const titles = async (f: Parameters<typeof listOccurrences>[1]) =>
			(await listOccurrences(get().db, { from: NOW, ...f })).items
				.map((i) => i.title)
				.filter((t) => t.startsWith(tag))
				.sort();
		expect(await titles({ language: 'Arabisch' })).toEqual([`${tag} TR`]);
		expect(await titles({ language: ' ukrainisch ' })).toEqual([`${tag} UK`]);
		expect(await titles({ language: 'Russisch' })).toEqual([]);
		expect(await titles({})).toHaveLength(3);
		const languages = await listInterpreterLanguages(get().db);
		expect(languages).toEqual(expect.arrayContaining(['Arabisch', 'Türkisch', 'Ukrainisch']));
		expect(languages).not.toContain('Russisch');
		// the list page reads it from the URL and keeps it in the query (the filter form's selection)
		const page = await loadEventList(
			get().db,
			new URL('https://quartier.example/termine?language=t%C3%BCrkisch'),
			{},
			NOW
		);
		expect(page.query.language).toBe('türkisch');
		expect(page.items.map((i) => i.title).filter((t) => t.startsWith(tag))).toEqual([`${tag} TR`]);
	});

	it('hides small area counts so that the number registered does not give them back', async () => {
		// only the area of residence is asked (one question of the four)
		const ev = await event({ q_wohngebiet: 'on' });
		const occ = ev.occurrenceIds[0];
		// Everyone answers: 2 from Quartier A, 5 from Quartier B, 7 from Hafen.
		const from = [
			...Array(2).fill(areas.quartierA),
			...Array(5).fill(areas.quartierB),
			...Array(7).fill(areas.hafen)
		];
		for (const areaId of from) expect((await register(occ, areaId)).ok).toBe(true);
		const detail = await getEvent(get().db, ev.id);
		const registered = detail!.occurrences.reduce((s, o) => s + o.registered, 0);
		expect(registered).toBe(14);
		const rows = await participantsByArea(get().db, ev.id);
		expect(rows.map((r) => r.count).sort((a, b) => a - b)).toEqual([2, 5, 7]);
		const shown = participantsTable(rows, registered, 3);
		const published = shown.filter((r) => r.count !== '.');
		// 14 − 5 − 7 would be the hidden 2: the 5 is hidden too.
		expect(published.map((r) => r.count)).toEqual([7]);
		const unknown = registered - published.reduce((s, r) => s + (r.count as number), 0);
		expect(unknown).toBeGreaterThanOrEqual(3);
	});
});
