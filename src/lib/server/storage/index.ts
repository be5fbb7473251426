// One interface for uploaded files: local disk under DATA_DIR, or Supabase Storage.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { AppConfig } from '../config';

export interface StoredObject {
	key: string;
	size: number;
}

export interface Storage {
	kind: 'local' | 'supabase';
	put(key: string, data: Uint8Array, contentType: string): Promise<void>;
	get(key: string): Promise<Uint8Array | null>;
	delete(key: string): Promise<void>;
	list(prefix?: string): Promise<StoredObject[]>;
}

/** Keys are relative paths of safe segments; anything else is a programming error. */
export function assertSafeKey(key: string): void {
	if (!/^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/.test(key) || key.includes('..')) {
		throw new Error(`Ungültiger Speicherschlüssel: ${key}`);
	}
}

export function createLocalStorage(root: string): Storage {
	const full = (key: string) => {
		assertSafeKey(key);
		return path.join(root, key);
	};
	return {
		kind: 'local',
		async put(key, data) {
			const file = full(key);
			await fs.mkdir(path.dirname(file), { recursive: true });
			const tmp = `${file}.${process.pid}.tmp`;
			await fs.writeFile(tmp, data);
			await fs.rename(tmp, file);
		},
		async get(key) {
			try {
				return new Uint8Array(await fs.readFile(full(key)));
			} catch (e) {
				if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
				throw e;
			}
		},
		async delete(key) {
			await fs.rm(full(key), { force: true });
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
					else if (!e.name.endsWith('.tmp') && relPath.startsWith(prefix)) {
						const stat = await fs.stat(path.join(dir, e.name));
						out.push({ key: relPath, size: stat.size });
					}
				}
			}
			await walk(root, '');
			return out.sort((a, b) => a.key.localeCompare(b.key));
		}
	};
}

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
