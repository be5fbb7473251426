// Periodic clean-up of expired auth rows: rate-limit counters (kept at most a day), used-up
// tokens and sessions. Safe to run on several app nodes at once (plain deletes).
import type { Kysely } from 'kysely';
import type { DB } from '../db/types';
import { deleteExpiredTokens } from './one-time-tokens';
import { deleteOldRateLimits } from './rate-limit';
import { deleteExpiredSessions } from './session';

export async function cleanupAuthData(
	db: Kysely<DB>,
	now: Date = new Date()
): Promise<{ rateLimits: number; tokens: number; sessions: number }> {
	return {
		rateLimits: await deleteOldRateLimits(db, now),
		tokens: await deleteExpiredTokens(db, now),
		sessions: await deleteExpiredSessions(db, now)
	};
}

/** Runs the clean-up every intervalMs (unref'd timer); returns a stop function. */
export function startAuthMaintenance(db: Kysely<DB>, intervalMs = 60 * 60 * 1000): () => void {
	const run = () =>
		void cleanupAuthData(db).catch((e: unknown) =>
			console.warn(`Aufräumen fehlgeschlagen: ${e instanceof Error ? e.message : String(e)}`)
		);
	const timer = setInterval(run, intervalMs);
	timer.unref();
	run();
	return () => clearInterval(timer);
}
