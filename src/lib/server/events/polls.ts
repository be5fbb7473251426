// Date finding: the organiser proposes slots; invitees answer yes / if need be / no without an account
// (a name or nickname, e-mail optional), and edit through a private link; the organiser fixes the best
// slot, which becomes a date of the event, and everyone who left an e-mail address is told.
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { rankSlots, type SlotTally } from '../../events/slots';
import type { PollAnswer } from '../../events/types';
import { can } from '../auth/permissions';
import { actorUserId, failure, ok, writeAudit, type CommandContext, type Result } from '../core';
import type { DB } from '../db/types';
import { queueEventMail } from './mail';
import { eventSubject } from './queries';
import { hashToken, newToken } from './tokens';

export async function createPoll(
	ctx: CommandContext,
	eventId: string,
	slots: { startsAt: Date; endsAt: Date; cap: number | null }[]
): Promise<Result<{ pollId: string; token: string }, 'not_found' | 'slots_required'>> {
	const subject = await eventSubject(ctx.db, eventId);
	if (!subject || !can(ctx.actor, 'events.manage', subject)) return failure('not_found');
	if (slots.length < 2) return failure('slots_required');
	const token = randomBytes(18).toString('base64url');
	return ctx.db.transaction().execute(async (trx) => {
		const poll = await trx
			.insertInto('date_poll')
			.values({
				event_id: eventId,
				public_token: token,
				created_by: actorUserId(ctx.actor),
				created_at: ctx.now
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await trx
			.insertInto('date_poll_slot')
			.values(slots.map((s) => ({ poll_id: poll.id, starts_at: s.startsAt, ends_at: s.endsAt, cap: s.cap })))
			.execute();
		await writeAudit(trx, {
			actorId: actorUserId(ctx.actor),
			action: 'events.poll_create',
			subjectType: 'date_poll',
			subjectId: poll.id,
			details: { slots: slots.length },
			at: ctx.now
		});
		return ok({ pollId: poll.id, token });
	});
}

export interface PollView {
	id: string;
	eventId: string;
	title: string;
	status: string;
	token: string;
	fixedSlotId: string | null;
	slots: { id: string; startsAt: Date; endsAt: Date; cap: number | null }[];
}

export async function getPoll(
	db: Kysely<DB>,
	by: { token: string } | { id: string }
): Promise<PollView | null> {
	let q = db
		.selectFrom('date_poll as p')
		.innerJoin('event as e', 'e.id', 'p.event_id')
		.select(['p.id', 'p.event_id', 'e.title', 'p.status', 'p.public_token', 'p.fixed_slot_id']);
	if ('token' in by) {
		if (!/^[A-Za-z0-9_-]{10,40}$/.test(by.token)) return null;
		q = q.where('p.public_token', '=', by.token);
	} else {
		if (!/^[0-9a-f-]{36}$/i.test(by.id)) return null;
		q = q.where('p.id', '=', by.id);
	}
	const p = await q.executeTakeFirst();
	if (!p) return null;
	const slots = await db
		.selectFrom('date_poll_slot')
		.select(['id', 'starts_at', 'ends_at', 'cap'])
		.where('poll_id', '=', p.id)
		.orderBy('starts_at')
		.execute();
	return {
		id: p.id,
		eventId: p.event_id,
		title: p.title,
		status: p.status,
		token: p.public_token,
		fixedSlotId: p.fixed_slot_id,
		slots: slots.map((s) => ({
			id: s.id,
			startsAt: new Date(s.starts_at),
			endsAt: new Date(s.ends_at),
			cap: s.cap
		}))
	};
}

export async function pollsOfEvent(db: Kysely<DB>, eventId: string): Promise<PollView[]> {
	const rows = await db
		.selectFrom('date_poll')
		.select('id')
		.where('event_id', '=', eventId)
		.orderBy('created_at')
		.execute();
	return (await Promise.all(rows.map((r) => getPoll(db, { id: r.id })))).filter(
		(p): p is PollView => p !== null
	);
}

/** Tallies best first, and the answers per person (first names or nicknames only). */
export async function pollResults(db: Kysely<DB>, poll: PollView) {
	const answers = await db
		.selectFrom('date_poll_answer as a')
		.innerJoin('date_poll_response as r', 'r.id', 'a.response_id')
		.select(['a.slot_id', 'a.answer', 'r.id as response_id', 'r.name'])
		.where('r.poll_id', '=', poll.id)
		.orderBy('r.created_at')
		.execute();
	const tallies: SlotTally[] = rankSlots(
		poll.slots,
		answers.map((a) => ({ slotId: a.slot_id, answer: a.answer as PollAnswer }))
	);
	const people = new Map<string, { name: string; answers: Record<string, PollAnswer> }>();
	for (const a of answers) {
		const p = people.get(a.response_id) ?? { name: a.name, answers: {} };
		p.answers[a.slot_id] = a.answer as PollAnswer;
		people.set(a.response_id, p);
	}
	return { tallies, people: [...people.values()] };
}

export type PollAnswerError = 'not_found' | 'closed' | 'slot_full';

async function writeAnswers(
	trx: Kysely<DB>,
	poll: PollView,
	responseId: string,
	answers: Record<string, PollAnswer>
): Promise<PollAnswerError | null> {
	await trx.deleteFrom('date_poll_answer').where('response_id', '=', responseId).execute();
	for (const slot of poll.slots) {
		const answer = answers[slot.id];
		if (!answer) continue;
		if (answer === 'yes' && slot.cap !== null) {
			const n = await trx
				.selectFrom('date_poll_answer')
				.select((eb) => eb.fn.countAll<string | number>().as('n'))
				.where('slot_id', '=', slot.id)
				.where('answer', '=', 'yes')
				.executeTakeFirstOrThrow();
			if (Number(n.n) >= slot.cap) return 'slot_full';
		}
		await trx
			.insertInto('date_poll_answer')
			.values({ response_id: responseId, slot_id: slot.id, answer })
			.execute();
	}
	return null;
}

async function lockPoll(trx: Kysely<DB>, pollId: string): Promise<string | null> {
	const row = await trx
		.selectFrom('date_poll')
		.select('status')
		.where('id', '=', pollId)
		.forUpdate()
		.executeTakeFirst();
	return row?.status ?? null;
}

/** A new answer; returns the private edit token (shown once as a link). */
export async function answerPoll(
	ctx: CommandContext,
	poll: PollView,
	input: { name: string; email: string | null; locale: string; answers: Record<string, PollAnswer> }
): Promise<Result<{ editToken: string }, PollAnswerError>> {
	const token = newToken();
	return ctx.db
		.transaction()
		.execute(async (trx) => {
			if ((await lockPoll(trx, poll.id)) !== 'open') return failure('closed' as const);
			const r = await trx
				.insertInto('date_poll_response')
				.values({
					poll_id: poll.id,
					user_id: actorUserId(ctx.actor),
					name: input.name,
					email: input.email,
					locale: input.locale,
					edit_token_hash: token.hash,
					created_at: ctx.now,
					updated_at: ctx.now
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			const e = await writeAnswers(trx, poll, r.id, input.answers);
			if (e) throw new SlotFull();
			await writeAudit(trx, {
				actorId: actorUserId(ctx.actor),
				action: 'events.poll_answer',
				subjectType: 'date_poll',
				subjectId: poll.id,
				at: ctx.now
			});
			return ok({ editToken: token.token });
		})
		.catch((e: unknown) => {
			if (e instanceof SlotFull) return failure('slot_full' as const);
			throw e;
		});
}

class SlotFull extends Error {}

export async function getResponseByToken(db: Kysely<DB>, pollId: string, editToken: string) {
	if (!/^[A-Za-z0-9_-]{40,60}$/.test(editToken)) return null;
	const r = await db
		.selectFrom('date_poll_response')
		.select(['id', 'name', 'email'])
		.where('poll_id', '=', pollId)
		.where('edit_token_hash', '=', hashToken(editToken))
		.executeTakeFirst();
	if (!r) return null;
	const answers = await db
		.selectFrom('date_poll_answer')
		.select(['slot_id', 'answer'])
		.where('response_id', '=', r.id)
		.execute();
	return { ...r, answers: Object.fromEntries(answers.map((a) => [a.slot_id, a.answer as PollAnswer])) };
}

export async function updatePollAnswers(
	ctx: CommandContext,
	poll: PollView,
	editToken: string,
	input: { name: string; email: string | null; answers: Record<string, PollAnswer> }
): Promise<Result<null, PollAnswerError>> {
	const existing = await getResponseByToken(ctx.db, poll.id, editToken);
	if (!existing) return failure('not_found');
	return ctx.db
		.transaction()
		.execute(async (trx) => {
			if ((await lockPoll(trx, poll.id)) !== 'open') return failure('closed' as const);
			await trx
				.updateTable('date_poll_response')
				.set({ name: input.name, email: input.email, updated_at: ctx.now })
				.where('id', '=', existing.id)
				.execute();
			if (await writeAnswers(trx, poll, existing.id, input.answers)) throw new SlotFull();
			return ok(null);
		})
		.catch((e: unknown) => {
			if (e instanceof SlotFull) return failure('slot_full' as const);
			throw e;
		});
}

/** Fixes a slot: it becomes a date of the event; everyone who answered with an e-mail is told. */
export async function fixPollSlot(
	ctx: CommandContext,
	pollId: string,
	slotId: string
): Promise<Result<{ occurrenceId: string; told: number }, 'not_found' | 'closed'>> {
	const poll = await getPoll(ctx.db, { id: pollId });
	if (!poll) return failure('not_found');
	const subject = await eventSubject(ctx.db, poll.eventId);
	if (!subject || !can(ctx.actor, 'events.manage', subject)) return failure('not_found');
	const slot = poll.slots.find((s) => s.id === slotId);
	if (!slot) return failure('not_found');
	const origin = ctx.config?.origin ?? 'http://localhost';
	return ctx.db.transaction().execute(async (trx) => {
		if ((await lockPoll(trx, poll.id)) !== 'open') return failure('closed');
		const occ = await trx
			.insertInto('event_occurrence')
			.values({ event_id: poll.eventId, starts_at: slot.startsAt, ends_at: slot.endsAt, updated_at: ctx.now })
			.returning('id')
			.executeTakeFirstOrThrow();
		await trx
			.updateTable('date_poll')
			.set({ status: 'fixed', fixed_slot_id: slot.id, closed_at: ctx.now })
			.where('id', '=', poll.id)
			.execute();
		const people = await trx
			.selectFrom('date_poll_response')
			.select(['email', 'locale'])
			.where('poll_id', '=', poll.id)
			.where('email', 'is not', null)
			.execute();
		for (const p of people)
			await queueEventMail(
				trx,
				'events_poll_fixed',
				{ email: p.email!, locale: p.locale },
				{
					origin,
					title: poll.title,
					startsAt: slot.startsAt,
					endsAt: slot.endsAt,
					path: `/termine/${poll.eventId}`
				}
			);
		await writeAudit(trx, {
			actorId: actorUserId(ctx.actor),
			action: 'events.poll_fix',
			subjectType: 'date_poll',
			subjectId: poll.id,
			details: { slotId, told: people.length },
			at: ctx.now
		});
		return ok({ occurrenceId: occ.id, told: people.length });
	});
}
