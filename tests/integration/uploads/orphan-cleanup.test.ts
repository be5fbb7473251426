// Upload files with no qk.upload row and temp files left by a crash are removed by the periodic
// clean-up — but only once they are over an hour old, and never outside the upload prefixes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createLocalStorage, type Storage } from '../../../src/lib/server/storage';
import { cleanupOrphanedUploads } from '../../../src/lib/server/uploads/orphans';
import { describeEachDatabase } from '../helpers/db';

const HOUR = 60 * 60 * 1000;
const bytes = (s: string) => new TextEncoder().encode(s);

describeEachDatabase('orphaned upload clean-up (local disk)', (get) => {
	let root: string;
	let storage: Storage;
	beforeAll(() => {
		root = fs.mkdtempSync(path.join(os.tmpdir(), 'qk-orphans-'));
		storage = createLocalStorage(root);
	});
	afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

	const age = (rel: string, ms: number) => {
		const t = new Date(Date.now() - ms);
		fs.utimesSync(path.join(root, rel), t, t);
	};

	it('deletes old files without a row and stale temp files, keeps everything else', async () => {
		const { db } = get();
		const keep = 'contributions/c1/with-row.jpg';
		const orphan = 'contributions/c1/no-row.jpg';
		const orphanImage = 'consultations/lost.png';
		const orphanImport = 'imports/0b1f/areas.zip';
		const orphanMinutes = 'events/0c2e-protokoll.pdf'; // its event document row was never written
		const orphanIdeaPhoto = 'ideas/0d3f/no-row.jpg'; // idea photos live under ideas/
		const orphanSurveyFile = 'surveys/0e4a/no-row.pdf';
		const keepIdeaPhoto = 'ideas/0d3f/with-row.jpg';
		const fresh = 'contributions/c2/just-stored.jpg'; // its row is about to be inserted
		const foreign = 'elsewhere/no-row.txt'; // not an upload prefix
		const old = [
			keep,
			keepIdeaPhoto,
			orphan,
			orphanImage,
			orphanImport,
			orphanMinutes,
			orphanIdeaPhoto,
			orphanSurveyFile,
			foreign
		];
		for (const key of [...old, fresh]) await storage.put(key, bytes(key), 'application/octet-stream');
		await db
			.insertInto('upload')
			.values(
				[keep, keepIdeaPhoto].map((k) => ({
					storage_key: k,
					content_type: 'image/jpeg',
					size_bytes: k.length
				}))
			)
			.execute();
		for (const key of old) age(key, 2 * HOUR);
		age(fresh, 10 * 60 * 1000);

		// A crash between writing and renaming leaves `.name.<hex>.tmp` behind.
		const staleTmp = 'contributions/c1/.crashed.jpg.0123456789ab.tmp';
		const freshTmp = 'contributions/c2/.writing.jpg.ba9876543210.tmp';
		fs.writeFileSync(path.join(root, staleTmp), 'half');
		fs.writeFileSync(path.join(root, freshTmp), 'half');
		age(staleTmp, 2 * HOUR);

		expect(await cleanupOrphanedUploads(db, storage)).toEqual({ orphans: 6, temporary: 1 });
		expect((await storage.list()).map((o) => o.key).sort()).toEqual(
			[keep, fresh, foreign, keepIdeaPhoto].sort()
		);
		expect(await storage.get(keepIdeaPhoto)).toEqual(bytes(keepIdeaPhoto));
		expect(fs.existsSync(path.join(root, staleTmp))).toBe(false);
		expect(fs.existsSync(path.join(root, freshTmp))).toBe(true);
		expect(await storage.get(keep)).toEqual(bytes(keep));

		// A second node running the same clean-up right after finds nothing left to do.
		expect(await cleanupOrphanedUploads(db, storage)).toEqual({ orphans: 0, temporary: 0 });
	});

	it('the age limit is an option (e.g. an admin run right away)', async () => {
		const { db } = get();
		await storage.put('contributions/c3/new.jpg', bytes('neu'), 'image/jpeg');
		expect(
			await cleanupOrphanedUploads(db, storage, { minAgeMs: 0, now: new Date(Date.now() + 1000) })
		).toEqual({
			orphans: 2,
			temporary: 1
		});
		expect((await storage.list()).map((o) => o.key).sort()).toEqual([
			'contributions/c1/with-row.jpg',
			'elsewhere/no-row.txt',
			'ideas/0d3f/with-row.jpg'
		]);
	});
});
