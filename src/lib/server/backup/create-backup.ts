// Writes a backup of the whole database (one consistent snapshot) and every stored upload.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { Database, RawClient } from '../db/connection';
import type { Storage } from '../storage';
import { qualified, readTables, selectRowsSql } from './catalog';
import {
	BACKUP_FORMAT,
	BACKUP_FORMAT_VERSION,
	BackupError,
	EXCLUDED_TABLES,
	type BackupHeader,
	type BackupLine,
	type BackupSummary
} from './format';

const ROWS_PER_LINE = 500;
const CURSOR = 'qk_backup_rows';

export interface CreateBackupOptions {
	now?: Date;
}

/** Writes the backup to `file` (via a temporary file, so a failed backup leaves no half file). */
export async function createBackup(
	database: Database,
	storage: Storage,
	file: string,
	options: CreateBackupOptions = {}
): Promise<BackupSummary> {
	const target = path.resolve(file);
	const tmp = path.join(
		path.dirname(target),
		`.${path.basename(target)}.${randomBytes(4).toString('hex')}.tmp`
	);
	try {
		const summary = await database.withRawClient(async (client) => {
			// Repeatable read: every table is read from the same snapshot, even while the app writes.
			await client.exec('begin isolation level repeatable read, read only');
			try {
				const result: { summary?: BackupSummary } = {};
				await pipeline(
					Readable.from(backupLines(client, storage, options.now ?? new Date(), database.kind, result)),
					createGzip(),
					fs.createWriteStream(tmp, { flags: 'wx' })
				);
				return result.summary!;
			} finally {
				await client.exec('rollback');
			}
		});
		fs.renameSync(tmp, target);
		return summary;
	} catch (e) {
		fs.rmSync(tmp, { force: true });
		if (e instanceof BackupError) throw e;
		const code = (e as NodeJS.ErrnoException).code;
		if (code === 'ENOENT' || code === 'EACCES' || code === 'EROFS')
			throw new BackupError(`Die Sicherungsdatei ${target} kann nicht geschrieben werden (${code}).`, {
				cause: e
			});
		throw e;
	}
}

async function* backupLines(
	client: RawClient,
	storage: Storage,
	now: Date,
	source: Database['kind'],
	result: { summary?: BackupSummary }
): AsyncGenerator<string> {
	const hash = createHash('sha256');
	const line = (value: BackupLine) => {
		const text = `${JSON.stringify(value)}\n`;
		hash.update(text);
		return text;
	};

	const versions = await client.query<{ version: string | null }>(
		'select max(version) as version from supabase_migrations.schema_migrations'
	);
	const schemaVersion = versions[0]?.version;
	if (!schemaVersion)
		throw new BackupError('Die Datenbank ist nicht eingerichtet (keine Migrationen angewendet).');

	const excluded = new Set<string>(EXCLUDED_TABLES);
	const tables = (await readTables(client)).filter((t) => !excluded.has(t.name));
	const header: BackupHeader = {
		type: 'header',
		format: BACKUP_FORMAT,
		formatVersion: BACKUP_FORMAT_VERSION,
		schemaVersion,
		createdAt: now.toISOString(),
		source,
		tables: tables.map((t) => ({ name: t.name, columns: t.columns })),
		excludedTables: [...excluded]
	};
	yield line(header);

	const rowCounts: Record<string, number> = {};
	for (const table of tables) {
		let count = 0;
		await client.exec(`declare ${CURSOR} no scroll cursor for ${selectRowsSql(table)}`);
		try {
			for (;;) {
				const batch = await client.query<{ r: Record<string, unknown> }>(
					`fetch forward ${ROWS_PER_LINE} from ${CURSOR}`
				);
				if (batch.length === 0) break;
				count += batch.length;
				yield line({ type: 'rows', table: table.name, rows: batch.map((b) => b.r) });
			}
		} finally {
			await client.exec(`close ${CURSOR}`);
		}
		const total = await client.query<{ n: number }>(
			`select count(*)::int as n from ${qualified(table.name)}`
		);
		if (total[0].n !== count)
			throw new BackupError(
				`Tabelle ${table.name}: ${total[0].n - count} Zeile(n) mit zyklischen Verweisen auf sich selbst – bitte bereinigen Sie diese Verweise.`
			);
		rowCounts[table.name] = count;
	}

	// Uploads: every object in the storage driver, with the content type recorded in qk.upload.
	const types = new Map<string, string>();
	if (tables.some((t) => t.name === 'upload')) {
		for (const row of await client.query<{ storage_key: string; content_type: string }>(
			`select storage_key, content_type from ${qualified('upload')}`
		))
			types.set(row.storage_key, row.content_type);
	}
	let uploadCount = 0;
	let uploadBytes = 0;
	for (const object of await storage.list()) {
		const data = await storage.get(object.key);
		if (!data) continue; // deleted since the listing
		uploadCount++;
		uploadBytes += data.length;
		yield line({
			type: 'upload',
			key: object.key,
			contentType: types.get(object.key) ?? 'application/octet-stream',
			size: data.length,
			sha256: createHash('sha256').update(data).digest('hex'),
			data: Buffer.from(data).toString('base64')
		});
	}

	const sha256 = hash.digest('hex');
	yield `${JSON.stringify({ type: 'trailer', rowCounts, uploadCount, sha256 })}\n`;
	result.summary = { schemaVersion, rowCounts, uploadCount, uploadBytes };
}
