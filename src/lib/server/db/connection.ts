// One query layer (Kysely) over either embedded PGlite or a PostgreSQL server.
import fs from 'node:fs';
import path from 'node:path';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import { acquireLock, type LockInfo } from './lock';
import type { DB } from './types';

export const APP_SCHEMA = 'qk';

/** A client for multi-statement scripts and the advisory lock, outside Kysely. */
export interface RawClient {
	exec(sql: string): Promise<void>;
	query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]>;
}

export interface Database {
	kind: 'pglite' | 'postgres';
	db: Kysely<DB>;
	/** The embedded instance (PGlite only), e.g. for dumpDataDir() in tests. */
	pglite?: PGlite;
	/** Runs fn on one dedicated connection (needed for session-level advisory locks). */
	withRawClient<T>(fn: (client: RawClient) => Promise<T>): Promise<T>;
	close(): Promise<void>;
}

export interface OpenOptions {
	databaseUrl?: string;
	dataDir?: string;
	/** Who holds the PGlite lock; 'none' skips locking (test clones in memory). */
	lockRole?: LockInfo['role'] | 'none';
	lockUrl?: string;
	/** Load a PGlite data dir dump (tests) instead of a directory. */
	loadDataDir?: Blob | File;
	/** Keep the PGlite database in memory only. */
	inMemory?: boolean;
}

// Same JS types from both drivers: int8 and numeric as numbers, dates as 'YYYY-MM-DD' strings.
const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;
const toNumber = (v: string) => (v === null ? null : Number(v));
const asText = (v: string) => v;

let pgParsersSet = false;
function setPgParsers() {
	if (pgParsersSet) return;
	pg.types.setTypeParser(INT8, toNumber);
	pg.types.setTypeParser(NUMERIC, toNumber);
	pg.types.setTypeParser(DATE, asText);
	pgParsersSet = true;
}

export function pgliteDataPath(dataDir: string): string {
	return path.join(dataDir, 'pgdata');
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
	if (options.databaseUrl) return openPostgres(options.databaseUrl);
	return openPglite(options);
}

/** The longest timer Node accepts (~24 days): a query_timeout of 0 would mean "pool default". */
const NO_TIMEOUT = 2 ** 31 - 1;

function millis(value: string | undefined, fallback: number): number {
	const n = Number(value);
	return value !== undefined && value !== '' && Number.isFinite(n) && n >= 0 ? n : fallback;
}

/**
 * Pool settings with timeouts, so a database that is down or frozen answers with an error
 * (503 page) within seconds instead of hanging every request. All configurable by env:
 * DATABASE_CONNECT_TIMEOUT_MS (5 s: TCP connect and waiting for a free pooled connection),
 * DATABASE_STATEMENT_TIMEOUT_MS (15 s, server side; the client gives up 2 s later if the server
 * does not answer at all), DATABASE_IDLE_TIMEOUT_MS (30 s), DATABASE_POOL_MAX (10). 0 = no limit.
 */
export function poolOptions(url: string, env: NodeJS.ProcessEnv = process.env): pg.PoolConfig {
	const statement = millis(env.DATABASE_STATEMENT_TIMEOUT_MS, 15_000);
	return {
		connectionString: url,
		max: Number(env.DATABASE_POOL_MAX ?? 10),
		connectionTimeoutMillis: millis(env.DATABASE_CONNECT_TIMEOUT_MS, 5_000),
		idleTimeoutMillis: millis(env.DATABASE_IDLE_TIMEOUT_MS, 30_000),
		...(statement > 0 ? { statement_timeout: statement, query_timeout: statement + 2_000 } : {}),
		// Notice a silently vanished server on idle connections too.
		keepAlive: true,
		keepAliveInitialDelayMillis: 10_000
	};
}

async function openPostgres(url: string): Promise<Database> {
	setPgParsers();
	const pool = new pg.Pool(poolOptions(url));
	// An idle connection dropped by the server (restart, failover) must not crash the process;
	// the pool drops it and opens a new one on the next query, so the app recovers by itself.
	pool.on('error', (err) => console.warn(`PostgreSQL-Verbindung getrennt: ${err.message}`));
	const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) }).withSchema(APP_SCHEMA);
	return {
		kind: 'postgres',
		db,
		async withRawClient(fn) {
			// Migrations, backups and restores may rightly run long (or wait for the migration lock
			// of another node): no statement or read timeout on this dedicated connection.
			const client = await pool.connect();
			const limited = pool.options.statement_timeout !== undefined;
			let broken = false;
			try {
				if (limited) await client.query('set statement_timeout = 0');
				return await fn({
					async exec(sql) {
						await client.query({ text: sql, query_timeout: NO_TIMEOUT } as pg.QueryConfig);
					},
					async query(sql, params) {
						const config = { text: sql, values: params as unknown[], query_timeout: NO_TIMEOUT };
						return (await client.query(config as pg.QueryConfig)).rows;
					}
				});
			} catch (e) {
				broken = isDatabaseUnavailable(e);
				throw e;
			} finally {
				if (limited && !broken) await client.query('reset statement_timeout').catch(() => (broken = true));
				client.release(broken);
			}
		},
		async close() {
			await db.destroy();
		}
	};
}

async function openPglite(options: OpenOptions): Promise<Database> {
	let release = () => {};
	let dataPath: string | undefined;
	if (!options.inMemory && !options.loadDataDir) {
		const dataDir = path.resolve(options.dataDir ?? './data');
		if (options.lockRole !== 'none')
			release = acquireLock(dataDir, options.lockRole ?? 'cli', options.lockUrl);
		dataPath = pgliteDataPath(dataDir);
		fs.mkdirSync(dataPath, { recursive: true });
	}
	let client: PGlite;
	try {
		client = await PGlite.create({
			dataDir: dataPath,
			loadDataDir: options.loadDataDir,
			parsers: {
				[pgliteTypes.INT8]: toNumber,
				[pgliteTypes.NUMERIC]: toNumber,
				[pgliteTypes.DATE]: asText
			}
		});
	} catch (e) {
		release();
		throw e;
	}
	const db = new Kysely<DB>({ dialect: new PGliteDialect({ pglite: client }) }).withSchema(APP_SCHEMA);
	return {
		kind: 'pglite',
		db,
		pglite: client,
		async withRawClient(fn) {
			return fn({
				async exec(sql) {
					await client.exec(sql);
				},
				async query(sql, params) {
					return (await client.query(sql, params)).rows as never;
				}
			});
		},
		async close() {
			try {
				await db.destroy();
				if (!client.closed) await client.close();
			} finally {
				release();
			}
		}
	};
}

const UNAVAILABLE_NET_CODES = new Set([
	'ECONNREFUSED',
	'ECONNRESET',
	'ETIMEDOUT',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'EPIPE'
]);
// SQLSTATE: 08xxx connection exceptions; 57P01-57P03 shutdown / cannot connect now;
// 53300 too many connections; 57014 cancelled by statement_timeout.
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[1-3]|53300|57014)$/;
const UNAVAILABLE_MESSAGE =
	/timeout exceeded when trying to connect|Connection terminated|Query read timeout|Connection timeout|the database system is (starting up|shutting down|in recovery mode)|Client has encountered a connection error|Cannot use a pool after calling end/i;

/** True when error (or its cause) says the database server is unreachable, frozen or going away. */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
	if (!error || typeof error !== 'object' || depth > 5) return false;
	const e = error as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
	if (typeof e.code === 'string' && (UNAVAILABLE_NET_CODES.has(e.code) || UNAVAILABLE_SQLSTATE.test(e.code)))
		return true;
	if (typeof e.message === 'string' && UNAVAILABLE_MESSAGE.test(e.message)) return true;
	// Node reports a refused "localhost" (::1 and 127.0.0.1) as an AggregateError.
	if (Array.isArray(e.errors) && e.errors.some((x) => isDatabaseUnavailable(x, depth + 1))) return true;
	return isDatabaseUnavailable(e.cause, depth + 1);
}
