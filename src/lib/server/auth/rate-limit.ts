// Fixed-window rate limits stored in PostgreSQL, so several app nodes share one count.
// Keys are HMAC-SHA256 digests (with the app secret) of their parts: no raw address or e-mail is stored.
import { createHmac } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/types';

export interface RateLimitRule {
	/** Attempts allowed per window (the limit-th attempt is still allowed). */
	limit: number;
	windowSeconds: number;
}

export interface RateLimitResult {
	allowed: boolean;
	/** 0 when allowed; otherwise seconds until the window ends. */
	retryAfterSeconds: number;
}

/** The stored key: HMAC over the parts, separated by NUL so ['a','bc'] and ['ab','c'] differ. */
export function rateLimitKey(secret: string, parts: string[]): string {
	return createHmac('sha256', secret).update(parts.join('\u0000')).digest('hex');
}

/** Pure window arithmetic: whether a counter at `count` within the window is allowed, and for how long not. */
export function evaluateWindow(
	windowStart: Date,
	count: number,
	rule: RateLimitRule,
	now: Date
): RateLimitResult {
	if (count <= rule.limit) return { allowed: true, retryAfterSeconds: 0 };
	const endsAt = windowStart.getTime() + rule.windowSeconds * 1000;
	return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((endsAt - now.getTime()) / 1000)) };
}

/**
 * Counts one attempt and says whether it is allowed — one INSERT … ON CONFLICT DO UPDATE statement,
 * so concurrent requests on different app nodes never lose a count. A window older than
 * windowSeconds starts over at 1.
 */
export async function consumeRateLimit(
	db: Kysely<DB>,
	secret: string,
	key: string[],
	rule: RateLimitRule,
	now: Date = new Date()
): Promise<RateLimitResult> {
	const hashed = rateLimitKey(secret, key);
	const expired = new Date(now.getTime() - rule.windowSeconds * 1000);
	const row = await db
		.insertInto('rate_limit')
		.values({ key: hashed, window_start: now, count: 1 })
		.onConflict((oc) =>
			oc.column('key').doUpdateSet({
				window_start: sql<Date>`case when rate_limit.window_start <= ${expired} then ${now} else rate_limit.window_start end`,
				count: sql<number>`case when rate_limit.window_start <= ${expired} then 1 else rate_limit.count + 1 end`
			})
		)
		.returning(['window_start', 'count'])
		.executeTakeFirstOrThrow();
	return evaluateWindow(new Date(row.window_start), Number(row.count), rule, now);
}

/** Forgets a key, e.g. the login counter after a successful login. */
export async function resetRateLimit(db: Kysely<DB>, secret: string, key: string[]): Promise<void> {
	await db.deleteFrom('rate_limit').where('key', '=', rateLimitKey(secret, key)).execute();
}

/** Deletes counters whose window started more than maxAgeSeconds ago (default one day, longer than every window). */
export async function deleteOldRateLimits(
	db: Kysely<DB>,
	now: Date = new Date(),
	maxAgeSeconds = 24 * 60 * 60
): Promise<number> {
	const result = await db
		.deleteFrom('rate_limit')
		.where('window_start', '<', new Date(now.getTime() - maxAgeSeconds * 1000))
		.executeTakeFirst();
	return Number(result.numDeletedRows);
}
