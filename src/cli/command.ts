// Shape of a qk command and the helpers every command shares.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { readConfig, type AppConfig } from '../lib/server/config';
import { openDatabase, type Database } from '../lib/server/db/connection';
import { DataDirLockedError } from '../lib/server/db/lock';
import { migrate } from '../lib/server/db/migrate';
import { resumePublications } from '../lib/server/indicators/publication';

export interface CliCommand {
	/** e.g. 'migrate' or 'user create' (sub-commands are words separated by a space) */
	name: string;
	summary: string;
	usage: string;
	run(args: string[], io: CliIO): Promise<number>;
}

export interface CliIO {
	out(line: string): void;
	err(line: string): void;
	/** Raw bytes to standard output (binary-safe, e.g. an XLSX export); default process.stdout. */
	write?(bytes: Uint8Array): Promise<void>;
	config: AppConfig;
}

/** Writes bytes to stdout and waits until they are flushed (a pipe may be slower than us). */
export function writeStdout(bytes: Uint8Array): Promise<void> {
	return new Promise((resolve, reject) => {
		process.stdout.write(bytes, (e) => (e ? reject(e) : resolve()));
	});
}

export class CliError extends Error {
	constructor(
		message: string,
		public readonly exitCode = 1
	) {
		super(message);
	}
}

/**
 * Opens the configured database for a command and migrates it. On an embedded data dir that the
 * running server owns, refuses with a clear message (never opens the same dir twice).
 */
export async function withDatabase<T>(
	config: AppConfig,
	fn: (database: Database) => Promise<T>,
	options: { migrate?: boolean } = {}
): Promise<T> {
	let database: Database;
	try {
		database = await openDatabase({
			databaseUrl: config.databaseUrl,
			dataDir: config.dataDir,
			lockRole: 'cli'
		});
	} catch (e) {
		if (e instanceof DataDirLockedError) throw new CliError(e.message, 2);
		throw e;
	}
	try {
		if (options.migrate !== false) {
			await migrate(database);
			// An indicator import a dead process did not finish publishing is finished first.
			await resumePublications(database.db, { staleAfterSeconds: database.kind === 'pglite' ? 0 : 60 });
		}
		return await fn(database);
	} finally {
		await database.close();
	}
}

export function defaultIO(config: AppConfig = readConfig()): CliIO {
	return {
		out: (line) => process.stdout.write(`${line}\n`),
		err: (line) => process.stderr.write(`${line}\n`),
		write: writeStdout,
		config
	};
}

/** parseArgs with the command's usage line in the error message. */
export function parseCommandArgs<T extends ParseArgsConfig['options']>(
	args: string[],
	options: T,
	usage: string,
	allowPositionals = true
) {
	try {
		return parseArgs({ args, options, strict: true, allowPositionals });
	} catch (e) {
		throw new CliError(`${(e as Error).message}\nAufruf: ${usage}`);
	}
}

/** --format: one of the command's formats, or a message listing them. */
export function requireFormat<F extends string>(
	value: string | undefined,
	formats: readonly F[],
	isFormat: (v: string) => v is F
): F {
	const format = value ?? '';
	if (isFormat(format)) return format;
	throw new CliError(
		`${value ? `Das Format „${value}“ gibt es nicht.` : 'Bitte ein Format mit --format angeben.'} Möglich: ${formats.join(', ')}.`
	);
}

/** --out FILE, resolved; its folder must exist (checked before any work is done). */
export function outputPath(value: string | undefined): string | null {
	if (!value) return null;
	const out = path.resolve(value);
	if (!fs.existsSync(path.dirname(out))) throw new CliError(`Den Ordner ${path.dirname(out)} gibt es nicht.`);
	return out;
}

/** A produced file to --out, or to stdout with the summary on stderr (stdout carries the file). */
export async function deliverFile(io: CliIO, bytes: Uint8Array, summary: string, out: string | null) {
	if (out) {
		fs.writeFileSync(out, bytes);
		io.out(`${summary}: ${out}`);
	} else {
		await (io.write ?? writeStdout)(bytes);
		io.err(`${summary}.`);
	}
}
