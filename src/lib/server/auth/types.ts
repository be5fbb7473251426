import type { RequestContext } from '../core';

/** What the account commands need from a request (tests build it directly). */
export type AuthContext = Pick<
	RequestContext,
	'db' | 'config' | 'secret' | 'now' | 'clientAddress' | 'locale' | 'actor' | 'sessionId'
> &
	Partial<Pick<RequestContext, 'storage'>>;

export type { Result } from '../core';

export type RateLimited = { ok: false; code: 'rate_limited'; retryAfterSeconds: number };
