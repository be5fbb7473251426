// Shape of a qk command and the helpers every command shares.
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
