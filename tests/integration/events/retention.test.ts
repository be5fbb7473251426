// The retention rules on both databases: registrations of a date past the period are anonymised on
// every run (also rows that appeared after an earlier run), staff can no longer add names to such a
// date, and the mail outbox (addresses, event titles, dates, links) is emptied after its own period by
// the same hourly job.
import { beforeAll, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../src/lib/server/core';
import {
	createEvent,
	EventForm,
	registerForOccurrence,
	runRetention,
	startEventJobs
} from '../../../src/lib/server/events';
import { enqueueMail, purgeOutbox } from '../../../src/lib/server/mail';
import { authContext, uniqueEmail } from '../helpers/auth-context';
import { describeEachDatabase } from '../helpers/db';
import { insertAreaTree } from '../helpers/roles-fixtures';

const DAY = 24 * 3600_000;

describeEachDatabase('events: retention of registrations and mails', (get) => {
	let areaId: string;
	beforeAll(async () => {
		areaId = (await insertAreaTree(get().db, 'ret')).altstadt;
	});
	const staff = (now: Date, config: Record<string, unknown> = {}) => {
		const ctx = authContext(get(), { actor: SYSTEM_ACTOR, now });
		return { ...ctx, config: { ...ctx.config, ...config } };
	};
	const entry = (occurrenceId: string, name: string) => ({
		occurrenceId,
		name,
		email: null,
		locale: 'de',
		answers: {},
		notifyResults: false,
		channel: 'in_person' as const
	});
	async function pastDate(day: string): Promise<string> {
		const created = await createEvent(
			staff(new Date(`${day}T08:00:00Z`)),
			EventForm.parse({
				title: 'Stadtteilkonferenz Rückblick',
				type: 'stadtteilkonferenz',
				address: 'Bürgerhaus',
				startsAt: `${day}T18:00`,
				endsAt: `${day}T20:00`
			}),
			{ consultationId: null, areaIds: [areaId] }
		);
		if (!created.ok) throw new Error(created.code);
		return created.value.occurrenceIds[0];
	}
	const names = async (occurrenceId: string) =>
		(
			await get()
				.db.selectFrom('event_registration')
				.select(['name', 'anonymised_at'])
				.where('occurrence_id', '=', occurrenceId)
				.orderBy('created_at')
				.execute()
		).map((r) => r.name);

	it('anonymises a registration that appeared after the date was already processed', async () => {
		const occ = await pastDate('2026-01-10');
		// staff add someone at the door afterwards (allowed: the date is not yet past the period)
		const late = await registerForOccurrence(staff(new Date('2026-02-01T10:00:00Z')), entry(occ, 'Erika'));
		expect(late.ok).toBe(true);
		expect((await runRetention(get().db, new Date('2026-07-20T00:00:00Z'))).registrations).toBe(1);
		// a row written after the run (an older app node, a manual insert): the next run still finds it
		await get()
			.db.insertInto('event_registration')
			.values({
				occurrence_id: occ,
				name: 'Nachzügler',
				locale: 'de',
				answers: JSON.stringify({ note: 'x' }),
				status: 'registered',
				channel: 'in_person',
				notify_results: false,
				created_at: new Date('2026-07-21T00:00:00Z')
			})
			.execute();
		expect(await names(occ)).toEqual([null, 'Nachzügler']);
		const again = await runRetention(get().db, new Date('2026-07-21T01:00:00Z'));
		expect(again.registrations).toBe(1);
		expect(await names(occ)).toEqual([null, null]);
		const row = await get()
			.db.selectFrom('event_registration')
			.select(['answers', 'anonymised_at'])
			.where('occurrence_id', '=', occ)
			.where('created_at', '=', new Date('2026-07-21T00:00:00Z'))
			.executeTakeFirstOrThrow();
		expect(row.answers).toEqual({});
		expect(row.anonymised_at).not.toBeNull();
	});

	it('refuses staff entries for a date past the retention period, with a German message', async () => {
		const occ = await pastDate('2026-01-12');
		// past the period even before any run: refused by the date alone
		const tooLate = await registerForOccurrence(staff(new Date('2026-07-20T00:00:00Z')), entry(occ, 'Max'));
		expect(tooLate).toEqual({ ok: false, code: 'retention_done' });
		// a shorter configured period (EVENT_RETENTION_DAYS) counts too
		const shortPeriod = await registerForOccurrence(
			staff(new Date('2026-02-20T00:00:00Z'), { eventRetentionDays: 30 }),
			entry(occ, 'Max')
		);
		expect(shortPeriod).toEqual({ ok: false, code: 'retention_done' });
		// once a run has processed the date, also when a longer period is configured later
		await runRetention(get().db, new Date('2026-02-20T00:00:00Z'), 30);
		const afterRun = await registerForOccurrence(
			staff(new Date('2026-02-21T00:00:00Z'), { eventRetentionDays: 365 }),
			entry(occ, 'Max')
		);
		expect(afterRun).toEqual({ ok: false, code: 'retention_done' });
		expect(await names(occ)).toEqual([]);
		expect(authContext(get()).t('events.errors.retention_done')).toMatch(/Anmeldedaten aufbewahrt/);
	});

	it('deletes outbox mails older than the mail retention, sent or not, and keeps younger ones', async () => {
		const now = new Date('2026-09-01T00:00:00Z');
		const make = async (kind: string, ageDays: number, sent: boolean) => {
			const id = await enqueueMail(get().db, {
				to: uniqueEmail('out'),
				subject: 'Planungswerkstatt am 10.01.2026',
				text: 'https://quartier.example/termine/abmelden/x',
				kind
			});
			await get()
				.db.updateTable('mail_outbox')
				.set({
					created_at: new Date(now.getTime() - ageDays * DAY),
					sent_at: sent ? new Date(now.getTime() - ageDays * DAY) : null,
					attempts: sent ? 1 : 5,
					last_error: sent ? null : 'connection refused'
				})
				.where('id', '=', id)
				.execute();
			return id;
		};
		const oldSent = await make('events_registered', 91, true);
		const oldFailed = await make('events_reminder', 120, false);
		const young = await make('events_waiting', 30, true);
		expect(await purgeOutbox(get().db, now, 90)).toBeGreaterThanOrEqual(2);
		const left = (
			await get()
				.db.selectFrom('mail_outbox')
				.select('id')
				.where('id', 'in', [oldSent, oldFailed, young])
				.execute()
		).map((r) => r.id);
		expect(left).toEqual([young]);
	});

	it('the hourly event job empties the outbox with the configured period', async () => {
		const id = await enqueueMail(get().db, {
			to: uniqueEmail('job'),
			subject: 's',
			text: 't',
			kind: 'events_registered'
		});
		await get()
			.db.updateTable('mail_outbox')
			.set({ created_at: new Date(Date.now() - 15 * DAY), sent_at: new Date(Date.now() - 15 * DAY) })
			.where('id', '=', id)
			.execute();
		const stop = startEventJobs(
			get().db,
			{ origin: 'https://quartier.example', eventRetentionDays: 183, mailRetentionDays: 14 },
			3600_000
		);
		try {
			const gone = async () =>
				!(await get().db.selectFrom('mail_outbox').select('id').where('id', '=', id).executeTakeFirst());
			for (let i = 0; i < 100 && !(await gone()); i++) await new Promise((r) => setTimeout(r, 50));
			expect(await gone()).toBe(true);
		} finally {
			stop();
		}
	});
});
