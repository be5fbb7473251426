// The month view of the public date lists: one Berlin month (bounds across the DST change), cancelled
// dates included and marked, the list's type and area filters kept, month links to both neighbours,
// and the city-wide route answering ?ansicht=kalender with it.
import { beforeAll, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../src/lib/server/core';
import { cancelOccurrence, createEvent, EventForm, loadEventMonth } from '../../../src/lib/server/events';
import { load } from '../../../src/routes/termine/+page.server';
import { authContext } from '../helpers/auth-context';
import { describeEachDatabase } from '../helpers/db';
import { insertAreaTree } from '../helpers/roles-fixtures';

const NOW = new Date('2027-03-10T10:00:00Z');

describeEachDatabase('events: month view', (get) => {
	let areas: Awaited<ReturnType<typeof insertAreaTree>>;
	const tag = `Monat ${Date.now().toString(36)}`;
	const staff = () => authContext(get(), { actor: SYSTEM_ACTOR, now: NOW });
	async function event(title: string, startsAt: string, endsAt: string, type = 'planungswerkstatt') {
		const created = await createEvent(
			staff(),
			EventForm.parse({ title: `${tag} ${title}`, type, address: 'Bürgerhaus', startsAt, endsAt }),
			{ consultationId: null, areaIds: [areas.altstadt] }
		);
		if (!created.ok) throw new Error(created.code);
		return created.value.occurrenceIds[0];
	}
	beforeAll(async () => {
		areas = await insertAreaTree(get().db, 'mv');
		await event('Vormonat', '2027-02-28T23:30', '2027-02-28T23:45');
		await event('Anfang', '2027-03-01T00:15', '2027-03-01T02:00');
		const cancelled = await event('Abgesagt', '2027-03-15T18:00', '2027-03-15T20:00');
		await event('Nach Umstellung', '2027-03-28T10:00', '2027-03-28T12:00');
		await event('Infostand', '2027-03-20T10:00', '2027-03-20T13:00', 'infostand');
		await event('Letzte Nacht', '2027-03-31T23:30', '2027-03-31T23:59');
		await event('April', '2027-04-01T00:30', '2027-04-01T02:00');
		const r = await cancelOccurrence(staff(), cancelled);
		if (!r.ok) throw new Error(r.code);
	});
	const month = async (search: string) => {
		const m = await loadEventMonth(
			get().db,
			new URL(`https://quartier.example/termine?ansicht=kalender&${search}`),
			{ areaId: areas.altstadt },
			NOW
		);
		return { ...m, titles: m.items.map((i) => i.title.replace(`${tag} `, '')) };
	};

	it('holds exactly the dates of the Berlin month, cancelled ones marked', async () => {
		const m = await month('monat=2027-03');
		expect(m.month).toBe('2027-03');
		expect(m.previous).toBe('2027-02');
		expect(m.next).toBe('2027-04');
		expect(m.titles).toEqual(['Anfang', 'Abgesagt', 'Infostand', 'Nach Umstellung', 'Letzte Nacht']);
		expect(m.items.find((i) => i.title.endsWith('Abgesagt'))?.status).toBe('cancelled');
		expect(m.truncated).toBe(false);
		expect((await month('monat=2027-04')).titles).toEqual(['April']);
		expect((await month('monat=2027-02')).titles).toEqual(['Vormonat']);
	});

	it('keeps the type filter, and falls back to the current month for a bad month', async () => {
		expect((await month('monat=2027-03&type=infostand')).titles).toEqual(['Infostand']);
		const fallback = await month('monat=2027-3');
		expect(fallback.month).toBe('2027-03');
		expect(fallback.query).toEqual({ type: undefined, area: undefined, facts: [] });
	});

	it('the city-wide page answers ?ansicht=kalender with the month and the list otherwise', async () => {
		const locals = { ctx: authContext(get(), { now: NOW }) };
		const call = (search: string) =>
			(load as (e: unknown) => Promise<Record<string, unknown>>)({
				locals,
				url: new URL(`https://quartier.example/termine${search}`)
			});
		const cal = await call('?ansicht=kalender&monat=2027-03&area=mv-11');
		expect(cal.view).toBe('month');
		expect(cal.list).toBeNull();
		const m = cal.month as Awaited<ReturnType<typeof loadEventMonth>>;
		expect(m.month).toBe('2027-03');
		expect(m.items.filter((i) => i.title.startsWith(tag))).toHaveLength(5);
		const list = await call('');
		expect(list.view).toBe('list');
		expect(list.month).toBeNull();
	});
});
