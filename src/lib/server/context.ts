import type { Kysely } from 'kysely';
import type { Locale, TFunction } from '$lib/i18n';
import type { Actor } from './auth/actor';
import type { AppConfig } from './config';
import type { Database } from './db/connection';
import type { DB } from './db/types';
import type { Storage } from './storage';

/** What every command and query receives: built per request in hooks.server.ts. */
export interface RequestContext {
	db: Kysely<DB>;
	database: Database;
	config: AppConfig;
	storage: Storage;
	/** Server secret for HMACs (rate-limit keys); shared by all app nodes via the database. */
	secret: string;
	actor: Actor | null;
	sessionId: string | null;
	locale: Locale;
	t: TFunction;
	now: Date;
	clientAddress: string;
}
