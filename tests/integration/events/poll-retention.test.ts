// Date-poll answers are deleted six months after the poll ENDS, as the privacy page says: a fixed poll
// from the day it was fixed (not from the day it was made), a poll left open from its last proposed
// date; a poll still running keeps its answers. Other answers are untouched.
import { expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../src/lib/server/core';
import {
	answerPoll,
	createEvent,
	createPoll,
	EventForm,
	fixPollSlot,
	getPoll,
	runRetention
} from '../../../src/lib/server/events';
import { authContext } from '../helpers/auth-context';
import { describeEachDatabase } from '../helpers/db';
import { insertAreaTree } from '../helpers/roles-fixtures';

describeEachDatabase('events: date-poll retention', (get) => {
	it('deletes poll answers six months after the poll ended, never while it runs', async () => {
		const db = get().db;
		const areaId = (await insertAreaTree(db, 'r')).altstadt;
		const made = new Date('2027-01-01T10:00:00Z');
		const ctx = (now = made) => authContext(get(), { actor: SYSTEM_ACTOR, now });
		const ev = await createEvent(
			ctx(),
			EventForm.parse({
				title: 'Umfragewerkstatt',
				type: 'zukunftswerkstatt',
				address: 'Haus',
				startsAt: '2027-02-01T18:00',
				endsAt: '2027-02-01T20:00'
			}),
			{ consultationId: null, areaIds: [areaId] }
		);
		if (!ev.ok) throw new Error(ev.code);
		const slots = (days: string[]) =>
			days.map((d) => ({
				startsAt: new Date(d),
				endsAt: new Date(new Date(d).getTime() + 7200_000),
				cap: null
			}));
		const poll = async (days: string[], name: string) => {
			const created = await createPoll(ctx(), ev.value.id, slots(days));
			if (!created.ok) throw new Error(created.code);
			const p = (await getPoll(db, { token: created.value.token }))!;
			const answered = await answerPoll(authContext(get(), { now: new Date('2027-01-02T10:00:00Z') }), p, {
				name,
				email: null,
				locale: 'de',
				answers: Object.fromEntries(p.slots.map((s) => [s.id, 'yes' as const]))
			});
			if (!answered.ok) throw new Error(answered.code);
			return p;
		};
		const fixedPoll = await poll(['2027-05-10T16:00:00Z', '2027-05-11T16:00:00Z'], 'Fixiert');
		const leftOpen = await poll(['2027-05-10T16:00:00Z', '2027-05-12T16:00:00Z'], 'Offen');
		const running = await poll(['2028-03-01T16:00:00Z', '2028-03-02T16:00:00Z'], 'Läuft');
		// fixed on 1 June 2027, five months after it was made
		const fixed = await fixPollSlot(
			ctx(new Date('2027-06-01T10:00:00Z')),
			fixedPoll.id,
			fixedPoll.slots[0].id
		);
		if (!fixed.ok) throw new Error(fixed.code);
		const closedAt = await db
			.selectFrom('date_poll')
			.select('closed_at')
			.where('id', '=', fixedPoll.id)
			.executeTakeFirstOrThrow();
		expect(new Date(closedAt.closed_at!).toISOString()).toBe('2027-06-01T10:00:00.000Z');

		const left = async () =>
			(
				await db
					.selectFrom('date_poll_response')
					.select('name')
					.where('poll_id', 'in', [fixedPoll.id, leftOpen.id, running.id])
					.orderBy('name')
					.execute()
			).map((r) => r.name);

		// 20 Nov 2027: over six months since the poll was made and since the open poll's last date
		// (12 May), not yet since the fixed poll ended (1 June)
		const first = await runRetention(db, new Date('2027-11-20T10:00:00Z'));
		expect(first.pollResponses).toBe(1);
		expect(await left()).toEqual(['Fixiert', 'Läuft']);
		// 5 Dec 2027: six months after the fix
		const second = await runRetention(db, new Date('2027-12-05T10:00:00Z'));
		expect(second.pollResponses).toBe(1);
		expect(await left()).toEqual(['Läuft']);
		// the answers given to a slot go with the response
		expect(
			await db
				.selectFrom('date_poll_answer as a')
				.innerJoin('date_poll_slot as s', 's.id', 'a.slot_id')
				.select('a.response_id')
				.where('s.poll_id', 'in', [fixedPoll.id, leftOpen.id])
				.execute()
		).toEqual([]);
		// the running poll keeps its answers until six months after its last proposed date
		expect((await runRetention(db, new Date('2028-08-20T10:00:00Z'))).pollResponses).toBe(0);
		expect((await runRetention(db, new Date('2028-09-03T10:00:00Z'))).pollResponses).toBe(1);
		expect(await left()).toEqual([]);
	});
});
