// Registering for a date, cancelling through the private link, the waiting list moving up.
// Capacity: every write locks the occurrence row (SELECT … FOR UPDATE) and keeps registered_count in
// step, so concurrent registrations on any number of app nodes never exceed it.
import { sql, type Kysely, type Transaction } from 'kysely';
import { parseAnswerForm, validateAnswers, type Answers, type FormLike } from '../../questionnaire';
import { questionnaireDefinition } from '../../questionnaire/definition';
import { can } from '../auth/permissions';
import { actorUserId, failure, ok, writeAudit, type CommandContext, type Result } from '../core';
import { DEFAULT_EVENT_RETENTION_DAYS } from '../config';
import type { DB } from '../db/types';
import { retentionCutoff } from './jobs';
import { queueEventMail } from './mail';
import { RESIDENCE_KEY } from './questions';
import { eventSubject } from './queries';
import { hashToken, newToken } from './tokens';

export type RegisterError =
	'not_found' | 'closed' | 'cancelled' | 'deadline' | 'forbidden' | 'invalid' | 'retention_done';

interface LockedOccurrence {
	id: string;
	event_id: string;
	starts_at: Date;
	ends_at: Date;
	status: string;
	registered_count: number;
	retention_done_at: Date | null;
	capacity: number | null;
	registration_enabled: boolean;
	registration_deadline_hours: number;
	title: string;
	event_status: string;
}

async function lockOccurrence(trx: Transaction<DB>, occurrenceId: string): Promise<LockedOccurrence | null> {
	// Lock first (the occurrence row only), then read its event.
	const occ = await trx
		.selectFrom('event_occurrence')
		.select(['id', 'event_id', 'starts_at', 'ends_at', 'status', 'registered_count', 'retention_done_at'])
		.where('id', '=', occurrenceId)
		.forUpdate()
		.executeTakeFirst();
	if (!occ) return null;
	const ev = await trx
		.selectFrom('event')
		.select(['capacity', 'registration_enabled', 'registration_deadline_hours', 'title', 'status'])
		.where('id', '=', occ.event_id)
		.executeTakeFirstOrThrow();
	return {
		...occ,
		starts_at: new Date(occ.starts_at),
		ends_at: new Date(occ.ends_at),
		registered_count: Number(occ.registered_count),
		retention_done_at: occ.retention_done_at ? new Date(occ.retention_done_at) : null,
		capacity: ev.capacity,
		registration_enabled: ev.registration_enabled,
		registration_deadline_hours: ev.registration_deadline_hours,
		title: ev.title,
		event_status: ev.status
	};
}

export interface RegisterInput {
	occurrenceId: string;
	name: string;
	email: string | null;
	locale: string;
	answers: Answers;
	notifyResults: boolean;
	/** 'online' (the person themself) or staff entry by phone / in person (name only) */
	channel: 'online' | 'phone' | 'in_person';
}

export interface Registered {
	registrationId: string;
	status: 'registered' | 'waiting';
	waitingPosition: number | null;
	/** the private cancel link's token (only in the confirmation mail; null without e-mail) */
	cancelToken: string | null;
}

/** Reads and checks the registration questions of an event from a form (questionnaire engine). */
export async function parseRegistrationAnswers(
	db: Kysely<DB>,
	eventId: string,
	form: FormLike
): Promise<{ ok: true; answers: Answers } | { ok: false; errors: Record<string, string> }> {
	const row = await db.selectFrom('event').select('questions').where('id', '=', eventId).executeTakeFirst();
	if (!row?.questions) return { ok: true, answers: {} };
	const def = questionnaireDefinition.parse(row.questions);
	const parsed = parseAnswerForm(def.questions, form);
	const residence = def.questions.find((q) => q.key === RESIDENCE_KEY);
	let areaIds: Set<string> | undefined;
	if (residence && residence.type === 'area') {
		const areas = await db
			.selectFrom('area as a')
			.innerJoin('area_level as l', 'l.id', 'a.level_id')
			.select('a.id')
			.where('l.key', '=', residence.level)
			.execute();
		areaIds = new Set(areas.map((a) => a.id));
	}
	const errors = { ...parsed.errors, ...validateAnswers(def.questions, parsed.answers, { areaIds }) };
	if (Object.keys(errors).length > 0)
		return { ok: false, errors: Object.fromEntries(Object.entries(errors).map(([k, e]) => [k, e.key])) };
	return { ok: true, answers: parsed.answers };
}

export async function registerForOccurrence(
	ctx: CommandContext,
	input: RegisterInput
): Promise<Result<Registered, RegisterError>> {
	const origin = ctx.config?.origin ?? 'http://localhost';
	if (input.channel !== 'online') {
		const subject = await eventSubjectOfOccurrence(ctx.db, input.occurrenceId);
		if (!subject || !can(ctx.actor, 'events.manage', subject)) return failure('not_found');
	}
	return ctx.db.transaction().execute(async (trx) => {
		const occ = await lockOccurrence(trx, input.occurrenceId);
		if (!occ || occ.event_status === 'draft') return failure('not_found');
		if (occ.status === 'cancelled' || occ.event_status === 'cancelled') return failure('cancelled');
		if (!occ.registration_enabled) return failure('closed');
		const deadline = occ.starts_at.getTime() - occ.registration_deadline_hours * 3600_000;
		// Staff may still add someone at the door.
		if (input.channel === 'online' && ctx.now.getTime() >= deadline) return failure('deadline');
		if (input.channel !== 'in_person' && ctx.now.getTime() >= occ.starts_at.getTime())
			return failure('deadline');
		// …but not once the date is past the retention period: its names are gone, a new one would stay.
		const retentionDays = ctx.config?.eventRetentionDays ?? DEFAULT_EVENT_RETENTION_DAYS;
		if (occ.retention_done_at !== null || occ.ends_at < retentionCutoff(ctx.now, retentionDays))
			return failure('retention_done');
		const full = occ.capacity !== null && occ.registered_count >= occ.capacity;
		let waitingPosition: number | null = null;
		if (full) {
			const max = await trx
				.selectFrom('event_registration')
				.select(sql<number | null>`max(waiting_position)`.as('max'))
				.where('occurrence_id', '=', occ.id)
				.where('status', '=', 'waiting')
				.executeTakeFirst();
			waitingPosition = Number(max?.max ?? 0) + 1;
		}
		const token = input.email ? newToken() : null;
		const residence = input.answers[RESIDENCE_KEY];
		const row = await trx
			.insertInto('event_registration')
			.values({
				occurrence_id: occ.id,
				user_id: input.channel === 'online' ? actorUserId(ctx.actor) : null,
				name: input.name,
				email: input.email,
				locale: input.locale,
				answers: JSON.stringify(input.answers),
				area_id: residence?.type === 'area' ? residence.areaId : null,
				status: full ? 'waiting' : 'registered',
				waiting_position: waitingPosition,
				channel: input.channel,
				cancel_token_hash: token?.hash ?? null,
				notify_results: input.notifyResults,
				entered_by: input.channel === 'online' ? null : actorUserId(ctx.actor),
				created_at: ctx.now
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		if (!full)
			await trx
				.updateTable('event_occurrence')
				.set({ registered_count: sql`registered_count + 1` })
				.where('id', '=', occ.id)
				.execute();
		if (input.email && token)
			await queueEventMail(
				trx,
				full ? 'events_waiting' : 'events_registered',
				{ email: input.email, locale: input.locale },
				{
					origin,
					title: occ.title,
					startsAt: occ.starts_at,
					endsAt: occ.ends_at,
					path: `/termine/abmelden/${token.token}`,
					extra: { position: String(waitingPosition ?? '') }
				}
			);
		await writeAudit(trx, {
			actorId: actorUserId(ctx.actor),
			action: full ? 'events.waitlist' : 'events.register',
			subjectType: 'event_occurrence',
			subjectId: occ.id,
			details: { channel: input.channel },
			at: ctx.now
		});
		return ok({
			registrationId: row.id,
			status: full ? 'waiting' : 'registered',
			waitingPosition,
			cancelToken: token?.token ?? null
		});
	});
}

/**
 * After an event's capacity changed (inside the caller's transaction, occurrence rows already locked):
 * moves people up from the waiting list where places became free. Returns how many moved up.
 */
export async function refillOccurrence(
	trx: Transaction<DB>,
	occurrenceId: string,
	origin: string,
	now: Date
): Promise<number> {
	const occ = await lockOccurrence(trx, occurrenceId);
	if (!occ || occ.status === 'cancelled' || occ.starts_at <= now) return 0;
	return fillFromWaitingList(trx, occ, await countRegistered(trx, occurrenceId), origin, now);
}

/** Moves the first people of the waiting list up while places are free (inside the locked transaction). */
async function fillFromWaitingList(
	trx: Transaction<DB>,
	occ: LockedOccurrence,
	registered: number,
	origin: string,
	now: Date
): Promise<number> {
	let count = registered;
	let moved = 0;
	while (occ.capacity === null || count < occ.capacity) {
		const next = await trx
			.selectFrom('event_registration')
			.select(['id', 'email', 'locale'])
			.where('occurrence_id', '=', occ.id)
			.where('status', '=', 'waiting')
			.orderBy('waiting_position')
			.orderBy('created_at')
			.limit(1)
			.executeTakeFirst();
		if (!next) break;
		// A fresh cancel link: the one from the waiting-list mail still works too (same row), so keep it.
		await trx
			.updateTable('event_registration')
			.set({ status: 'registered', waiting_position: null })
			.where('id', '=', next.id)
			.execute();
		count += 1;
		moved += 1;
		if (next.email)
			await queueEventMail(
				trx,
				'events_moved_up',
				{ email: next.email, locale: next.locale },
				{
					origin,
					title: occ.title,
					startsAt: occ.starts_at,
					endsAt: occ.ends_at,
					path: `/termine/${occ.event_id}`
				}
			);
		await writeAudit(trx, {
			actorId: null,
			action: 'events.moved_up',
			subjectType: 'event_registration',
			subjectId: next.id,
			at: now
		});
	}
	await trx
		.updateTable('event_occurrence')
		.set({ registered_count: count })
		.where('id', '=', occ.id)
		.execute();
	return moved;
}

export type CancelError = 'not_found';

/** Cancels through the private link. The link works once: the stored hash is removed. */
export async function cancelRegistrationByToken(
	ctx: CommandContext,
	token: string
): Promise<Result<{ eventId: string; movedUp: number }, CancelError>> {
	if (!/^[A-Za-z0-9_-]{40,60}$/.test(token)) return failure('not_found');
	const hash = hashToken(token);
	const origin = ctx.config?.origin ?? 'http://localhost';
	return ctx.db.transaction().execute(async (trx) => {
		const found = await trx
			.selectFrom('event_registration')
			.select(['id', 'occurrence_id'])
			.where('cancel_token_hash', '=', hash)
			.executeTakeFirst();
		if (!found) return failure('not_found');
		const occ = await lockOccurrence(trx, found.occurrence_id);
		if (!occ) return failure('not_found');
		// Re-read under the lock: a parallel click on the same link finds the hash gone.
		const reg = await trx
			.updateTable('event_registration')
			.set({ status: 'cancelled', cancelled_at: ctx.now, cancel_token_hash: null, waiting_position: null })
			.where('id', '=', found.id)
			.where('cancel_token_hash', '=', hash)
			.where('status', 'in', ['registered', 'waiting'])
			.returning(['id'])
			.executeTakeFirst();
		if (!reg) return failure('not_found');
		const registered = await countRegistered(trx, occ.id);
		const movedUp = await fillFromWaitingList(trx, occ, registered, origin, ctx.now);
		await writeAudit(trx, {
			actorId: actorUserId(ctx.actor),
			action: 'events.cancel_registration',
			subjectType: 'event_registration',
			subjectId: reg.id,
			at: ctx.now
		});
		return ok({ eventId: occ.event_id, movedUp });
	});
}

/** Staff cancel someone (e.g. called in): same waiting-list rule. */
export async function cancelRegistrationByStaff(
	ctx: CommandContext,
	registrationId: string
): Promise<Result<{ movedUp: number }, 'not_found'>> {
	const reg0 = await ctx.db
		.selectFrom('event_registration')
		.select(['occurrence_id'])
		.where('id', '=', registrationId)
		.executeTakeFirst();
	if (!reg0) return failure('not_found');
	const subject = await eventSubjectOfOccurrence(ctx.db, reg0.occurrence_id);
	if (!subject || !can(ctx.actor, 'events.manage', subject)) return failure('not_found');
	const origin = ctx.config?.origin ?? 'http://localhost';
	return ctx.db.transaction().execute(async (trx) => {
		const occ = await lockOccurrence(trx, reg0.occurrence_id);
		if (!occ) return failure('not_found');
		const reg = await trx
			.updateTable('event_registration')
			.set({ status: 'cancelled', cancelled_at: ctx.now, cancel_token_hash: null, waiting_position: null })
			.where('id', '=', registrationId)
			.where('status', 'in', ['registered', 'waiting'])
			.returning('id')
			.executeTakeFirst();
		if (!reg) return failure('not_found');
		const movedUp = await fillFromWaitingList(trx, occ, await countRegistered(trx, occ.id), origin, ctx.now);
		await writeAudit(trx, {
			actorId: actorUserId(ctx.actor),
			action: 'events.cancel_registration',
			subjectType: 'event_registration',
			subjectId: reg.id,
			details: { by: 'staff' },
			at: ctx.now
		});
		return ok({ movedUp });
	});
}

async function countRegistered(db: Kysely<DB>, occurrenceId: string): Promise<number> {
	const r = await db
		.selectFrom('event_registration')
		.select((eb) => eb.fn.countAll<string | number>().as('n'))
		.where('occurrence_id', '=', occurrenceId)
		.where('status', '=', 'registered')
		.executeTakeFirstOrThrow();
	return Number(r.n);
}

export async function eventSubjectOfOccurrence(db: Kysely<DB>, occurrenceId: string) {
	const occ = await db
		.selectFrom('event_occurrence')
		.select('event_id')
		.where('id', '=', occurrenceId)
		.executeTakeFirst();
	return occ ? eventSubject(db, occ.event_id) : null;
}

/** Marks who came (check-in). */
export async function markAttendance(
	ctx: CommandContext,
	occurrenceId: string,
	attendedIds: string[]
): Promise<Result<{ attended: number }, 'not_found'>> {
	const subject = await eventSubjectOfOccurrence(ctx.db, occurrenceId);
	if (!subject || !can(ctx.actor, 'events.manage', subject)) return failure('not_found');
	return ctx.db.transaction().execute(async (trx) => {
		await trx
			.updateTable('event_registration')
			.set({ attended: false })
			.where('occurrence_id', '=', occurrenceId)
			.where('status', '=', 'registered')
			.execute();
		if (attendedIds.length > 0)
			await trx
				.updateTable('event_registration')
				.set({ attended: true })
				.where('occurrence_id', '=', occurrenceId)
				.where('status', '=', 'registered')
				.where('id', 'in', attendedIds)
				.execute();
		const n = await trx
			.selectFrom('event_registration')
			.select((eb) => eb.fn.countAll<string | number>().as('n'))
			.where('occurrence_id', '=', occurrenceId)
			.where('attended', '=', true)
			.executeTakeFirstOrThrow();
		await trx
			.updateTable('event_occurrence')
			.set({ attendance_count: Number(n.n) })
			.where('id', '=', occurrenceId)
			.execute();
		await writeAudit(trx, {
			actorId: actorUserId(ctx.actor),
			action: 'events.attendance',
			subjectType: 'event_occurrence',
			subjectId: occurrenceId,
			details: { attended: Number(n.n) },
			at: ctx.now
		});
		return ok({ attended: Number(n.n) });
	});
}
