// Sends the outbox. Several app nodes may run a sender: each claims a batch in ONE statement
// (FOR UPDATE SKIP LOCKED + a short lease in next_attempt_at), sends outside any transaction,
// then marks each row sent or records the error and backs off. A crashed sender's lease runs out.
import { sql, type Kysely } from 'kysely';
import nodemailer from 'nodemailer';
import type { AppConfig } from '../config';
import type { Database } from '../db/connection';
import type { DB } from '../db/types';

/** The part of a nodemailer transport we use (a stand-in in tests is a real SMTP server, not this). */
export interface MailTransport {
	sendMail(message: {
		from: string;
		to: string;
		subject: string;
		text: string;
		headers?: Record<string, string>;
	}): Promise<unknown>;
}

export interface SendOptions {
	from: string;
	now?: Date;
	batchSize?: number;
	maxAttempts?: number;
	/** How long a claimed row stays invisible to other senders. */
	leaseSeconds?: number;
}

export interface SendReport {
	sent: number;
	failed: number;
}

/** Pause after the n-th failed attempt: 1, 4, 9, 16 … minutes. */
export function retryDelaySeconds(attempts: number): number {
	return 60 * Math.max(1, attempts) ** 2;
}

export async function sendPendingMail(
	db: Kysely<DB>,
	transport: MailTransport,
	options: SendOptions
): Promise<SendReport> {
	const now = options.now ?? new Date();
	const batchSize = options.batchSize ?? 20;
	const maxAttempts = options.maxAttempts ?? 5;
	const leaseUntil = new Date(now.getTime() + (options.leaseSeconds ?? 300) * 1000);

	const claimed = await db
		.updateTable('mail_outbox')
		.set({ next_attempt_at: leaseUntil, attempts: sql<number>`attempts + 1` })
		.where('id', 'in', (eb) =>
			eb
				.selectFrom('mail_outbox')
				.select('id')
				.where('sent_at', 'is', null)
				.where('attempts', '<', maxAttempts)
				.where((w) => w.or([w('next_attempt_at', 'is', null), w('next_attempt_at', '<=', now)]))
				.orderBy('created_at')
				.limit(batchSize)
				.forUpdate()
				.skipLocked()
		)
		.returning(['id', 'to_address', 'subject', 'body_text', 'attempts', 'headers'])
		.execute();

	const report: SendReport = { sent: 0, failed: 0 };
	for (const mail of claimed) {
		try {
			await transport.sendMail({
				from: options.from,
				to: mail.to_address,
				subject: mail.subject,
				text: mail.body_text,
				...(mail.headers
					? {
							headers: (typeof mail.headers === 'string' ? JSON.parse(mail.headers) : mail.headers) as Record<
								string,
								string
							>
						}
					: {})
			});
			await db
				.updateTable('mail_outbox')
				.set({ sent_at: new Date(), last_error: null, next_attempt_at: null })
				.where('id', '=', mail.id)
				.execute();
			report.sent++;
		} catch (e) {
			const message = e instanceof Error ? e.message : String(e);
			await db
				.updateTable('mail_outbox')
				.set({
					last_error: message.slice(0, 1000),
					next_attempt_at: new Date(now.getTime() + retryDelaySeconds(mail.attempts) * 1000)
				})
				.where('id', '=', mail.id)
				.execute();
			report.failed++;
		}
	}
	return report;
}

export function createMailTransport(smtpUrl: string): MailTransport & { close(): void } {
	return nodemailer.createTransport(smtpUrl);
}

/** Sends every intervalMs until stopped. The timer is unref'd: it never keeps the process alive. */
export function startMailSender(
	database: Database,
	config: Pick<AppConfig, 'smtpUrl' | 'mailFrom'>,
	intervalMs = 10_000
): () => void {
	if (!config.smtpUrl) return () => {};
	const transport = createMailTransport(config.smtpUrl);
	let running = false;
	const tick = async () => {
		if (running) return;
		running = true;
		try {
			// Keep going while full batches come back (a backlog), then wait for the next tick.
			while ((await sendPendingMail(database.db, transport, { from: config.mailFrom })).sent >= 20);
		} catch (e) {
			console.warn(`Mailversand fehlgeschlagen: ${e instanceof Error ? e.message : String(e)}`);
		} finally {
			running = false;
		}
	};
	const timer = setInterval(() => void tick(), intervalMs);
	timer.unref();
	void tick();
	return () => {
		clearInterval(timer);
		transport.close();
	};
}
