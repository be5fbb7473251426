// "Termin hinzufügen": one more date for an existing event or series, from the manage page. The place
// stays the event's; the new date gets its own iCalendar UID (from its id, SEQUENCE 0) and is open for
// registration like every other date.
import { repeatsExistingDate } from '../../events/added-date';
import { can } from '../auth/permissions';
import { actorUserId, failure, ok, writeAudit, type CommandContext, type Result } from '../core';
import { eventSubject } from './queries';
import type { AddDateForm } from './schemas';

/** 'duplicate': a date that is not cancelled already starts then; 'event_cancelled': the event is called off. */
export type AddDateError = 'not_found' | 'duplicate' | 'event_cancelled';

export async function addEventDate(
	ctx: CommandContext,
	eventId: string,
	input: AddDateForm
): Promise<Result<{ id: string }, AddDateError>> {
	const subject = await eventSubject(ctx.db, eventId);
	if (!subject || !can(ctx.actor, 'events.manage', subject)) return failure('not_found');
	return ctx.db.transaction().execute(async (trx) => {
		// The event row lock keeps two parallel additions of the same date from both getting in.
		const ev = await trx
			.selectFrom('event')
			.select('status')
			.where('id', '=', eventId)
			.forUpdate()
			.executeTakeFirst();
		if (!ev) return failure('not_found');
		if (ev.status === 'cancelled') return failure('event_cancelled');
		const dates = await trx
			.selectFrom('event_occurrence')
			.select(['starts_at', 'status'])
			.where('event_id', '=', eventId)
			.execute();
		const existing = dates.map((d) => ({ startsAt: new Date(d.starts_at), status: d.status }));
		if (repeatsExistingDate(existing, input.startsAt)) return failure('duplicate');
		const row = await trx
			.insertInto('event_occurrence')
			.values({
				event_id: eventId,
				starts_at: input.startsAt,
				ends_at: input.endsAt,
				created_at: ctx.now,
				updated_at: ctx.now
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await writeAudit(trx, {
			actorId: actorUserId(ctx.actor),
			action: 'events.add_date',
			subjectType: 'event_occurrence',
			subjectId: row.id,
			details: {
				eventId,
				startsAt: input.startsAt.toISOString(),
				endsAt: input.endsAt.toISOString()
			},
			at: ctx.now
		});
		return ok({ id: row.id });
	});
}
