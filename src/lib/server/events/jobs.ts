// Scheduled work of the events module (runs hourly in the app, and as `qk events reminders` /
// `qk events retention`): reminders the day before, and the retention rule for registration data.
// Safe on several app nodes: each row is claimed with a guarded UPDATE before mails are queued.
import type { Kysely } from 'kysely';
import { DEFAULT_EVENT_RETENTION_DAYS, DEFAULT_MAIL_RETENTION_DAYS, type AppConfig } from '../config';
import type { DB } from '../db/types';
import { writeAudit } from '../core';
import { purgeOutbox } from '../mail';
import { queueEventMail } from './mail';

/** Default: registration data is anonymised six months (183 days) after the date (EVENT_RETENTION_DAYS). */
export const RETENTION_DAYS = DEFAULT_EVENT_RETENTION_DAYS;

/** The moment before which a date's registration data is past the retention period. */
export function retentionCutoff(now: Date, days: number): Date {
	return new Date(now.getTime() - days * 24 * 3600_000);
}

/** Mails everyone registered for a date that starts within the next 24 hours, once per date. */
export async function sendReminders(
	db: Kysely<DB>,
	now: Date,
	origin: string
): Promise<{ dates: number; mails: number }> {
	const soon = new Date(now.getTime() + 24 * 3600_000);
	let dates = 0;
	let mails = 0;
	const due = await db
		.selectFrom('event_occurrence')
		.select('id')
		.where('status', '!=', 'cancelled')
		.where('reminder_sent_at', 'is', null)
		.where('starts_at', '>', now)
		.where('starts_at', '<=', soon)
		.execute();
	for (const { id } of due) {
		await db.transaction().execute(async (trx) => {
			const claimed = await trx
				.updateTable('event_occurrence')
				.set({ reminder_sent_at: now })
				.where('id', '=', id)
				.where('reminder_sent_at', 'is', null)
				.returning(['event_id', 'starts_at', 'ends_at'])
				.executeTakeFirst();
			if (!claimed) return;
			const ev = await trx
				.selectFrom('event')
				.select('title')
				.where('id', '=', claimed.event_id)
				.executeTakeFirstOrThrow();
			const people = await trx
				.selectFrom('event_registration')
				.select(['email', 'locale'])
				.where('occurrence_id', '=', id)
				.where('status', '=', 'registered')
				.where('email', 'is not', null)
				.execute();
			for (const p of people)
				await queueEventMail(
					trx,
					'events_reminder',
					{ email: p.email!, locale: p.locale },
					{
						origin,
						title: ev.title,
						startsAt: new Date(claimed.starts_at),
						endsAt: new Date(claimed.ends_at),
						path: `/termine/${claimed.event_id}`
					}
				);
			dates += 1;
			mails += people.length;
		});
	}
	return { dates, mails };
}

/**
 * Anonymises the registrations of dates that ended more than `days` ago: name, e-mail, answers, account
 * and cancel link go; status, attendance, channel and area of residence stay (for counts). Every run
 * looks at every registration not yet anonymised of such a date, so an entry made after an earlier run
 * (staff adding someone at the door late) is anonymised too; `retention_done_at` only records when a
 * date first passed the period (staff entries are refused from then on). Date-poll answers are deleted
 * `days` after the poll ended: when it was fixed or closed, or, for a poll left open, when the last date
 * it proposed was over.
 */
export async function runRetention(
	db: Kysely<DB>,
	now: Date,
	days = RETENTION_DAYS
): Promise<{ registrations: number; pollResponses: number }> {
	const before = retentionCutoff(now, days);
	return db.transaction().execute(async (trx) => {
		await trx
			.updateTable('event_occurrence')
			.set({ retention_done_at: now })
			.where('ends_at', '<', before)
			.where('retention_done_at', 'is', null)
			.execute();
		const r = await trx
			.updateTable('event_registration')
			.set({
				name: null,
				email: null,
				answers: '{}',
				user_id: null,
				entered_by: null,
				cancel_token_hash: null,
				anonymised_at: now
			})
			.where('anonymised_at', 'is', null)
			.where('occurrence_id', 'in', (eb) =>
				eb
					.selectFrom('event_occurrence')
					.select('id')
					.where((w) => w.or([w('ends_at', '<', before), w('retention_done_at', 'is not', null)]))
			)
			.executeTakeFirst();
		const registrations = Number(r.numUpdatedRows);
		// A poll ends when it is fixed or closed; one left open ends with the last date it proposed.
		const p = await trx
			.deleteFrom('date_poll_response')
			.where('poll_id', 'in', (eb) =>
				eb
					.selectFrom('date_poll as dp')
					.select('dp.id')
					.where((w) =>
						w.or([
							w.and([w('dp.status', '!=', 'open'), w('dp.closed_at', '<', before)]),
							w.and([
								w('dp.status', '=', 'open'),
								w.not(
									w.exists(
										w
											.selectFrom('date_poll_slot as s')
											.select('s.id')
											.whereRef('s.poll_id', '=', 'dp.id')
											.where('s.ends_at', '>=', before)
									)
								),
								w.exists(
									w.selectFrom('date_poll_slot as s').select('s.id').whereRef('s.poll_id', '=', 'dp.id')
								)
							])
						])
					)
			)
			.executeTakeFirst();
		const pollResponses = Number(p.numDeletedRows);
		if (registrations + pollResponses > 0)
			await writeAudit(trx, {
				actorId: null,
				action: 'events.retention',
				details: { registrations, pollResponses, days },
				at: now
			});
		return { registrations, pollResponses };
	});
}

/**
 * Runs reminders, the registration retention (EVENT_RETENTION_DAYS) and the outbox retention
 * (MAIL_RETENTION_DAYS: event mails name the address, the event and its date) every intervalMs
 * (unref'd timer); returns a stop function.
 */
export function startEventJobs(
	db: Kysely<DB>,
	config: Pick<AppConfig, 'origin'> & Partial<Pick<AppConfig, 'eventRetentionDays' | 'mailRetentionDays'>>,
	intervalMs = 60 * 60 * 1000
): () => void {
	const run = () =>
		void (async () => {
			const now = new Date();
			await sendReminders(db, now, config.origin);
			await runRetention(db, now, config.eventRetentionDays ?? RETENTION_DAYS);
			await purgeOutbox(db, now, config.mailRetentionDays ?? DEFAULT_MAIL_RETENTION_DAYS);
		})().catch((e: unknown) =>
			console.warn(`Termin-Aufgaben fehlgeschlagen: ${e instanceof Error ? e.message : String(e)}`)
		);
	const timer = setInterval(run, intervalMs);
	timer.unref();
	run();
	return () => clearInterval(timer);
}
