// One-time tokens sent by mail (verify, reset, magic link, e-mail change): only the SHA-256 is stored,
// consuming deletes the row in the same statement that reads it (a link works once, even under races).
import type { Kysely } from 'kysely';
import type { DB } from '../db/types';
import { generateToken, hashToken } from './tokens';

export type TokenPurpose = 'verify_email' | 'reset_password' | 'magic_link' | 'change_email';

const MINUTE = 60 * 1000;
export const TOKEN_LIFETIME_MS: Record<TokenPurpose, number> = {
	verify_email: 48 * 60 * MINUTE,
	change_email: 48 * 60 * MINUTE,
	reset_password: 60 * MINUTE,
	magic_link: 15 * MINUTE
};

export interface TokenRow {
	userId: string;
	purpose: TokenPurpose;
	newEmail: string | null;
	expiresAt: Date;
}

export type TokenState = { state: 'valid'; token: TokenRow } | { state: 'invalid' } | { state: 'expired' };

/** Replaces earlier tokens of the same purpose (only the newest link works) and returns the new token. */
export async function issueToken(
	db: Kysely<DB>,
	userId: string,
	purpose: TokenPurpose,
	now: Date,
	newEmail: string | null = null
): Promise<string> {
	await db.deleteFrom('auth_token').where('user_id', '=', userId).where('purpose', '=', purpose).execute();
	const token = generateToken();
	await db
		.insertInto('auth_token')
		.values({
			id: hashToken(token),
			user_id: userId,
			purpose,
			new_email: newEmail,
			expires_at: new Date(now.getTime() + TOKEN_LIFETIME_MS[purpose])
		})
		.execute();
	return token;
}

function toRow(r: {
	user_id: string;
	purpose: string;
	new_email: string | null;
	expires_at: Date;
}): TokenRow {
	return {
		userId: r.user_id,
		purpose: r.purpose as TokenPurpose,
		newEmail: r.new_email,
		expiresAt: r.expires_at
	};
}

/** Looks without using it up (a page showing a form for the link). */
export async function peekToken(
	db: Kysely<DB>,
	token: string,
	purposes: TokenPurpose[],
	now: Date
): Promise<TokenState> {
	const row = await db
		.selectFrom('auth_token')
		.select(['user_id', 'purpose', 'new_email', 'expires_at'])
		.where('id', '=', hashToken(token))
		.where('purpose', 'in', purposes)
		.executeTakeFirst();
	if (!row) return { state: 'invalid' };
	if (row.expires_at.getTime() <= now.getTime()) return { state: 'expired' };
	return { state: 'valid', token: toRow(row) };
}

/** Uses the token up: deletes and returns it in one statement; an expired token is deleted too. */
export async function consumeToken(
	db: Kysely<DB>,
	token: string,
	purposes: TokenPurpose[],
	now: Date
): Promise<TokenState> {
	const row = await db
		.deleteFrom('auth_token')
		.where('id', '=', hashToken(token))
		.where('purpose', 'in', purposes)
		.returning(['user_id', 'purpose', 'new_email', 'expires_at'])
		.executeTakeFirst();
	if (!row) return { state: 'invalid' };
	if (row.expires_at.getTime() <= now.getTime()) return { state: 'expired' };
	return { state: 'valid', token: toRow(row) };
}

export async function deleteExpiredTokens(db: Kysely<DB>, now: Date = new Date()): Promise<number> {
	const result = await db.deleteFrom('auth_token').where('expires_at', '<=', now).executeTakeFirst();
	return Number(result.numDeletedRows);
}

/** Token strings are base32 (lower case, 32 characters); anything else cannot be one of ours. */
export function looksLikeToken(value: string): boolean {
	return /^[a-z2-7]{32}$/.test(value);
}
