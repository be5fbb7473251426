// Each test file gets fresh, migrated databases: a PGlite clone and (when available) a PostgreSQL
// database created from the migrated template. Use `describeEachDatabase` to run a suite on both.
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { openDatabase, type Database } from '../../../src/lib/server/db/connection';

export type DatabaseKind = 'pglite' | 'postgres';

/** The kinds this run tests. PostgreSQL is absent only when no server exists (test.sh says SKIP, CI fails). */
export function databaseKinds(): DatabaseKind[] {
	return inject('postgresTemplate') ? ['pglite', 'postgres'] : ['pglite'];
}

export async function openTestDatabase(
	kind: DatabaseKind,
	/** a PGlite dump / PostgreSQL template database other than the migrated one (demo-db.ts) */
	template?: string
): Promise<Database> {
	if (kind === 'pglite') {
		const dump = fs.readFileSync(template ?? inject('pgliteTemplate'));
		return openDatabase({ loadDataDir: new Blob([dump]) });
	}
	const url = new URL(process.env.TEST_DATABASE_URL!);
	const name = `${inject('testDatabasePrefix')}${randomBytes(6).toString('hex')}`;
	const admin = new pg.Client({ connectionString: url.toString() });
	await admin.connect();
	await cloneDatabase(admin, name, template ?? inject('postgresTemplate'));
	await admin.end();
	url.pathname = `/${name}`;
	const database = await openDatabase({ databaseUrl: url.toString() });
	const close = database.close.bind(database);
	database.close = async () => {
		await close();
		const dropper = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL! });
		await dropper.connect();
		for (let attempt = 0; ; attempt++) {
			try {
				await dropper.query(`drop database if exists ${name}`);
				break;
			} catch (e) {
				if (attempt >= 20) throw e;
				await new Promise((resolve) => setTimeout(resolve, 100));
			}
		}
		await dropper.end();
	};
	return database;
}

/** CREATE DATABASE … TEMPLATE, retried while another worker clones the same template. */
export async function cloneDatabase(admin: pg.Client, name: string, template: string): Promise<void> {
	// Two workers cloning the template at the same moment collide ("being accessed by other users"): retry.
	for (let attempt = 0; ; attempt++) {
		try {
			await admin.query(`create database ${name} template ${template}`);
			return;
		} catch (e) {
			if (attempt >= 30 || !/being accessed by other users/.test((e as Error).message)) throw e;
			await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
		}
	}
}

/** Runs the suite once per database kind with a fresh database for each. */
export function describeEachDatabase(
	name: string,
	suite: (get: () => Database, kind: DatabaseKind) => void
): void {
	for (const kind of databaseKinds()) {
		describe(`${name} [${kind}]`, () => {
			let database: Database;
			beforeAll(async () => {
				database = await openTestDatabase(kind);
			});
			afterAll(async () => {
				await database?.close();
			});
			suite(() => database, kind);
		});
	}
}
