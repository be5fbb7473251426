// A RequestContext-like object for calling the account commands directly (no HTTP), plus helpers
// to read what they wrote: the outbox and the links inside mails.
import type { Kysely } from 'kysely';
import { createI18n, type Locale } from '../../../src/lib/i18n';
import type { AuthContext } from '../../../src/lib/server/auth/types';
import { readConfig } from '../../../src/lib/server/config';
import type { Database } from '../../../src/lib/server/db/connection';
import type { DB } from '../../../src/lib/server/db/types';

export const TEST_ORIGIN = 'https://quartier.example';
export const TEST_SECRET = 'test-secret-0123456789abcdef';

export type TestContext = AuthContext & { t: ReturnType<typeof createI18n>['t'] };

let contexts = 0;

/** A fresh context; each gets its own client address unless one is given (limits are per address). */
export function authContext(database: Database, overrides: Partial<TestContext> = {}): TestContext {
	contexts++;
	const locale: Locale = overrides.locale ?? 'de';
	return {
		db: database.db,
		config: { ...readConfig({ ORIGIN: TEST_ORIGIN }), origin: TEST_ORIGIN },
		secret: TEST_SECRET,
		now: new Date(),
		clientAddress: `192.0.${Math.floor(contexts / 250) % 250}.${(contexts % 250) + 1}`,
		locale,
		actor: null,
		sessionId: null,
		t: createI18n(locale).t,
		...overrides
	};
}

let seq = 0;
/** A unique address per call, so tests in one database never collide. */
export function uniqueEmail(prefix = 'person'): string {
	seq++;
	return `${prefix}-${seq}-${Math.random().toString(36).slice(2, 8)}@example.org`;
}

export async function mailsTo(db: Kysely<DB>, address: string) {
	return db
		.selectFrom('mail_outbox')
		.select(['id', 'to_address', 'subject', 'body_text', 'kind', 'created_at', 'sent_at'])
		.where('to_address', '=', address)
		.orderBy('created_at')
		.orderBy('id')
		.execute();
}

/** The token from the first link to `path` in the newest mail of `kind` to `address`. */
export async function tokenFromMail(
	db: Kysely<DB>,
	address: string,
	kind: string,
	path: string
): Promise<string> {
	const mails = (await mailsTo(db, address)).filter((m) => m.kind === kind);
	const mail = mails.at(-1);
	if (!mail) throw new Error(`No ${kind} mail to ${address}`);
	const match = new RegExp(`${TEST_ORIGIN.replace(/\./g, '\\.')}${path}/([a-z2-7]+)`).exec(mail.body_text);
	if (!match) throw new Error(`No ${path} link in mail: ${mail.body_text}`);
	return match[1];
}
