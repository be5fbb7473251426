// What the contribution commands need from a request (a RequestContext fits).
import { createHmac } from 'node:crypto';
import type { CommandContext, Needs } from '../core';

export type ContributionContext = CommandContext & Needs<'secret' | 'clientAddress'>;

export type { Result } from '../core';

/**
 * An anonymous visitor's key for today: HMAC of the client address with a secret derived per day
 * (HMAC(secret, 'yyyy-mm-dd')). The address itself is never stored, and keys change every day.
 */
export function dailyVisitorKey(secret: string, clientAddress: string, now: Date): string {
	const day = now.toISOString().slice(0, 10);
	const daily = createHmac('sha256', secret).update(`visitor:${day}`).digest();
	return createHmac('sha256', daily).update(clientAddress).digest('hex');
}
