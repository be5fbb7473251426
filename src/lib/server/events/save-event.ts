// Creating an event with its dates (a recurrence rule expands into occurrences), and changing dates:
// cancelling and moving keep the row (shown as such), raise the iCalendar SEQUENCE and tell everyone
// registered or waiting, in their language.
import { sql } from 'kysely';
import { expandRecurrence, type RecurrenceRule } from '../../events/recurrence';
import { ACCESS_FACTS } from '../../events/types';
import { can } from '../auth/permissions';
import { loadAreaAncestry } from '../areas';
import { actorUserId, failure, ok, writeAudit, type CommandContext, type Result } from '../core';
import { queueEventMail } from './mail';
import { refillOccurrence } from './registration';
import { eventSubject } from './queries';
import { pickedQuestionKeys, registrationQuestions, storedQuestionKeys } from './questions';
import type { EventEditForm, EventForm } from './schemas';

export interface EventPlacement {
	consultationId: string | null;
	/** stand-alone events: at least one area; consultation events: optional extra areas */
	areaIds: string[];
}

export async function createEvent(
	ctx: CommandContext,
	input: EventForm,
	placement: EventPlacement
): Promise<Result<{ id: string; occurrenceIds: string[] }, 'forbidden' | 'area_required'>> {
	if (!placement.consultationId && placement.areaIds.length === 0) return failure('area_required');
	let areas = await loadAreaAncestry(ctx.db, placement.areaIds);
	let createdBy: string | null = actorUserId(ctx.actor);
	if (placement.consultationId) {
		const c = await ctx.db
			.selectFrom('consultation')
			.select(['created_by'])
			.where('id', '=', placement.consultationId)
			.executeTakeFirst();
		if (!c) return failure('forbidden');
		const cAreas = await ctx.db
			.selectFrom('consultation_area')
			.select('area_id')
			.where('consultation_id', '=', placement.consultationId)
			.execute();
		areas = await loadAreaAncestry(
			ctx.db,
			cAreas.map((a) => a.area_id)
		);
		createdBy = c.created_by;
	}
	if (!can(ctx.actor, 'events.create', { consultationId: placement.consultationId, areas, createdBy }))
		return failure('forbidden');
	const rule: RecurrenceRule | null =
		input.repeatUnit !== 'none' && input.repeatCount && input.repeatCount > 1
			? { unit: input.repeatUnit, interval: input.repeatInterval ?? 1, count: input.repeatCount }
			: null;
	const questions = registrationQuestions(pickedQuestionKeys(input));
	// "date still open" (or no time given): the event starts without dates; a date poll finds one
	const dates =
		input.dateOpen || !input.startsAt || !input.endsAt
			? []
			: expandRecurrence({ startsAt: input.startsAt, endsAt: input.endsAt }, rule);
	return ctx.db.transaction().execute(async (trx) => {
		const ev = await trx
			.insertInto('event')
			.values({
				consultation_id: placement.consultationId,
				title: input.title,
				event_type: input.type,
				description: input.description,
				agenda: input.agenda,
				address: input.address,
				location: input.point ? JSON.stringify({ type: 'Point', coordinates: input.point }) : null,
				online_url: input.onlineUrl,
				organiser: input.organiser,
				co_hosts: input.coHosts,
				target_group: input.targetGroup,
				...Object.fromEntries(ACCESS_FACTS.map((f) => [f, input[f] === true])),
				interpreter_languages: input.interpreterLanguages,
				capacity: input.capacity,
				registration_deadline_hours: input.deadlineHours ?? 0,
				questions: questions ? JSON.stringify(questions) : null,
				recurrence: rule && dates.length ? JSON.stringify(rule) : null,
				created_by: actorUserId(ctx.actor),
				created_at: ctx.now,
				updated_at: ctx.now
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		if (placement.areaIds.length > 0)
			await trx
				.insertInto('event_area')
				.values([...new Set(placement.areaIds)].map((area_id) => ({ event_id: ev.id, area_id })))
				.execute();
		const occ = dates.length
			? await trx
					.insertInto('event_occurrence')
					.values(
						dates.map((d) => ({
							event_id: ev.id,
							starts_at: d.startsAt,
							ends_at: d.endsAt,
							updated_at: ctx.now
						}))
					)
					.returning('id')
					.execute()
			: [];
		await writeAudit(trx, {
			actorId: actorUserId(ctx.actor),
			action: 'events.create',
			subjectType: 'event',
			subjectId: ev.id,
			details: { occurrences: occ.length },
			at: ctx.now
		});
		return ok({ id: ev.id, occurrenceIds: occ.map((o) => o.id) });
	});
}

const EDITABLE = [
	'title',
	'event_type',
	'description',
	'agenda',
	'address',
	'location',
	'online_url',
	'organiser',
	'co_hosts',
	'target_group',
	...ACCESS_FACTS,
	'interpreter_languages',
	'capacity',
	'registration_deadline_hours'
] as const;

/**
 * Edits an event's texts and settings (not its dates: moving a date is `moveOccurrence`). With people
 * registered or waiting, the iCalendar SEQUENCE of its open dates goes up so calendars take the change
 * (not for a change of the registration questions alone: calendars do not show them).
 * The registration questions become the picked ones; a question still picked keeps its stored
 * definition, and answers already given are never removed here (the retention job clears them).
 * Capacity cannot drop below the people already registered for a date; a larger capacity moves people
 * up from the waiting list.
 */
export async function updateEvent(
	ctx: CommandContext,
	eventId: string,
	input: EventEditForm
): Promise<
	Result<{ changed: string[]; sequenceRaised: boolean; movedUp: number }, 'not_found' | 'capacity_below'>
> {
	const subject = await eventSubject(ctx.db, eventId);
	if (!subject || !can(ctx.actor, 'events.manage', subject)) return failure('not_found');
	const origin = ctx.config?.origin ?? 'http://localhost';
	return ctx.db.transaction().execute(async (trx) => {
		// Lock the dates first (same order as a registration), then the event row.
		const occs = await trx
			.selectFrom('event_occurrence')
			.select(['id', 'status', 'registered_count'])
			.where('event_id', '=', eventId)
			.orderBy('id')
			.forUpdate()
			.execute();
		const before = await trx
			.selectFrom('event')
			.select([...EDITABLE, 'questions'])
			.where('id', '=', eventId)
			.forUpdate()
			.executeTakeFirstOrThrow();
		const open = occs.filter((o) => o.status !== 'cancelled');
		if (input.capacity !== null && open.some((o) => Number(o.registered_count) > input.capacity!))
			return failure('capacity_below');
		const next = {
			title: input.title,
			event_type: input.type,
			description: input.description,
			agenda: input.agenda,
			address: input.address,
			location: input.point ? JSON.stringify({ type: 'Point', coordinates: input.point }) : null,
			online_url: input.onlineUrl,
			organiser: input.organiser,
			co_hosts: input.coHosts,
			target_group: input.targetGroup,
			...Object.fromEntries(ACCESS_FACTS.map((f) => [f, input[f] === true])),
			interpreter_languages: input.interpreterLanguages,
			capacity: input.capacity,
			registration_deadline_hours: input.deadlineHours ?? 0
		} as Record<(typeof EDITABLE)[number], unknown>;
		// jsonb comes back as an object (keys sorted: type, coordinates), the new value is its JSON text.
		const norm = (k: string, v: unknown) =>
			JSON.stringify(k === 'location' && typeof v === 'string' ? JSON.parse(v) : (v ?? null));
		const changed: string[] = EDITABLE.filter((k) => norm(k, before[k]) !== norm(k, next[k]));
		const pickedBefore = storedQuestionKeys(before.questions);
		const picked = pickedQuestionKeys(input);
		const questionsChanged = picked.join() !== pickedBefore.join();
		if (changed.length === 0 && !questionsChanged) return ok({ changed, sequenceRaised: false, movedUp: 0 });
		const questions = questionsChanged
			? registrationQuestions(picked, { stored: before.questions })
			: undefined;
		await trx
			.updateTable('event')
			.set({
				...(next as object),
				...(questions !== undefined ? { questions: questions ? JSON.stringify(questions) : null } : {}),
				updated_at: ctx.now
			})
			.where('id', '=', eventId)
			.execute();
		const people = await trx
			.selectFrom('event_registration as r')
			.innerJoin('event_occurrence as o', 'o.id', 'r.occurrence_id')
			.select((eb) => eb.fn.countAll<string | number>().as('n'))
			.where('o.event_id', '=', eventId)
			.where('r.status', 'in', ['registered', 'waiting'])
			.executeTakeFirstOrThrow();
		const sequenceRaised = changed.length > 0 && Number(people.n) > 0 && open.length > 0;
		if (sequenceRaised)
			await trx
				.updateTable('event_occurrence')
				.set({ sequence: sql`sequence + 1`, updated_at: ctx.now })
				.where('event_id', '=', eventId)
				.where('status', '!=', 'cancelled')
				.execute();
		let movedUp = 0;
		const oldCap = before.capacity;
		if (
			changed.includes('capacity') &&
			(input.capacity === null || (oldCap !== null && input.capacity > oldCap))
		)
			for (const o of open) movedUp += await refillOccurrence(trx, o.id, origin, ctx.now);
		if (questionsChanged) changed.push('questions');
		await writeAudit(trx, {
			actorId: actorUserId(ctx.actor),
			action: 'events.update',
			subjectType: 'event',
			subjectId: eventId,
			details: { changed, sequenceRaised, movedUp, ...(questionsChanged ? { questions: picked } : {}) },
			at: ctx.now
		});
		return ok({ changed, sequenceRaised, movedUp });
	});
}

/** Adds one date to an event (e.g. the date a poll fixed). */
export async function addOccurrence(
	ctx: CommandContext,
	eventId: string,
	slot: { startsAt: Date; endsAt: Date }
): Promise<Result<{ id: string }, 'not_found'>> {
	const subject = await eventSubject(ctx.db, eventId);
	if (!subject || !can(ctx.actor, 'events.manage', subject)) return failure('not_found');
	const row = await ctx.db
		.insertInto('event_occurrence')
		.values({ event_id: eventId, starts_at: slot.startsAt, ends_at: slot.endsAt, updated_at: ctx.now })
		.returning('id')
		.executeTakeFirstOrThrow();
	return ok({ id: row.id });
}

async function notifyRegistered(
	trx: CommandContext['db'],
	occurrenceId: string,
	kind: 'events_date_cancelled' | 'events_date_moved',
	params: Parameters<typeof queueEventMail>[3]
): Promise<number> {
	const people = await trx
		.selectFrom('event_registration')
		.select(['email', 'locale'])
		.where('occurrence_id', '=', occurrenceId)
		.where('status', 'in', ['registered', 'waiting'])
		.where('email', 'is not', null)
		.execute();
	for (const p of people) await queueEventMail(trx, kind, { email: p.email!, locale: p.locale }, params);
	return people.length;
}

export async function cancelOccurrence(
	ctx: CommandContext,
	occurrenceId: string
): Promise<Result<{ told: number }, ChangeOccurrenceError>> {
	return changeOccurrence(ctx, occurrenceId, null);
}

export async function moveOccurrence(
	ctx: CommandContext,
	occurrenceId: string,
	to: { startsAt: Date; endsAt: Date }
): Promise<Result<{ told: number }, ChangeOccurrenceError>> {
	return changeOccurrence(ctx, occurrenceId, to);
}

/** 'cancelled': the date is already cancelled (it can be neither cancelled again nor moved). */
export type ChangeOccurrenceError = 'not_found' | 'cancelled';

async function changeOccurrence(
	ctx: CommandContext,
	occurrenceId: string,
	to: { startsAt: Date; endsAt: Date } | null
): Promise<Result<{ told: number }, ChangeOccurrenceError>> {
	const occ0 = await ctx.db
		.selectFrom('event_occurrence as o')
		.innerJoin('event as e', 'e.id', 'o.event_id')
		.select(['o.event_id', 'e.title'])
		.where('o.id', '=', occurrenceId)
		.executeTakeFirst();
	if (!occ0) return failure('not_found');
	const subject = await eventSubject(ctx.db, occ0.event_id);
	if (!subject || !can(ctx.actor, 'events.manage', subject)) return failure('not_found');
	const origin = ctx.config?.origin ?? 'http://localhost';
	return ctx.db.transaction().execute(async (trx) => {
		const before = await trx
			.selectFrom('event_occurrence')
			.select(['starts_at', 'ends_at', 'status'])
			.where('id', '=', occurrenceId)
			.forUpdate()
			.executeTakeFirstOrThrow();
		if (before.status === 'cancelled') return failure('cancelled');
		await trx
			.updateTable('event_occurrence')
			.set(
				to
					? {
							status: 'moved',
							moved_from: before.starts_at,
							starts_at: to.startsAt,
							ends_at: to.endsAt,
							sequence: sql`sequence + 1`,
							reminder_sent_at: null,
							updated_at: ctx.now
						}
					: { status: 'cancelled', sequence: sql`sequence + 1`, updated_at: ctx.now }
			)
			.where('id', '=', occurrenceId)
			.execute();
		const told = await notifyRegistered(
			trx,
			occurrenceId,
			to ? 'events_date_moved' : 'events_date_cancelled',
			{
				origin,
				title: occ0.title,
				startsAt: to ? to.startsAt : new Date(before.starts_at),
				endsAt: to ? to.endsAt : new Date(before.ends_at),
				path: `/termine/${occ0.event_id}`
			}
		);
		await writeAudit(trx, {
			actorId: actorUserId(ctx.actor),
			action: to ? 'events.move_date' : 'events.cancel_date',
			subjectType: 'event_occurrence',
			subjectId: occurrenceId,
			details: { told },
			at: ctx.now
		});
		return ok({ told });
	});
}

/** "Tell attendees": queue a mail to everyone registered who agreed to hear what became of the results. */
export async function tellAttendees(
	ctx: CommandContext,
	eventId: string,
	message: string
): Promise<Result<{ told: number }, 'not_found' | 'empty'>> {
	const subject = await eventSubject(ctx.db, eventId);
	if (!subject || !can(ctx.actor, 'events.manage', subject)) return failure('not_found');
	if (!message.trim()) return failure('empty');
	const origin = ctx.config?.origin ?? 'http://localhost';
	return ctx.db.transaction().execute(async (trx) => {
		const ev = await trx
			.selectFrom('event')
			.select('title')
			.where('id', '=', eventId)
			.executeTakeFirstOrThrow();
		const people = await trx
			.selectFrom('event_registration as r')
			.innerJoin('event_occurrence as o', 'o.id', 'r.occurrence_id')
			.select(['r.email', 'r.locale'])
			.distinctOn('r.email')
			.where('o.event_id', '=', eventId)
			.where('r.notify_results', '=', true)
			.where('r.status', '=', 'registered')
			.where('r.email', 'is not', null)
			.orderBy('r.email')
			.execute();
		for (const p of people)
			await queueEventMail(
				trx,
				'events_results',
				{ email: p.email!, locale: p.locale },
				{
					origin,
					title: ev.title,
					path: `/termine/${eventId}`,
					extra: { message: message.trim().slice(0, 4000) }
				}
			);
		await trx.updateTable('event').set({ results_notified_at: ctx.now }).where('id', '=', eventId).execute();
		await writeAudit(trx, {
			actorId: actorUserId(ctx.actor),
			action: 'events.tell_attendees',
			subjectType: 'event',
			subjectId: eventId,
			details: { told: people.length },
			at: ctx.now
		});
		return ok({ told: people.length });
	});
}
