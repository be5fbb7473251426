// The event manage page's forms, called as SvelteKit actions (no HTTP): moving a date and staff
// registration return German field errors with the typed values for that date's form, and staff
// cancel a registration of this event only (a registration of another event looks missing).
import { isActionFailure, isRedirect } from '@sveltejs/kit';
import { beforeAll, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../src/lib/server/core';
import { checkInList, createEvent, EventForm, registerForOccurrence } from '../../../src/lib/server/events';
import { actions } from '../../../src/routes/termine/[id]/verwalten/+page.server';
import { authContext } from '../helpers/auth-context';
import { describeEachDatabase } from '../helpers/db';
import { insertAreaTree } from '../helpers/roles-fixtures';

const NOW = new Date('2027-03-01T10:00:00Z');

function post(fields: Record<string, string>) {
	const body = new FormData();
	for (const [k, v] of Object.entries(fields)) body.set(k, v);
	return new Request('https://quartier.example/termine/x/verwalten', { method: 'POST', body });
}

type Action = (event: unknown) => Promise<unknown>;
async function run(name: keyof typeof actions, locals: unknown, id: string, fields: Record<string, string>) {
	try {
		return await (actions[name] as Action)({ locals, params: { id }, request: post(fields) });
	} catch (e) {
		if (isRedirect(e)) return { redirected: e.location };
		throw e;
	}
}

describeEachDatabase('events: manage page forms', (get) => {
	let areaId: string;
	beforeAll(async () => {
		areaId = (await insertAreaTree(get().db, 'mf')).altstadt;
	});
	const locals = () => ({ ctx: authContext(get(), { actor: SYSTEM_ACTOR, now: NOW }) });
	async function newEvent() {
		const created = await createEvent(
			authContext(get(), { actor: SYSTEM_ACTOR, now: NOW }),
			EventForm.parse({
				title: 'Stadtteilkonferenz Formulare',
				type: 'stadtteilkonferenz',
				address: 'Bürgerhaus',
				startsAt: '2027-03-27T18:00',
				endsAt: '2027-03-27T20:00',
				capacity: '1'
			}),
			{ consultationId: null, areaIds: [areaId] }
		);
		if (!created.ok) throw new Error(created.code);
		return { id: created.value.id, occurrenceId: created.value.occurrenceIds[0] };
	}

	it('moving a date: an end before the start keeps both typed times and says so in German', async () => {
		const ev = await newEvent();
		const r = await run('moveDate', locals(), ev.id, {
			occurrenceId: ev.occurrenceId,
			startsAt: '2027-04-10T18:00',
			endsAt: '2027-04-10T17:00'
		});
		expect(isActionFailure(r)).toBe(true);
		if (!isActionFailure(r)) return;
		expect(r.status).toBe(400);
		const data = r.data as unknown as {
			move: string;
			errors: Record<string, string>;
			values: Record<string, string>;
		};
		expect(data.move).toBe(ev.occurrenceId);
		expect(data.values).toMatchObject({ startsAt: '2027-04-10T18:00', endsAt: '2027-04-10T17:00' });
		expect(data.errors.endsAt).toMatch(/Ende/);
		// a valid move succeeds and redirects
		const ok = await run('moveDate', locals(), ev.id, {
			occurrenceId: ev.occurrenceId,
			startsAt: '2027-04-10T18:00',
			endsAt: '2027-04-10T20:00'
		});
		expect(ok).toEqual({ redirected: `/termine/${ev.id}/verwalten?erledigt=1&benachrichtigt=0` });
	});

	it('staff registration: an empty name is a German field error with the typed channel kept; a name registers', async () => {
		const ev = await newEvent();
		const empty = await run('staffRegister', locals(), ev.id, {
			occurrenceId: ev.occurrenceId,
			name: '  ',
			channel: 'in_person'
		});
		expect(isActionFailure(empty)).toBe(true);
		if (!isActionFailure(empty)) return;
		const e = empty.data as unknown as {
			staff: string;
			errors: Record<string, string>;
			values: Record<string, string>;
		};
		expect(e.staff).toBe(ev.occurrenceId);
		expect(e.errors.name).toMatch(/Name/);
		expect(e.values.channel).toBe('in_person');

		const first = await run('staffRegister', locals(), ev.id, {
			occurrenceId: ev.occurrenceId,
			name: 'Frau Öztürk',
			channel: 'phone'
		});
		expect(first).toEqual({ redirected: `/termine/${ev.id}/verwalten?erledigt=1` });
		const list = await checkInList(get().db, ev.occurrenceId);
		expect(list.map((r) => [r.name, r.channel, r.status])).toEqual([['Frau Öztürk', 'phone', 'registered']]);
	});

	it('staff cancel a registration of this event, and not one of another event', async () => {
		const ev = await newEvent();
		const other = await newEvent();
		const reg = (occurrenceId: string, name: string) =>
			registerForOccurrence(authContext(get(), { now: NOW }), {
				occurrenceId,
				name,
				email: null,
				locale: 'de',
				answers: {},
				notifyResults: false,
				channel: 'online'
			});
		expect((await reg(ev.occurrenceId, 'Anna')).ok).toBe(true);
		expect((await reg(ev.occurrenceId, 'Ben')).ok).toBe(true); // waiting (capacity 1)
		expect((await reg(other.occurrenceId, 'Cem')).ok).toBe(true);
		const [anna] = (await checkInList(get().db, ev.occurrenceId)).filter((r) => r.name === 'Anna');
		const [cem] = await checkInList(get().db, other.occurrenceId);

		const foreign = await run('cancelRegistration', locals(), ev.id, { registrationId: cem.id });
		expect(isActionFailure(foreign) && foreign.status).toBe(404);
		expect((await checkInList(get().db, other.occurrenceId)).map((r) => r.name)).toEqual(['Cem']);

		const ok = await run('cancelRegistration', locals(), ev.id, { registrationId: anna.id });
		expect(ok).toEqual({ redirected: `/termine/${ev.id}/verwalten?erledigt=1` });
		// Ben moved up from the waiting list
		expect((await checkInList(get().db, ev.occurrenceId)).map((r) => [r.name, r.status])).toEqual([
			['Ben', 'registered']
		]);
	});
});
