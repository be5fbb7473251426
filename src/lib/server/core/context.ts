// The one command context. Every command takes `ctx: CommandContext` (or the full RequestContext,
// which is one) plus its parsed input; a command that needs more than db/actor/now says so with
// `CommandContext & Needs<'secret' | 'clientAddress'>`.
import type { Kysely } from 'kysely';
import type { Locale, TFunction } from '../../i18n';
import type { Actor } from '../auth/actor';
import type { AppConfig } from '../config';
import type { Database } from '../db/connection';
import type { DB } from '../db/types';
import type { Storage } from '../storage';

export interface CommandContext {
	db: Kysely<DB>;
	actor: Actor | null;
	now: Date;
	/** Server secret for HMACs (rate-limit keys); shared by all app nodes via the database. */
	secret?: string;
	clientAddress?: string;
	locale?: Locale;
	t?: TFunction;
	storage?: Storage;
	/** Settings a command reads (origin for mail links, proofOfWorkBits, suppression …). */
	config?: Partial<AppConfig>;
	sessionId?: string | null;
}

/** What every request carries: built once per request in hooks.server.ts. */
export interface RequestContext extends CommandContext {
	database: Database;
	config: AppConfig;
	storage: Storage;
	secret: string;
	sessionId: string | null;
	locale: Locale;
	t: TFunction;
	clientAddress: string;
}

/** Makes some optional context fields required for a command that needs them. */
export type Needs<K extends keyof CommandContext> = Required<Pick<CommandContext, K>>;

/**
 * The operator at the server's shell (the qk CLI): may do everything, is never a database user.
 * Columns that reference app_user get actorUserId(actor) — null for the system actor.
 */
export const SYSTEM_ACTOR: Actor = Object.freeze({
	id: 'system',
	system: true,
	email: '',
	displayName: 'qk',
	emailVerified: true,
	locale: 'de',
	grants: []
}) as Actor;

export function isSystemActor(actor: Actor | null | undefined): boolean {
	return actor?.system === true;
}

/** The app_user id to write in created_by / actor_id columns. */
export function actorUserId(actor: Actor | null | undefined): string | null {
	return actor && !actor.system ? actor.id : null;
}
