import { afterAll, beforeAll, expect, it } from 'vitest';
import {
	buildMail,
	createMailTransport,
	enqueueMail,
	listOutbox,
	sendPendingMail,
	startMailSender
} from '../../../src/lib/server/mail';
import { describeEachDatabase } from '../helpers/db';
import { startSmtpStandIn, type SmtpStandIn } from '../helpers/smtp-stand-in';

const FROM = 'Quartierskompass <no-reply@quartier.example>';

describeEachDatabase('mail outbox and sender', (get) => {
	let smtp: SmtpStandIn;
	beforeAll(async () => {
		smtp = await startSmtpStandIn({ delayMs: 5 });
	});
	afterAll(async () => {
		await smtp.close();
	});

	async function clearOutbox() {
		await get().db.deleteFrom('mail_outbox').execute();
		smtp.received.length = 0;
	}

	it('delivers pending mail over SMTP and marks it sent; sent mail is not sent again', async () => {
		await clearOutbox();
		const db = get().db;
		const mail = buildMail('magic_link', 'de', 'nina@example.org', {
			name: 'Nina',
			link: 'https://quartier.example/anmelden/link/abc',
			minutes: 15
		});
		const id = await enqueueMail(db, mail);
		const transport = createMailTransport(smtp.url);
		try {
			expect(await sendPendingMail(db, transport, { from: FROM })).toEqual({ sent: 1, failed: 0 });
			expect(await sendPendingMail(db, transport, { from: FROM })).toEqual({ sent: 0, failed: 0 });
		} finally {
			transport.close();
		}
		expect(smtp.received).toHaveLength(1);
		expect(smtp.received[0].to).toEqual(['nina@example.org']);
		expect(smtp.received[0].from).toBe('no-reply@quartier.example');
		expect(smtp.received[0].data).toContain('https://quartier.example/anmelden/link/abc');
		const row = await db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
		expect(row.sent_at).not.toBeNull();
		expect(row.attempts).toBe(1);
		expect(row.last_error).toBeNull();
	});

	it('records a failed attempt with the error and waits before retrying', async () => {
		await clearOutbox();
		const db = get().db;
		const now = new Date();
		const id = await enqueueMail(db, {
			to: 'reject@example.org',
			subject: 'Test',
			text: 'Hallo',
			kind: 'test'
		});
		const transport = createMailTransport(smtp.url);
		try {
			expect(await sendPendingMail(db, transport, { from: FROM, now })).toEqual({ sent: 0, failed: 1 });
			// Backing off: not retried at once …
			expect(await sendPendingMail(db, transport, { from: FROM, now })).toEqual({ sent: 0, failed: 0 });
			// … but after the pause.
			const later = new Date(now.getTime() + 61 * 1000);
			expect(await sendPendingMail(db, transport, { from: FROM, now: later })).toEqual({
				sent: 0,
				failed: 1
			});
		} finally {
			transport.close();
		}
		const row = await db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
		expect(row.sent_at).toBeNull();
		expect(row.attempts).toBe(2);
		expect(row.last_error).toMatch(/550/);
		const page = await listOutbox(db, 1);
		expect(page.entries[0]).toMatchObject({ id, sentAt: null, attempts: 2 });
	});

	it('two senders at once never send the same mail twice (FOR UPDATE SKIP LOCKED + lease)', async () => {
		await clearOutbox();
		const db = get().db;
		const count = 24;
		for (let i = 0; i < count; i++) {
			await enqueueMail(db, {
				to: `person${i}@example.org`,
				subject: `Nr. ${i}`,
				text: `Mail ${i}`,
				kind: 'test'
			});
		}
		const transports = [createMailTransport(smtp.url), createMailTransport(smtp.url)];
		const reports: number[] = [];
		try {
			const run = async (index: number) => {
				let sent = 0;
				for (;;) {
					const report = await sendPendingMail(db, transports[index], { from: FROM, batchSize: 3 });
					if (report.sent + report.failed === 0) return sent;
					sent += report.sent;
				}
			};
			reports.push(...(await Promise.all([run(0), run(1)])));
		} finally {
			for (const t of transports) t.close();
		}
		const recipients = smtp.received.flatMap((m) => m.to).sort();
		expect(recipients).toHaveLength(count);
		expect(new Set(recipients).size).toBe(count);
		expect(reports[0] + reports[1]).toBe(count);
		// Both senders really worked in parallel (each got a share).
		expect(Math.min(...reports)).toBeGreaterThan(0);
		const unsent = await db.selectFrom('mail_outbox').select('id').where('sent_at', 'is', null).execute();
		expect(unsent).toEqual([]);
	});

	it('the periodic sender (started by the app when SMTP_URL is set) delivers new mail by itself', async () => {
		await clearOutbox();
		const stop = startMailSender(get(), { smtpUrl: smtp.url, mailFrom: FROM }, 100);
		try {
			await enqueueMail(get().db, {
				to: 'periodisch@example.org',
				subject: 'Hallo',
				text: 'Text',
				kind: 'test'
			});
			await expect
				.poll(() => smtp.received.flatMap((m) => m.to), { timeout: 10_000 })
				.toEqual(['periodisch@example.org']);
		} finally {
			stop();
		}
		// Without SMTP_URL nothing is started (mail stays in the outbox for the admin page).
		const noop = startMailSender(get(), { smtpUrl: undefined, mailFrom: FROM }, 100);
		await enqueueMail(get().db, { to: 'liegen@example.org', subject: 'Hallo', text: 'Text', kind: 'test' });
		await new Promise((resolve) => setTimeout(resolve, 300));
		noop();
		expect(smtp.received.flatMap((m) => m.to)).not.toContain('liegen@example.org');
	});

	it('lists the outbox newest first, 50 per page', async () => {
		await clearOutbox();
		const db = get().db;
		const base = Date.parse('2026-11-23T08:00:00Z');
		const rows = Array.from({ length: 55 }, (_, i) => ({
			to_address: `p${i}@example.org`,
			subject: `Betreff ${i}`,
			body_text: `Text ${i}`,
			kind: 'test',
			created_at: new Date(base + i * 1000)
		}));
		await db.insertInto('mail_outbox').values(rows).execute();
		const first = await listOutbox(db, 1);
		expect(first).toMatchObject({ total: 55, page: 1, pages: 2 });
		expect(first.entries).toHaveLength(50);
		expect(first.entries[0].subject).toBe('Betreff 54');
		const second = await listOutbox(db, 2);
		expect(second.entries.map((e) => e.subject)).toEqual([4, 3, 2, 1, 0].map((i) => `Betreff ${i}`));
		// A page past the end shows the last page.
		expect((await listOutbox(db, 99)).page).toBe(2);
	});
});
