// One interface for uploaded files: local disk under DATA_DIR, or Supabase Storage.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { AppConfig } from '../config';

export interface StoredObject {
	key: string;
	size: number;
	/** Last write, where the driver knows it (the orphan clean-up only deletes old files). */
	modifiedAt?: Date;
}

export interface Storage {
	kind: 'local' | 'supabase';
	put(key: string, data: Uint8Array, contentType: string): Promise<void>;
	get(key: string): Promise<Uint8Array | null>;
	delete(key: string): Promise<void>;
	list(prefix?: string): Promise<StoredObject[]>;
	/** Deletes half-written temp files (left by a crash) last written before olderThan; returns their count. */
	removeStaleTemporaryFiles?(olderThan: Date): Promise<number>;
}

/** Keys are relative paths of safe segments; anything else is a programming error. */
export function assertSafeKey(key: string): void {
	if (!/^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/.test(key) || key.includes('..')) {
		throw new Error(`Ungültiger Speicherschlüssel: ${key}`);
	}
}

export function createLocalStorage(root: string): Storage {
	root = path.resolve(root);
	const full = (key: string) => {
		assertSafeKey(key);
		return path.join(root, key);
	};
	return {
		kind: 'local',
		async put(key, data) {
			const file = full(key);
			await fs.mkdir(path.dirname(file), { recursive: true });
			// Temp names start with a dot, which no valid key segment does, so list() never sees them.
			const tmp = path.join(
				path.dirname(file),
				`.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`
			);
			try {
				await fs.writeFile(tmp, data);
				await fs.rename(tmp, file);
			} catch (e) {
				await fs.rm(tmp, { force: true });
				throw e;
			}
		},
		async get(key) {
			try {
				return new Uint8Array(await fs.readFile(full(key)));
			} catch (e) {
				const code = (e as NodeJS.ErrnoException).code;
				if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') return null;
				throw e;
			}
		},
		async delete(key) {
			const file = full(key);
			try {
				await fs.unlink(file);
			} catch (e) {
				const code = (e as NodeJS.ErrnoException).code;
				if (code === 'ENOENT' || code === 'ENOTDIR') return;
				throw e;
			}
			// Remove folders left empty, up to (not including) the root.
			for (let dir = path.dirname(file); dir !== root && dir.startsWith(root); dir = path.dirname(dir)) {
				try {
					await fs.rmdir(dir);
				} catch {
					break;
				}
			}
		},
		async list(prefix = '') {
			const out: StoredObject[] = [];
			async function walk(dir: string, rel: string) {
				let entries;
				try {
					entries = await fs.readdir(dir, { withFileTypes: true });
				} catch {
					return;
				}
				for (const e of entries) {
					const relPath = rel ? `${rel}/${e.name}` : e.name;
					if (e.isDirectory()) await walk(path.join(dir, e.name), relPath);
					else if (!e.name.startsWith('.') && relPath.startsWith(prefix)) {
						const stat = await fs.stat(path.join(dir, e.name));
						out.push({ key: relPath, size: stat.size, modifiedAt: stat.mtime });
					}
				}
			}
			await walk(root, '');
			return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
		},
		async removeStaleTemporaryFiles(olderThan) {
			let removed = 0;
			async function walk(dir: string) {
				let entries;
				try {
					entries = await fs.readdir(dir, { withFileTypes: true });
				} catch {
					return;
				}
				for (const e of entries) {
					const file = path.join(dir, e.name);
					if (e.isDirectory()) await walk(file);
					else if (TEMP_NAME.test(e.name)) {
						try {
							if ((await fs.stat(file)).mtime < olderThan) {
								await fs.unlink(file);
								removed++;
							}
						} catch (err) {
							// Renamed or removed meanwhile (another node, a finishing upload).
							if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
						}
					}
				}
			}
			await walk(root);
			return removed;
		}
	};
}

/** The temp names put() writes: `.<name>.<12 hex>.tmp`. */
const TEMP_NAME = /^\..+\.[0-9a-f]{12}\.tmp$/;

export async function createStorage(config: AppConfig): Promise<Storage> {
	if (config.supabaseUrl && config.supabaseServiceKey) {
		const { createSupabaseStorage } = await import('./supabase');
		return createSupabaseStorage({
			url: config.supabaseUrl,
			serviceKey: config.supabaseServiceKey,
			bucket: config.supabaseBucket
		});
	}
	return createLocalStorage(path.join(config.dataDir, 'uploads'));
}
