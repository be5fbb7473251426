import { describe, expect, it } from 'vitest';
import { retryMinutes } from '../../../src/lib/server/auth/limits';
import { evaluateWindow, rateLimitKey } from '../../../src/lib/server/auth/rate-limit';

describe('rate-limit window arithmetic', () => {
	const start = new Date('2026-11-23T10:00:00Z');
	const rule = { limit: 5, windowSeconds: 15 * 60 };

	it('allows up to the limit and refuses after it with the seconds left in the window', () => {
		expect(evaluateWindow(start, 5, rule, start)).toEqual({ allowed: true, retryAfterSeconds: 0 });
		expect(evaluateWindow(start, 6, rule, new Date(start.getTime() + 60_000))).toEqual({
			allowed: false,
			retryAfterSeconds: 14 * 60
		});
		// Rounds up and never says 0 while refusing.
		expect(
			evaluateWindow(start, 6, rule, new Date(start.getTime() + 15 * 60_000 - 1)).retryAfterSeconds
		).toBe(1);
		expect(
			evaluateWindow(start, 6, rule, new Date(start.getTime() + 15 * 60_000 + 5)).retryAfterSeconds
		).toBe(1);
	});

	it('shows whole minutes, at least one', () => {
		expect(retryMinutes(1)).toBe(1);
		expect(retryMinutes(60)).toBe(1);
		expect(retryMinutes(61)).toBe(2);
		expect(retryMinutes(14 * 60 + 59)).toBe(15);
	});

	it('keys are HMACs: stable, secret-dependent, and never contain the parts', () => {
		const key = rateLimitKey('s1', ['login', 'nina@example.org', '192.0.2.1']);
		expect(key).toMatch(/^[0-9a-f]{64}$/);
		expect(key).toBe(rateLimitKey('s1', ['login', 'nina@example.org', '192.0.2.1']));
		expect(key).not.toBe(rateLimitKey('s2', ['login', 'nina@example.org', '192.0.2.1']));
		expect(rateLimitKey('s1', ['a', 'bc'])).not.toBe(rateLimitKey('s1', ['ab', 'c']));
	});
});
