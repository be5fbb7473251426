import { expect, it } from 'vitest';
import {
	consumeRateLimit,
	deleteOldRateLimits,
	resetRateLimit
} from '../../../src/lib/server/auth/rate-limit';
import { describeEachDatabase } from '../helpers/db';

const SECRET = 'rate-limit-test-secret';
const RULE = { limit: 3, windowSeconds: 60 };

describeEachDatabase('consumeRateLimit', (get) => {
	it('allows `limit` attempts per fixed window, then says how long to wait, then starts over', async () => {
		const db = get().db;
		const start = new Date('2026-11-23T10:00:00Z');
		const key = ['test', 'fixed-window'];
		for (let i = 0; i < 3; i++) {
			expect(await consumeRateLimit(db, SECRET, key, RULE, new Date(start.getTime() + i * 1000))).toEqual({
				allowed: true,
				retryAfterSeconds: 0
			});
		}
		expect(await consumeRateLimit(db, SECRET, key, RULE, new Date(start.getTime() + 20_000))).toEqual({
			allowed: false,
			retryAfterSeconds: 40
		});
		// Other keys (and the same parts under another secret) are counted separately.
		expect((await consumeRateLimit(db, SECRET, ['test', 'other'], RULE, start)).allowed).toBe(true);
		expect((await consumeRateLimit(db, 'another-secret', key, RULE, start)).allowed).toBe(true);
		// The window has passed: a new one starts.
		expect(await consumeRateLimit(db, SECRET, key, RULE, new Date(start.getTime() + 60_000))).toEqual({
			allowed: true,
			retryAfterSeconds: 0
		});
	});

	it('counts every one of many concurrent attempts (one upsert statement)', async () => {
		const db = get().db;
		const now = new Date();
		const key = ['test', 'concurrent'];
		const results = await Promise.all(
			Array.from({ length: 12 }, () =>
				consumeRateLimit(db, SECRET, key, { limit: 5, windowSeconds: 60 }, now)
			)
		);
		expect(results.filter((r) => r.allowed)).toHaveLength(5);
		const row = await db
			.selectFrom('rate_limit')
			.select('count')
			.orderBy('count', 'desc')
			.executeTakeFirstOrThrow();
		expect(row.count).toBe(12);
	});

	it('resets a key and deletes counters older than a day', async () => {
		const db = get().db;
		const now = new Date('2026-11-24T12:00:00Z');
		await consumeRateLimit(db, SECRET, ['test', 'old'], RULE, new Date(now.getTime() - 25 * 3600 * 1000));
		await consumeRateLimit(db, SECRET, ['test', 'fresh'], RULE, now);
		await consumeRateLimit(db, SECRET, ['test', 'reset'], { limit: 1, windowSeconds: 60 }, now);
		expect(
			(await consumeRateLimit(db, SECRET, ['test', 'reset'], { limit: 1, windowSeconds: 60 }, now)).allowed
		).toBe(false);
		await resetRateLimit(db, SECRET, ['test', 'reset']);
		expect(
			(await consumeRateLimit(db, SECRET, ['test', 'reset'], { limit: 1, windowSeconds: 60 }, now)).allowed
		).toBe(true);
		const before = await db.selectFrom('rate_limit').select('key').execute();
		const deleted = await deleteOldRateLimits(db, now);
		expect(deleted).toBeGreaterThanOrEqual(1);
		const after = await db.selectFrom('rate_limit').select('window_start').execute();
		expect(after.length).toBe(before.length - deleted);
		expect(after.every((r) => r.window_start.getTime() >= now.getTime() - 24 * 3600 * 1000)).toBe(true);
	});
});
