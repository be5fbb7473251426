// Periodic clean-up of upload files nobody references: storage objects under the upload prefixes
// with no qk.upload row, and half-written temp files left by a crash. Safe on several app nodes:
// only files older than minAgeMs are touched (a file is stored before its row is inserted, within
// the same request), rows are checked in the database right before deleting, and deleting an
// already deleted file is no error.
import type { Kysely } from 'kysely';
import type { DB } from '../db/types';
import type { Storage } from '../storage';
import { UPLOAD_PREFIXES } from './prefixes';

/** Key prefixes of files that always have a qk.upload row: every module's, from one list. */
export { UPLOAD_PREFIXES };

export interface OrphanCleanupOptions {
	now?: Date;
	/** Files younger than this are left alone (default 1 hour). */
	minAgeMs?: number;
	prefixes?: readonly string[];
}

const CHUNK = 500;

export async function cleanupOrphanedUploads(
	db: Kysely<DB>,
	storage: Storage,
	{ now = new Date(), minAgeMs = 60 * 60 * 1000, prefixes = UPLOAD_PREFIXES }: OrphanCleanupOptions = {}
): Promise<{ orphans: number; temporary: number }> {
	const olderThan = new Date(now.getTime() - minAgeMs);
	const candidates: string[] = [];
	for (const prefix of prefixes)
		for (const object of await storage.list(prefix))
			// Unknown age (a driver that does not say): keep the file.
			if (object.modifiedAt && object.modifiedAt < olderThan) candidates.push(object.key);

	let orphans = 0;
	for (let i = 0; i < candidates.length; i += CHUNK) {
		const chunk = candidates.slice(i, i + CHUNK);
		const known = new Set(
			(await db.selectFrom('upload').select('storage_key').where('storage_key', 'in', chunk).execute()).map(
				(r) => r.storage_key
			)
		);
		for (const key of chunk) {
			if (known.has(key)) continue;
			await storage.delete(key);
			orphans++;
		}
	}
	const temporary = (await storage.removeStaleTemporaryFiles?.(olderThan)) ?? 0;
	return { orphans, temporary };
}

/** Runs the clean-up every intervalMs, first after firstDelayMs (unref'd timers); returns a stop function. */
export function startUploadMaintenance(
	db: Kysely<DB>,
	storage: Storage,
	{ intervalMs = 60 * 60 * 1000, firstDelayMs = 60 * 1000 } = {}
): () => void {
	let running = false;
	const run = () => {
		if (running) return;
		running = true;
		cleanupOrphanedUploads(db, storage)
			.then(({ orphans, temporary }) => {
				if (orphans || temporary)
					console.info(`Verwaiste Uploads entfernt: ${orphans} Dateien, ${temporary} Temp-Dateien`);
			})
			.catch((e: unknown) =>
				console.warn(`Aufräumen der Uploads fehlgeschlagen: ${e instanceof Error ? e.message : String(e)}`)
			)
			.finally(() => (running = false));
	};
	const first = setTimeout(run, firstDelayMs);
	first.unref();
	const timer = setInterval(run, intervalMs);
	timer.unref();
	return () => {
		clearTimeout(first);
		clearInterval(timer);
	};
}
