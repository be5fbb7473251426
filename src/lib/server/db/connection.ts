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

async function openPostgres(url: string): Promise<Database> {
	setPgParsers();
	const pool = new pg.Pool({ connectionString: url, max: Number(process.env.DATABASE_POOL_MAX ?? 10) });
	// An idle connection dropped by the server (restart, failover) must not crash the process.
	pool.on('error', (err) => console.warn(`PostgreSQL-Verbindung getrennt: ${err.message}`));
	const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) }).withSchema(APP_SCHEMA);
	return {
		kind: 'postgres',
		db,
		async withRawClient(fn) {
			const client = await pool.connect();
			try {
				return await fn({
					async exec(sql) {
						await client.query(sql);
					},
					async query(sql, params) {
						return (await client.query(sql, params as unknown[])).rows;
					}
				});
			} finally {
				client.release();
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
