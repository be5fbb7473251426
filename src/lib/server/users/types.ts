import type { Kysely } from 'kysely';
import type { Actor } from '../auth/actor';
import type { DB } from '../db/types';

/** What a user-administration command needs. `system` = the qk CLI run by the operator (no actor). */
export interface AdminCommandContext {
	db: Kysely<DB>;
	actor: Actor | null;
	now: Date;
	system?: boolean;
}

export type CommandResult<T, Code extends string> = { ok: true; value: T } | { ok: false; code: Code };
