import type { RequestContext } from '../context';

/** What the account commands need from a request (tests build it directly). */
export type AuthContext = Pick<
	RequestContext,
	'db' | 'config' | 'secret' | 'now' | 'clientAddress' | 'locale' | 'actor' | 'sessionId'
>;

export type Result<T, C extends string> = { ok: true; value: T } | { ok: false; code: C };

export type RateLimited = { ok: false; code: 'rate_limited'; retryAfterSeconds: number };
