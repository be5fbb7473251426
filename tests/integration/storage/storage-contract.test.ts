// One contract for every storage driver: the local disk driver and the Supabase driver (over real
// HTTP against a local stand-in of the Supabase Storage REST API) must behave the same.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../../src/lib/server/config';
import { createLocalStorage, createStorage, type Storage } from '../../../src/lib/server/storage';
import { createSupabaseStorage } from '../../../src/lib/server/storage/supabase';
import { startSupabaseStorageStandIn, type StandIn } from '../helpers/supabase-storage-stand-in';

const bytes = (text: string) => new TextEncoder().encode(text);
const png = Uint8Array.from([
	0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0xff, 0x00, 0x80
]);

function storageContract(
	name: string,
	setup: () => Promise<{ storage: Storage; teardown: () => Promise<void> }>
) {
	describe(`storage contract: ${name}`, () => {
		let storage: Storage;
		let teardown: () => Promise<void>;
		beforeAll(async () => {
			({ storage, teardown } = await setup());
		});
		afterAll(async () => {
			await teardown();
		});

		it('starts empty and returns null for a missing key', async () => {
			expect(await storage.list()).toEqual([]);
			expect(await storage.get('fehlt/nicht-da.jpg')).toBeNull();
		});

		it('puts and gets bytes exactly, also binary data', async () => {
			await storage.put('fotos/2026/beitrag-1.png', png, 'image/png');
			await storage.put(
				'dokumente/protokoll.txt',
				bytes('Werkstatt Nordstadt – Protokoll äöü'),
				'text/plain'
			);
			expect(await storage.get('fotos/2026/beitrag-1.png')).toEqual(png);
			expect(new TextDecoder().decode((await storage.get('dokumente/protokoll.txt'))!)).toBe(
				'Werkstatt Nordstadt – Protokoll äöü'
			);
		});

		it('overwrites an existing key (upsert)', async () => {
			await storage.put('dokumente/protokoll.txt', bytes('Fassung 2'), 'text/plain');
			expect(new TextDecoder().decode((await storage.get('dokumente/protokoll.txt'))!)).toBe('Fassung 2');
		});

		it('lists nested keys with sizes, sorted, filtered by prefix', async () => {
			await storage.put('fotos/2026/beitrag-2.jpg', bytes('jpeg'), 'image/jpeg');
			await storage.put('fotos/2025/alt.jpg', bytes('alt'), 'image/jpeg');
			await storage.put('wurzel.bin', new Uint8Array(0), 'application/octet-stream');
			expect((await storage.list()).map(({ key, size }) => ({ key, size }))).toEqual([
				{ key: 'dokumente/protokoll.txt', size: 9 },
				{ key: 'fotos/2025/alt.jpg', size: 3 },
				{ key: 'fotos/2026/beitrag-1.png', size: png.length },
				{ key: 'fotos/2026/beitrag-2.jpg', size: 4 },
				{ key: 'wurzel.bin', size: 0 }
			]);
			expect((await storage.list('fotos/2026/')).map((o) => o.key)).toEqual([
				'fotos/2026/beitrag-1.png',
				'fotos/2026/beitrag-2.jpg'
			]);
			expect((await storage.list('fotos/2026/beitrag-2')).map((o) => o.key)).toEqual([
				'fotos/2026/beitrag-2.jpg'
			]);
			expect((await storage.list('fotos')).map((o) => o.key)).toEqual([
				'fotos/2025/alt.jpg',
				'fotos/2026/beitrag-1.png',
				'fotos/2026/beitrag-2.jpg'
			]);
			expect(await storage.list('nichts/')).toEqual([]);
		});

		it('lists more objects than fit on one page', async () => {
			for (let i = 0; i < 7; i++) await storage.put(`viele/datei-${i}.txt`, bytes(`#${i}`), 'text/plain');
			const keys = (await storage.list('viele/')).map((o) => o.key);
			expect(keys).toEqual(Array.from({ length: 7 }, (_, i) => `viele/datei-${i}.txt`));
		});

		it('deletes a key; deleting a missing key is no error', async () => {
			await storage.delete('fotos/2025/alt.jpg');
			expect(await storage.get('fotos/2025/alt.jpg')).toBeNull();
			await storage.delete('fotos/2025/alt.jpg');
			await storage.delete('gibt/es/nicht.txt');
			expect((await storage.list('fotos/')).map((o) => o.key)).toEqual([
				'fotos/2026/beitrag-1.png',
				'fotos/2026/beitrag-2.jpg'
			]);
		});

		it('rejects unsafe keys before touching the store', async () => {
			for (const key of [
				'../x',
				'a/../../x',
				'/etc/passwd',
				'a//b',
				'.versteckt',
				'a/./b',
				'',
				'a b',
				'a\\b',
				'ä.txt'
			]) {
				await expect(storage.put(key, bytes('x'), 'text/plain'), key).rejects.toThrow(
					/Ungültiger Speicherschlüssel/
				);
				await expect(storage.get(key), key).rejects.toThrow(/Ungültiger Speicherschlüssel/);
				await expect(storage.delete(key), key).rejects.toThrow(/Ungültiger Speicherschlüssel/);
			}
		});
	});
}

const tempDirs: string[] = [];
afterAll(() => {
	for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

storageContract('local', async () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qk-storage-'));
	tempDirs.push(dir);
	return { storage: createLocalStorage(path.join(dir, 'uploads')), teardown: async () => {} };
});

let standIn: StandIn;
storageContract('supabase (stand-in over HTTP)', async () => {
	standIn = await startSupabaseStorageStandIn();
	// A small page size makes every listing page through the API.
	const storage = createSupabaseStorage({
		url: standIn.url,
		serviceKey: standIn.serviceKey,
		bucket: standIn.bucket,
		pageSize: 3
	});
	return { storage, teardown: () => standIn.close() };
});

describe('local storage on disk', () => {
	it('writes below its root only and leaves no temp files or empty folders', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qk-storage-'));
		tempDirs.push(dir);
		const storage = createLocalStorage(path.join(dir, 'uploads'));
		await storage.put('a/b/c.txt', bytes('inhalt'), 'text/plain');
		expect(fs.readFileSync(path.join(dir, 'uploads', 'a', 'b', 'c.txt'), 'utf8')).toBe('inhalt');
		expect(fs.readdirSync(path.join(dir, 'uploads', 'a', 'b'))).toEqual(['c.txt']);
		await expect(storage.put('../ausserhalb.txt', bytes('x'), 'text/plain')).rejects.toThrow();
		expect(fs.existsSync(path.join(dir, 'ausserhalb.txt'))).toBe(false);
		await storage.delete('a/b/c.txt');
		expect(fs.readdirSync(path.join(dir, 'uploads'))).toEqual([]);
	});
});

describe('supabase driver', () => {
	it('sends the service key and uses the Storage API paths', async () => {
		const server = await startSupabaseStorageStandIn({ bucket: 'quartier-dateien' });
		try {
			const storage = createSupabaseStorage({
				url: server.url,
				serviceKey: server.serviceKey,
				bucket: 'quartier-dateien'
			});
			await storage.put('x/y.txt', bytes('hallo'), 'text/plain; charset=utf-8');
			expect(server.objects.get('x/y.txt')?.contentType).toBe('text/plain; charset=utf-8');
			expect(await storage.get('x/y.txt')).toEqual(bytes('hallo'));
			expect((await storage.list()).map(({ key, size }) => ({ key, size }))).toEqual([
				{ key: 'x/y.txt', size: 5 }
			]);
			await storage.delete('x/y.txt');
			expect(server.requests).toEqual([
				'POST /storage/v1/object/quartier-dateien/x/y.txt',
				'GET /storage/v1/object/quartier-dateien/x/y.txt',
				'POST /storage/v1/object/list/quartier-dateien',
				'POST /storage/v1/object/list/quartier-dateien',
				'DELETE /storage/v1/object/quartier-dateien'
			]);
		} finally {
			await server.close();
		}
	});

	it('fails clearly with a wrong service key instead of reporting a missing file', async () => {
		const server = await startSupabaseStorageStandIn();
		try {
			const storage = createSupabaseStorage({ url: server.url, serviceKey: 'falsch', bucket: server.bucket });
			await expect(storage.put('a.txt', bytes('x'), 'text/plain')).rejects.toThrow(
				/Supabase-Speicher: Speichern/
			);
			await expect(storage.get('a.txt')).rejects.toThrow(/Supabase-Speicher: Lesen/);
			await expect(storage.list()).rejects.toThrow(/Supabase-Speicher: Auflisten/);
		} finally {
			await server.close();
		}
	});

	it('is chosen by createStorage when SUPABASE_URL and the service key are set', async () => {
		const server = await startSupabaseStorageStandIn({ bucket: 'eigener-bucket' });
		try {
			const storage = await createStorage(
				readConfig({
					SUPABASE_URL: server.url,
					SUPABASE_SERVICE_ROLE_KEY: server.serviceKey,
					SUPABASE_BUCKET: 'eigener-bucket'
				})
			);
			expect(storage.kind).toBe('supabase');
			await storage.put('k.txt', bytes('1'), 'text/plain');
			expect(server.objects.has('k.txt')).toBe(true);
			const local = await createStorage(readConfig({ DATA_DIR: path.join(os.tmpdir(), 'qk-unused') }));
			expect(local.kind).toBe('local');
		} finally {
			await server.close();
		}
	});
});
