// Account rows as the auth commands need them (explicit columns: the hash leaves this module only for verify).
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/types';

export interface AccountRow {
	id: string;
	email: string;
	displayName: string;
	locale: string;
	passwordHash: string | null;
	emailVerifiedAt: Date | null;
	blockedAt: Date | null;
}

const COLUMNS = [
	'id',
	'email',
	'display_name',
	'locale',
	'password_hash',
	'email_verified_at',
	'blocked_at'
] as const;

function toAccount(r: {
	id: string;
	email: string;
	display_name: string;
	locale: string;
	password_hash: string | null;
	email_verified_at: Date | null;
	blocked_at: Date | null;
}): AccountRow {
	return {
		id: r.id,
		email: r.email,
		displayName: r.display_name,
		locale: r.locale,
		passwordHash: r.password_hash,
		emailVerifiedAt: r.email_verified_at,
		blockedAt: r.blocked_at
	};
}

/** E-mail addresses are unique regardless of case (index on lower(email)). */
export async function findAccountByEmail(db: Kysely<DB>, email: string): Promise<AccountRow | undefined> {
	const row = await db
		.selectFrom('app_user')
		.select(COLUMNS)
		.where(sql<string>`lower(email)`, '=', email.toLowerCase())
		.executeTakeFirst();
	return row && toAccount(row);
}

export async function findAccountById(db: Kysely<DB>, id: string): Promise<AccountRow | undefined> {
	const row = await db.selectFrom('app_user').select(COLUMNS).where('id', '=', id).executeTakeFirst();
	return row && toAccount(row);
}

/** PostgreSQL unique_violation (both drivers expose the SQLSTATE as .code). */
export function isUniqueViolation(e: unknown): boolean {
	return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === '23505';
}

/** The language mails to this account are written in: follows the language switch. */
export async function setAccountLocale(db: Kysely<DB>, userId: string, locale: string): Promise<void> {
	await db.updateTable('app_user').set({ locale }).where('id', '=', userId).execute();
}
