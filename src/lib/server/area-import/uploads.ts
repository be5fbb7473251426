// Keeps an uploaded area file between the wizard's steps: the bytes in the storage interface under
// imports/<uuid>/<file name>, a qk.upload row for owner and age. Removed after commit or cancel; files
// older than a day are removed on the next upload.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/types';
import type { Storage } from '../storage';
import { UPLOAD_PREFIX } from '../uploads/prefixes';

const PREFIX = UPLOAD_PREFIX.imports;
const MAX_AGE_MS = 24 * 60 * 60 * 1000;

export interface StoredImportFile {
	id: string;
	fileName: string;
	bytes: Uint8Array;
}

/** A file name safe as a storage key segment ("Bezirke Berlin (2021).zip" → "Bezirke_Berlin_2021_.zip"). */
export function safeFileName(name: string): string {
	const base = name.split(/[\\/]/).pop() ?? '';
	const cleaned = base
		.replace(/[^A-Za-z0-9._-]+/g, '_')
		// Runs of dots ("Bezirke..geojson") would read as a path step to the storage layer.
		.replace(/\.{2,}/g, '.')
		.replace(/^[._-]+/, '')
		.slice(-120);
	return cleaned || 'datei';
}

export function isImportId(id: string): boolean {
	return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id);
}

interface Ctx {
	db: Kysely<DB>;
	storage: Storage;
	now: Date;
}

export async function storeImportFile(
	ctx: Ctx,
	ownerId: string,
	fileName: string,
	bytes: Uint8Array,
	contentType: string
): Promise<string> {
	await removeStaleImportFiles(ctx);
	const id = randomUUID();
	const key = `${PREFIX}${id}/${safeFileName(fileName)}`;
	await ctx.storage.put(key, bytes, contentType || 'application/octet-stream');
	await ctx.db
		.insertInto('upload')
		.values({
			storage_key: key,
			content_type: contentType || 'application/octet-stream',
			size_bytes: bytes.byteLength,
			owner_id: ownerId,
			created_at: ctx.now
		})
		.execute();
	return id;
}

async function findRow(db: Kysely<DB>, id: string) {
	if (!isImportId(id)) return undefined;
	return db
		.selectFrom('upload')
		.select(['id', 'storage_key', 'owner_id'])
		.where('storage_key', 'like', `${PREFIX}${id}/%`)
		.executeTakeFirst();
}

/** The file, if it exists and belongs to this user (someone else's upload looks like a missing one). */
export async function loadImportFile(
	ctx: Ctx,
	ownerId: string,
	id: string
): Promise<StoredImportFile | null> {
	const row = await findRow(ctx.db, id);
	if (!row || row.owner_id !== ownerId) return null;
	const bytes = await ctx.storage.get(row.storage_key);
	if (!bytes) return null;
	return { id, fileName: row.storage_key.slice(PREFIX.length + id.length + 1), bytes };
}

export async function discardImportFile(ctx: Ctx, ownerId: string, id: string): Promise<void> {
	const row = await findRow(ctx.db, id);
	if (!row || row.owner_id !== ownerId) return;
	await ctx.storage.delete(row.storage_key);
	await ctx.db.deleteFrom('upload').where('id', '=', row.id).execute();
}

export async function removeStaleImportFiles(ctx: Ctx): Promise<number> {
	const stale = await ctx.db
		.selectFrom('upload')
		.select(['id', 'storage_key'])
		.where('storage_key', 'like', `${PREFIX}%`)
		.where('created_at', '<', new Date(ctx.now.getTime() - MAX_AGE_MS))
		.execute();
	for (const row of stale) {
		await ctx.storage.delete(row.storage_key);
		await ctx.db.deleteFrom('upload').where('id', '=', row.id).execute();
	}
	return stale.length;
}
