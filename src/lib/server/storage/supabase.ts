// Supabase Storage driver: the bucket holds the same keys the local driver keeps under DATA_DIR.
// Used when SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY are set, so several app nodes share files.
import { createClient } from '@supabase/supabase-js';
import WebSocket from 'ws';
import { assertSafeKey, type Storage, type StoredObject } from './index';

export interface SupabaseStorageOptions {
	url: string;
	serviceKey: string;
	bucket: string;
	/** Entries per list request (the Storage API's default page is 100). */
	pageSize?: number;
}

interface StorageErrorLike {
	message: string;
	status?: number;
	statusCode?: string;
}

/** The Storage API answers a missing object with 404, or (older servers) with 400 and statusCode "404". */
function isNotFound(error: StorageErrorLike): boolean {
	return (
		error.status === 404 || error.statusCode === '404' || /not.?found|NoSuchKey/i.test(error.statusCode ?? '')
	);
}

function fail(action: string, key: string, error: StorageErrorLike): never {
	throw new Error(`Supabase-Speicher: ${action} von „${key}“ fehlgeschlagen: ${error.message}`, {
		cause: error
	});
}

export function createSupabaseStorage(options: SupabaseStorageOptions): Storage {
	const client = createClient(options.url, options.serviceKey, {
		auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
		// supabase-js builds a realtime client at createClient; Node 20 has no global WebSocket.
		realtime: { transport: WebSocket as never }
	});
	const bucket = () => client.storage.from(options.bucket);
	const pageSize = options.pageSize ?? 100;

	/** Lists one folder level completely (the API pages by limit/offset). */
	async function listFolder(folder: string) {
		const entries: {
			name: string;
			id: string | null;
			updated_at?: string | null;
			created_at?: string | null;
			metadata: Record<string, unknown> | null;
		}[] = [];
		for (let offset = 0; ; offset += pageSize) {
			const { data, error } = await bucket().list(folder, {
				limit: pageSize,
				offset,
				sortBy: { column: 'name', order: 'asc' }
			});
			if (error) fail('Auflisten', folder || '/', error);
			entries.push(...data);
			if (data.length < pageSize) return entries;
		}
	}

	return {
		kind: 'supabase',
		async put(key, data, contentType) {
			assertSafeKey(key);
			const { error } = await bucket().upload(key, data, { contentType, upsert: true });
			if (error) fail('Speichern', key, error);
		},
		async get(key) {
			assertSafeKey(key);
			const { data, error } = await bucket().download(key);
			if (error) {
				if (isNotFound(error)) return null;
				fail('Lesen', key, error);
			}
			return new Uint8Array(await data.arrayBuffer());
		},
		async delete(key) {
			assertSafeKey(key);
			const { error } = await bucket().remove([key]);
			if (error && !isNotFound(error)) fail('Löschen', key, error);
		},
		async list(prefix = '') {
			const out: StoredObject[] = [];
			// The API lists one folder level at a time: files have an id, folders have id null.
			async function walk(folder: string) {
				for (const entry of await listFolder(folder)) {
					const key = folder ? `${folder}/${entry.name}` : entry.name;
					if (entry.id === null) {
						// Descend only into folders that can contain keys with the prefix.
						if (key.startsWith(prefix) || prefix.startsWith(`${key}/`)) await walk(key);
					} else if (key.startsWith(prefix) && !entry.name.startsWith('.')) {
						const stamp = entry.updated_at ?? entry.created_at ?? entry.metadata?.lastModified;
						const modifiedAt = typeof stamp === 'string' ? new Date(stamp) : undefined;
						out.push({
							key,
							size: Number(entry.metadata?.size ?? 0),
							...(modifiedAt && !Number.isNaN(modifiedAt.getTime()) ? { modifiedAt } : {})
						});
					}
				}
			}
			await walk('');
			return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
		}
	};
}
