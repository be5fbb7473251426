// Sessions the Lucia way: random token in a cookie, SHA-256 id in the database, sliding expiry.
import type { Kysely } from 'kysely';
import type { DB } from '../db/types';
import { generateToken, hashToken } from './tokens';

export const SESSION_COOKIE = 'qk_session';
const DAY = 24 * 60 * 60 * 1000;
export const SESSION_LIFETIME_MS = 30 * DAY;
/** Extend when less than half of the lifetime is left (at most one write per 15 days). */
const RENEW_BEFORE_MS = 15 * DAY;

export interface SessionUser {
	id: string;
	email: string;
	displayName: string;
	emailVerified: boolean;
	locale: string;
}

export interface Session {
	id: string;
	userId: string;
	expiresAt: Date;
}

export async function createSession(
	db: Kysely<DB>,
	userId: string,
	now = new Date()
): Promise<{ token: string; session: Session }> {
	const token = generateToken();
	const session: Session = {
		id: hashToken(token),
		userId,
		expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS)
	};
	await db
		.insertInto('session')
		.values({ id: session.id, user_id: userId, expires_at: session.expiresAt })
		.execute();
	return { token, session };
}

export type SessionValidation =
	{ session: Session; user: SessionUser; renewed: boolean } | { session: null; user: null; renewed: false };

export async function validateSessionToken(
	db: Kysely<DB>,
	token: string,
	now = new Date()
): Promise<SessionValidation> {
	const id = hashToken(token);
	const row = await db
		.selectFrom('session')
		.innerJoin('app_user', 'app_user.id', 'session.user_id')
		.select([
			'session.id',
			'session.user_id',
			'session.expires_at',
			'app_user.email',
			'app_user.display_name',
			'app_user.email_verified_at',
			'app_user.locale',
			'app_user.blocked_at'
		])
		.where('session.id', '=', id)
		.executeTakeFirst();
	if (!row) return { session: null, user: null, renewed: false };
	if (row.expires_at.getTime() <= now.getTime() || row.blocked_at) {
		await db.deleteFrom('session').where('id', '=', id).execute();
		return { session: null, user: null, renewed: false };
	}
	let expiresAt = row.expires_at;
	let renewed = false;
	if (expiresAt.getTime() - now.getTime() < RENEW_BEFORE_MS) {
		expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS);
		await db.updateTable('session').set({ expires_at: expiresAt }).where('id', '=', id).execute();
		renewed = true;
	}
	return {
		session: { id, userId: row.user_id, expiresAt },
		user: {
			id: row.user_id,
			email: row.email,
			displayName: row.display_name,
			emailVerified: row.email_verified_at !== null,
			locale: row.locale
		},
		renewed
	};
}

export async function invalidateSession(db: Kysely<DB>, sessionId: string): Promise<void> {
	await db.deleteFrom('session').where('id', '=', sessionId).execute();
}

/** On password change, reset or account block: every session of the user ends (optionally but one). */
export async function invalidateUserSessions(
	db: Kysely<DB>,
	userId: string,
	exceptSessionId?: string
): Promise<void> {
	let query = db.deleteFrom('session').where('user_id', '=', userId);
	if (exceptSessionId) query = query.where('id', '!=', exceptSessionId);
	await query.execute();
}

export async function deleteExpiredSessions(db: Kysely<DB>, now = new Date()): Promise<number> {
	const result = await db.deleteFrom('session').where('expires_at', '<=', now).executeTakeFirst();
	return Number(result.numDeletedRows);
}
