// The mail outbox: every mail is a row first (written in the caller's transaction), sent later.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/types';
import { pageOf } from '../core';

export interface OutgoingMail {
	to: string;
	subject: string;
	text: string;
	/** What kind of mail this is (verify_email, reset_password …), for the admin list and tests. */
	kind: string;
	/** Extra headers (List-Unsubscribe) */
	headers?: Record<string, string>;
}

/** Pass the transaction as db when the mail belongs to a write (it is only sent if the write commits). */
export async function enqueueMail(db: Kysely<DB>, mail: OutgoingMail): Promise<string> {
	const row = await db
		.insertInto('mail_outbox')
		.values({
			to_address: mail.to,
			subject: mail.subject,
			body_text: mail.text,
			kind: mail.kind,
			headers: mail.headers ? JSON.stringify(mail.headers) : null
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

/**
 * The outbox's retention: mails created more than `days` ago are deleted, sent or not (an unsent one
 * that old has failed for good, or is waiting in a setup without SMTP). Mails name their recipient and
 * what they are about (an event, its date, a link), so they are kept no longer than the privacy page
 * says (MAIL_RETENTION_DAYS). Returns how many were deleted.
 */
export async function purgeOutbox(db: Kysely<DB>, now: Date, days: number): Promise<number> {
	const before = new Date(now.getTime() - days * 24 * 3600_000);
	const r = await db.deleteFrom('mail_outbox').where('created_at', '<', before).executeTakeFirst();
	return Number(r.numDeletedRows);
}

export interface OutboxEntry {
	id: string;
	to: string;
	subject: string;
	text: string;
	kind: string;
	createdAt: Date;
	sentAt: Date | null;
	attempts: number;
	lastError: string | null;
}

export const OUTBOX_PAGE_SIZE = 50;

/** Newest first, one page (1-based). */
export async function listOutbox(
	db: Kysely<DB>,
	page: number,
	pageSize = OUTBOX_PAGE_SIZE
): Promise<{ entries: OutboxEntry[]; total: number; page: number; pages: number }> {
	const { total } = await db
		.selectFrom('mail_outbox')
		.select(sql<number>`count(*)::int`.as('total'))
		.executeTakeFirstOrThrow();
	const { page: current, pageCount: pages, offset } = pageOf(Number(total), page, pageSize);
	const rows = await db
		.selectFrom('mail_outbox')
		.select([
			'id',
			'to_address',
			'subject',
			'body_text',
			'kind',
			'created_at',
			'sent_at',
			'attempts',
			'last_error'
		])
		.orderBy('created_at', 'desc')
		.orderBy('id', 'desc')
		.limit(pageSize)
		.offset(offset)
		.execute();
	return {
		total: Number(total),
		page: current,
		pages,
		entries: rows.map((r) => ({
			id: r.id,
			to: r.to_address,
			subject: r.subject,
			text: r.body_text,
			kind: r.kind,
			createdAt: r.created_at,
			sentAt: r.sent_at,
			attempts: r.attempts,
			lastError: r.last_error
		}))
	};
}
