import type { Kysely } from 'kysely';
import type { Actor } from '../auth/actor';
import type { DB } from '../db/types';
import type { Storage } from '../storage';

/** What the consultation commands need from a request. */
export interface ConsultationContext {
	db: Kysely<DB>;
	actor: Actor | null;
	now: Date;
	storage?: Storage;
}

export type CommandResult<T, C extends string> =
	{ ok: true; value: T } | { ok: false; code: C; missing?: string[] };

/** An image already checked by content (see detectImageType) and size. */
export interface ImageFile {
	bytes: Uint8Array;
	contentType: 'image/jpeg' | 'image/png' | 'image/webp';
}
