// Date polls with a start, an end and a cap per slot, started for an event that has no date yet:
// the manage page's createPoll action (called as a SvelteKit action, no HTTP) reads the row editor,
// names the row of every error in German and keeps what was typed; the cap of each slot holds under
// concurrent answers; fixing a slot gives the dateless event its first date with that slot's start and end.
import { isActionFailure, isRedirect } from '@sveltejs/kit';
import { beforeAll, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../src/lib/server/core';
import {
	answerPoll,
	createEvent,
	EventForm,
	fixPollSlot,
	getEvent,
	getPoll,
	pollsOfEvent
} from '../../../src/lib/server/events';
import { actions } from '../../../src/routes/termine/[id]/verwalten/+page.server';
import { authContext } from '../helpers/auth-context';
import { describeEachDatabase } from '../helpers/db';
import { insertAreaTree } from '../helpers/roles-fixtures';

const NOW = new Date('2027-03-01T10:00:00Z');

type Row = [start: string, end: string, cap: string];
function post(rows: Row[], extra: Record<string, string> = {}) {
	const body = new FormData();
	for (const [s, e, c] of rows) {
		body.append('slotStart', s);
		body.append('slotEnd', e);
		body.append('slotCap', c);
	}
	for (const [k, v] of Object.entries(extra)) body.set(k, v);
	return new Request('https://quartier.example/termine/x/verwalten', { method: 'POST', body });
}

type Action = (event: unknown) => Promise<unknown>;
async function createPollAction(
	locals: unknown,
	id: string,
	rows: Row[],
	extra: Record<string, string> = {}
) {
	try {
		return await (actions.createPoll as Action)({ locals, params: { id }, request: post(rows, extra) });
	} catch (e) {
		if (isRedirect(e)) return { redirected: e.location };
		throw e;
	}
}

describeEachDatabase('events: date poll slot rows', (get) => {
	let areaId: string;
	beforeAll(async () => {
		areaId = (await insertAreaTree(get().db, 'psr')).altstadt;
	});
	const staff = () => authContext(get(), { actor: SYSTEM_ACTOR, now: NOW });
	async function datelessEvent(title: string) {
		const created = await createEvent(
			staff(),
			EventForm.parse({ title, type: 'planungswerkstatt', address: 'Bürgerhaus', dateOpen: 'on' }),
			{ consultationId: null, areaIds: [areaId] }
		);
		if (!created.ok) throw new Error(created.code);
		expect(created.value.occurrenceIds).toEqual([]);
		return created.value.id;
	}

	it('an event needs a start and an end unless its date is left open', () => {
		const base = { title: 'Ohne Zeit', type: 'planungswerkstatt', address: 'Haus' };
		const r = EventForm.safeParse(base);
		expect(r.success).toBe(false);
		expect(r.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['endsAt', 'startsAt']);
		const open = EventForm.parse({ ...base, dateOpen: 'on' });
		expect(open.startsAt).toBeNull();
	});

	it('three slots of different lengths and caps become a poll of a dateless event; fixing one gives it that date', async () => {
		const id = await datelessEvent('Werkstatt ohne Termin');
		expect((await getEvent(get().db, id))!.occurrences).toEqual([]);
		const r = await createPollAction({ ctx: staff() }, id, [
			['2027-03-27T18:00', '2027-03-27T19:30', ''],
			['', '', ''],
			['2027-03-29T10:00', '2027-03-29T16:00', '8'],
			['2027-03-30T17:00', '21:00', '2']
		]);
		expect(r).toEqual({ redirected: `/termine/${id}/verwalten?erledigt=1` });
		const [view] = await pollsOfEvent(get().db, id);
		expect(view.slots.map((s) => [s.startsAt.toISOString(), s.endsAt.toISOString(), s.cap])).toEqual([
			// winter time before the change on 28 March, summer time after
			['2027-03-27T17:00:00.000Z', '2027-03-27T18:30:00.000Z', null],
			['2027-03-29T08:00:00.000Z', '2027-03-29T14:00:00.000Z', 8],
			['2027-03-30T15:00:00.000Z', '2027-03-30T19:00:00.000Z', 2]
		]);
		const poll = (await getPoll(get().db, { token: view.token }))!;
		const anon = authContext(get(), { now: NOW });
		const answered = await answerPoll(anon, poll, {
			name: 'Aylin',
			email: 'aylin@example.org',
			locale: 'tr',
			answers: { [poll.slots[0].id]: 'no', [poll.slots[1].id]: 'yes', [poll.slots[2].id]: 'maybe' }
		});
		expect(answered.ok).toBe(true);
		const fixed = await fixPollSlot(staff(), poll.id, poll.slots[1].id);
		expect(fixed).toMatchObject({ ok: true, value: { told: 1 } });
		const ev = (await getEvent(get().db, id))!;
		expect(ev.occurrences.map((o) => [o.startsAt.toISOString(), o.endsAt.toISOString()])).toEqual([
			['2027-03-29T08:00:00.000Z', '2027-03-29T14:00:00.000Z']
		]);
		const mail = await get()
			.db.selectFrom('mail_outbox')
			.select(['to_address'])
			.where('to_address', '=', 'aylin@example.org')
			.execute();
		expect(mail).toHaveLength(1);
	});

	it('errors name the row in German and keep every typed row; "weitere Zeile" adds a row and checks nothing', async () => {
		const id = await datelessEvent('Werkstatt mit Fehlern');
		const rows: Row[] = [
			['2027-04-10T18:00', '2027-04-10T17:00', ''],
			['2027-04-11T18:00', '2027-04-11T20:00', 'viele'],
			['2027-04-12T18:00', '20:00', '']
		];
		const r = await createPollAction({ ctx: staff() }, id, rows);
		expect(isActionFailure(r)).toBe(true);
		const data = r as { status: number; data: { errors: Record<string, string>; slotValues: unknown } };
		expect(data.status).toBe(400);
		expect(data.data.errors['slot-1-end']).toBe('Vorschlag 1: Das Ende muss nach dem Beginn liegen.');
		expect(data.data.errors['slot-2-cap']).toMatch(/^Vorschlag 2: .*ganze Zahl/);
		expect(data.data.errors['slot-3-end']).toBeUndefined();
		expect(data.data.errors.slots).toContain('Vorschlag 1');
		expect(data.data.slotValues).toEqual(rows.map(([start, end, cap]) => ({ start, end, cap })));
		expect(await pollsOfEvent(get().db, id)).toEqual([]);

		const one = await createPollAction({ ctx: staff() }, id, [['2027-04-10T18:00', '20:00', '']]);
		expect(isActionFailure(one)).toBe(true);
		expect((one as { data: { errors: Record<string, string> } }).data.errors.slots).toBe(
			'Bitte schlagen Sie mindestens zwei Termine vor.'
		);

		const more = await createPollAction({ ctx: staff() }, id, rows, { intent: 'addRow' });
		expect(more).toEqual({
			poll: true,
			pollRows: 4,
			slotValues: rows.map(([start, end, cap]) => ({ start, end, cap }))
		});
		expect(await pollsOfEvent(get().db, id)).toEqual([]);
	});

	it('the cap of a slot holds when many answer at once', async () => {
		const id = await datelessEvent('Werkstatt mit wenigen Plätzen');
		const r = await createPollAction({ ctx: staff() }, id, [
			['2027-05-03T18:00', '2027-05-03T20:00', '3'],
			['2027-05-04T18:00', '2027-05-04T19:00', '']
		]);
		expect(r).toMatchObject({ redirected: expect.any(String) });
		const [view] = await pollsOfEvent(get().db, id);
		const poll = (await getPoll(get().db, { token: view.token }))!;
		const [capped, open] = poll.slots;
		const results = await Promise.all(
			Array.from({ length: 10 }, (_, i) =>
				answerPoll(authContext(get(), { now: NOW }), poll, {
					name: `Person ${i}`,
					email: null,
					locale: 'de',
					answers: { [capped.id]: 'yes', [open.id]: 'yes' }
				})
			)
		);
		expect(results.filter((x) => x.ok)).toHaveLength(3);
		expect(results.filter((x) => !x.ok).map((x) => !x.ok && x.code)).toEqual(Array(7).fill('slot_full'));
		const counts = await get()
			.db.selectFrom('date_poll_answer')
			.select(['slot_id', (eb) => eb.fn.countAll<string | number>().as('n')])
			.where('slot_id', 'in', [capped.id, open.id])
			.where('answer', '=', 'yes')
			.groupBy('slot_id')
			.execute();
		const n = Object.fromEntries(counts.map((c) => [c.slot_id, Number(c.n)]));
		expect(n[capped.id]).toBe(3);
		// a refused answer leaves nothing behind, not even on the uncapped slot
		expect(n[open.id]).toBe(3);
		const responses = await get()
			.db.selectFrom('date_poll_response')
			.select((eb) => eb.fn.countAll<string | number>().as('n'))
			.where('poll_id', '=', poll.id)
			.executeTakeFirstOrThrow();
		expect(Number(responses.n)).toBe(3);
	});
});
