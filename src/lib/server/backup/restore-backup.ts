// Restores a backup into an empty database: migrate to the backup's schema version, insert every
// table's rows in ONE transaction (a failed restore leaves the database without data), put the
// uploads, verify the trailer's checksum and counts, commit, then migrate to the latest version.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import type { Database, RawClient } from '../db/connection';
import { migrate, readMigrationFiles, type MigrationFile } from '../db/migrate';
import type { Storage } from '../storage';
import { qualified, quoteIdent, readSequences, readTables } from './catalog';
import {
	BACKUP_FORMAT,
	BACKUP_FORMAT_VERSION,
	BackupError,
	EXCLUDED_TABLES,
	type BackupHeader,
	type BackupLine,
	type BackupSummary
} from './format';

export interface RestoreOptions {
	/** Migration files (tests); default supabase/migrations. */
	migrations?: MigrationFile[];
}

export interface RestoreResult extends BackupSummary {
	/** The schema version after the final migrate. */
	currentVersion: string | null;
}

const damaged = (detail: string, cause?: unknown) =>
	new BackupError(
		`Die Sicherungsdatei ist beschädigt oder unvollständig (${detail}). Es wurde nichts wiederhergestellt – verwenden Sie eine vollständige Sicherung.`,
		{ cause }
	);

/** Lines of a gzip'd text file, streamed (never the whole file in memory). */
async function* readLines(file: string): AsyncGenerator<string> {
	const source = fs.createReadStream(file);
	const gunzip = createGunzip();
	source.on('error', (e) => gunzip.destroy(e));
	source.pipe(gunzip);
	const decoder = new StringDecoder('utf8');
	let rest = '';
	try {
		for await (const chunk of gunzip) {
			rest += decoder.write(chunk as Buffer);
			let newline;
			while ((newline = rest.indexOf('\n')) !== -1) {
				yield rest.slice(0, newline);
				rest = rest.slice(newline + 1);
			}
		}
	} catch (e) {
		const code = (e as NodeJS.ErrnoException).code;
		if (code === 'ENOENT') throw new BackupError(`Die Sicherungsdatei ${file} gibt es nicht.`, { cause: e });
		if (code === 'Z_DATA_ERROR' && /header/.test((e as Error).message))
			throw new BackupError(
				'Die Datei ist keine Quartierskompass-Sicherung (kein gzip-Format). Wählen Sie eine mit „qk backup“ erstellte Datei.',
				{ cause: e }
			);
		if (code === 'Z_BUF_ERROR' || code === 'Z_DATA_ERROR') throw damaged(`gzip: ${(e as Error).message}`, e);
		throw e;
	} finally {
		source.destroy();
		gunzip.destroy();
	}
	rest += decoder.end();
	if (rest.length > 0) yield rest;
}

function parseLine(text: string, index: number): BackupLine {
	try {
		const value = JSON.parse(text) as BackupLine;
		if (typeof value !== 'object' || value === null || typeof value.type !== 'string')
			throw new Error('kein Objekt');
		return value;
	} catch (e) {
		throw damaged(`Zeile ${index + 1} ist kein gültiges JSON`, e);
	}
}

/** Tables that hold user data (everything but sessions, rate limits and the generated secret). */
async function findUserData(client: RawClient): Promise<string | null> {
	const exists = await client.query<{ ok: boolean }>(`select to_regclass('qk.app_user') is not null as ok`);
	if (!exists[0]?.ok) return null;
	const excluded = new Set<string>(EXCLUDED_TABLES);
	for (const table of await readTables(client)) {
		if (excluded.has(table.name)) continue;
		const where = table.name === 'app_setting' ? ` where key <> 'secret'` : '';
		const rows = await client.query(`select 1 from ${qualified(table.name)}${where} limit 1`);
		if (rows.length > 0) return table.name;
	}
	return null;
}

export async function restoreBackup(
	database: Database,
	storage: Storage,
	file: string,
	options: RestoreOptions = {}
): Promise<RestoreResult> {
	const migrations = options.migrations ?? readMigrationFiles();
	const lines = readLines(file);
	const hash = createHash('sha256');
	let index = 0;
	const next = async (): Promise<BackupLine | null> => {
		const item = await lines.next();
		if (item.done) return null;
		const line = parseLine(item.value, index++);
		if (line.type !== 'trailer') hash.update(`${item.value}\n`);
		return line;
	};

	const first = await next().catch(async (e) => {
		await lines.return(undefined);
		throw e;
	});
	const header = first as BackupHeader | null;
	if (!header || header.type !== 'header' || header.format !== BACKUP_FORMAT) {
		await lines.return(undefined);
		throw new BackupError(
			'Die Datei ist keine Quartierskompass-Sicherung. Wählen Sie eine mit „qk backup“ erstellte Datei.'
		);
	}
	if (header.formatVersion !== BACKUP_FORMAT_VERSION) {
		await lines.return(undefined);
		throw new BackupError(
			`Die Sicherung hat das Format ${header.formatVersion}; diese Version von Quartierskompass liest Format ${BACKUP_FORMAT_VERSION}. Aktualisieren Sie Quartierskompass.`
		);
	}
	if (!migrations.some((m) => m.version === header.schemaVersion)) {
		await lines.return(undefined);
		throw new BackupError(
			`Die Sicherung stammt aus einer neueren oder unbekannten Version (Datenbankstand ${header.schemaVersion}). Aktualisieren Sie Quartierskompass und versuchen Sie es erneut.`
		);
	}

	try {
		const filled = await database.withRawClient(findUserData);
		if (filled)
			throw new BackupError(
				`Die Zieldatenbank enthält bereits Daten (Tabelle ${filled}). Eine Sicherung wird nur in eine leere Datenbank eingespielt – verwenden Sie einen neuen, leeren Datenordner (DATA_DIR) oder eine leere Datenbank. Für die Demo-Stadt: „qk seed demo --remove“.`
			);

		await migrate(database, { files: migrations, upTo: header.schemaVersion });

		const putKeys: string[] = [];
		const summary = await database
			.withRawClient(async (client) => {
				const target = new Map((await readTables(client)).map((t) => [t.name, t]));
				const statements = new Map<string, string>();
				for (const table of header.tables) {
					const info = target.get(table.name);
					if (!info)
						throw new BackupError(
							`Die Tabelle ${table.name} aus der Sicherung gibt es in der Zieldatenbank nicht.`
						);
					const missing = table.columns.filter((c) => !info.columns.includes(c));
					if (missing.length)
						throw new BackupError(
							`Spalte(n) ${missing.join(', ')} der Tabelle ${table.name} fehlen in der Zieldatenbank.`
						);
					const cols = table.columns.map(quoteIdent).join(', ');
					statements.set(
						table.name,
						`insert into ${qualified(table.name)} (${cols}) overriding system value
					 select ${cols} from jsonb_populate_recordset(null::${qualified(table.name)}, $1::jsonb)`
					);
				}

				const rowCounts: Record<string, number> = {};
				let uploadCount = 0;
				let uploadBytes = 0;
				await client.exec('begin');
				try {
					// The generated secret (and stale sessions or rate limits) of the empty target give way to the backup.
					for (const name of EXCLUDED_TABLES)
						if (target.has(name)) await client.exec(`delete from ${qualified(name)}`);
					if (target.has('app_setting')) await client.exec(`delete from ${qualified('app_setting')}`);

					let trailer: BackupLine | null = null;
					for (let line = await next(); line; line = await next()) {
						if (line.type === 'rows') {
							const sql = statements.get(line.table);
							if (!sql || !Array.isArray(line.rows))
								throw damaged(`unerwartete Tabelle ${String(line.table)}`);
							await client.query(sql, [JSON.stringify(line.rows)]);
							rowCounts[line.table] = (rowCounts[line.table] ?? 0) + line.rows.length;
						} else if (line.type === 'upload') {
							const data = Buffer.from(line.data, 'base64');
							if (createHash('sha256').update(data).digest('hex') !== line.sha256)
								throw damaged(`Prüfsumme der Datei ${line.key} stimmt nicht`);
							await storage.put(line.key, new Uint8Array(data), line.contentType);
							putKeys.push(line.key);
							uploadCount++;
							uploadBytes += data.length;
						} else if (line.type === 'trailer') {
							trailer = line;
							break;
						} else {
							throw damaged(`unerwarteter Eintrag „${line.type}“`);
						}
					}
					if (!trailer || trailer.type !== 'trailer') throw damaged('der Abschluss der Sicherung fehlt');
					if ((await lines.next()).done !== true) throw damaged('Daten nach dem Abschluss');
					if (trailer.sha256 !== hash.digest('hex')) throw damaged('die Prüfsumme stimmt nicht');
					for (const table of header.tables) {
						if ((trailer.rowCounts[table.name] ?? 0) !== (rowCounts[table.name] ?? 0))
							throw damaged(`Zeilenzahl der Tabelle ${table.name} stimmt nicht`);
					}
					if (trailer.uploadCount !== uploadCount) throw damaged('Anzahl der Dateien stimmt nicht');

					// Serial/identity columns continue after the restored ids.
					for (const seq of await readSequences(client)) {
						await client.query(
							`select setval($1::regclass, coalesce((select max(${quoteIdent(seq.column)}) from ${qualified(seq.table)}), 0) + 1, false)`,
							[seq.sequence]
						);
					}
					await client.exec('commit');
				} catch (e) {
					await client.exec('rollback');
					throw e;
				}
				return { schemaVersion: header.schemaVersion, rowCounts, uploadCount, uploadBytes };
			})
			.catch(async (e) => {
				// The database rolled back; take back the files put so far as well.
				for (const key of putKeys) await storage.delete(key).catch(() => {});
				throw e;
			});

		const after = await migrate(database, { files: migrations });
		return { ...summary, currentVersion: after.current };
	} catch (e) {
		if (e instanceof BackupError) throw e;
		const message = (e as Error).message;
		throw new BackupError(
			`Die Wiederherstellung ist fehlgeschlagen, die Datenbank blieb unverändert: ${message}`,
			{ cause: e }
		);
	} finally {
		await lines.return(undefined);
	}
}
