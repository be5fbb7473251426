// What the contribution commands need from a request (a RequestContext fits).
import { createHmac } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Actor } from '../auth/actor';
import type { DB } from '../db/types';
import type { Storage } from '../storage';

export interface ContributionContext {
	db: Kysely<DB>;
	secret: string;
	actor: Actor | null;
	now: Date;
	clientAddress: string;
	storage?: Storage;
	/**
	 * proofOfWorkBits: ANON_PROOF_OF_WORK, difficulty for anonymous posts (0 or missing: off);
	 * origin: the public URL, for links in mails to authors (missing: no mails).
	 */
	config?: { proofOfWorkBits?: number; origin?: string };
}

export type Result<T, C extends string = string> =
	{ ok: true; value: T } | { ok: false; code: C; errors?: Record<string, string> };

/**
 * An anonymous visitor's key for today: HMAC of the client address with a secret derived per day
 * (HMAC(secret, 'yyyy-mm-dd')). The address itself is never stored, and keys change every day.
 */
export function dailyVisitorKey(secret: string, clientAddress: string, now: Date): string {
	const day = now.toISOString().slice(0, 10);
	const daily = createHmac('sha256', secret).update(`visitor:${day}`).digest();
	return createHmac('sha256', daily).update(clientAddress).digest('hex');
}
