// Disk full while a contribution's photos are stored: a clear error code the form names
// (faults.storageFull), no row, and the photos already written removed again. The files go to the
// real local storage in a temp dir; only its write is made to fail with ENOSPC on the second photo
// (a real full file system is exercised by `npm run soak`, which mounts a 1 MB tmpfs as root).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createContribution } from '../../../src/lib/server/contributions';
import { seedDemo } from '../../../src/lib/server/demo';
import { createLocalStorage, type Storage } from '../../../src/lib/server/storage';
import { describeEachDatabase } from '../helpers/db';
import { actorFor, insertUser } from '../helpers/roles-fixtures';
import { ctxFor, insertConsultation, jpegWithExif } from '../contributions/fixtures';

describeEachDatabase('disk full on a photo upload', (get) => {
	let dir: string;
	let areaId: string;
	beforeAll(async () => {
		await seedDemo(get());
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qk-storage-full-'));
		const area = await get()
			.db.selectFrom('area')
			.innerJoin('area_level', 'area_level.id', 'area.level_id')
			.select('area.id')
			.where('area_level.key', '=', 'quartier')
			.executeTakeFirstOrThrow();
		areaId = area.id;
	});
	afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

	/** The real local storage whose write fails with ENOSPC from the `failFrom`-th file on. */
	function fillingStorage(failFrom: number): Storage {
		const real = createLocalStorage(dir);
		let puts = 0;
		return {
			...real,
			async put(key, data, contentType) {
				if (++puts >= failFrom)
					throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
				return real.put(key, data, contentType);
			}
		};
	}
	const filesOnDisk = () =>
		fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;

	it('refuses with storage_full, writes no row and leaves no file', async () => {
		const db = get().db;
		const resident = await actorFor(db, await insertUser(db));
		const c = await insertConsultation(db, { areaIds: [areaId] });
		const input = {
			body: 'Speicher voll: Bank mit zwei Fotos',
			categoryId: c.categories.Verkehr,
			areaIds: [areaId]
		};
		const photos = [
			{ data: jpegWithExif(), altText: 'Bank von vorn' },
			{ data: jpegWithExif(), altText: 'Bank von hinten' }
		];
		const r = await createContribution(
			ctxFor(db, resident, { storage: fillingStorage(2) }),
			c.id,
			input,
			photos
		);
		expect(r).toMatchObject({ ok: false, code: 'storage_full', errors: { form: 'faults.storageFull' } });
		const rows = await db
			.selectFrom('contribution')
			.select('id')
			.where('consultation_id', '=', c.id)
			.execute();
		expect(rows).toHaveLength(0);
		expect(await db.selectFrom('upload').select('id').execute()).toHaveLength(0);
		expect(filesOnDisk()).toBe(0);

		// With space again the same contribution is stored with both photos.
		const ok = await createContribution(
			ctxFor(db, resident, { storage: fillingStorage(99) }),
			c.id,
			input,
			photos
		);
		expect(ok.ok).toBe(true);
		expect(filesOnDisk()).toBe(2);
	});

	it('other storage failures are not reported as a full disk', async () => {
		const db = get().db;
		const resident = await actorFor(db, await insertUser(db));
		const c = await insertConsultation(db, { areaIds: [areaId] });
		const broken: Storage = {
			...createLocalStorage(dir),
			put: async () => {
				throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
			}
		};
		await expect(
			createContribution(
				ctxFor(db, resident, { storage: broken }),
				c.id,
				{ body: 'Kein Zugriff', categoryId: c.categories.Verkehr, areaIds: [areaId] },
				[{ data: jpegWithExif(), altText: 'Bank' }]
			)
		).rejects.toThrow(/EACCES/);
	});
});
