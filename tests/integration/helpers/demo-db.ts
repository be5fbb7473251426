// The demo city, seeded once per vitest run and cloned per test file (like the migrated template of
// global-setup.ts): seeding takes seconds per file and database kind, cloning a fraction of that.
// The first file that asks seeds the template — PGlite: a data-dir dump next to the migrated one,
// guarded by a lock file; PostgreSQL: a template database, guarded by an advisory lock — the others
// wait for it. The template has no stored files: a test that needs the demo's files seeds itself.
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { openDatabase, type Database } from '../../../src/lib/server/db/connection';
import { seedDemoIfEmpty } from '../../../src/lib/server/demo';
import { cloneDatabase, databaseKinds, openTestDatabase, type DatabaseKind } from './db';

async function pgliteDemoTemplate(): Promise<string> {
	const dump = path.join(path.dirname(inject('pgliteTemplate')), 'demo.tar.gz');
	if (fs.existsSync(dump)) return dump;
	let mine = false;
	try {
		fs.closeSync(fs.openSync(`${dump}.lock`, 'wx'));
		mine = true;
	} catch {
		// another file is seeding it
	}
	if (mine) {
		const database = await openTestDatabase('pglite');
		try {
			await seedDemoIfEmpty(database);
			const blob = await database.pglite!.dumpDataDir('gzip');
			fs.writeFileSync(`${dump}.tmp`, Buffer.from(await blob.arrayBuffer()));
			fs.renameSync(`${dump}.tmp`, dump);
		} finally {
			await database.close();
		}
		return dump;
	}
	for (const started = Date.now(); !fs.existsSync(dump);) {
		if (Date.now() - started > 300_000) throw new Error('the demo template was not seeded in time');
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	return dump;
}

async function postgresDemoTemplate(): Promise<string> {
	const name = `${inject('testDatabasePrefix')}demo`;
	const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL! });
	await admin.connect();
	try {
		await admin.query('select pg_advisory_lock(hashtext($1))', [name]);
		const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
		if (exists.rowCount === 0) {
			// Seeded under another name, then renamed: a half-seeded template is never cloned.
			const building = `${name}_seeding`;
			await admin.query(`drop database if exists ${building}`);
			await cloneDatabase(admin, building, inject('postgresTemplate'));
			const url = new URL(process.env.TEST_DATABASE_URL!);
			url.pathname = `/${building}`;
			const database = await openDatabase({ databaseUrl: url.toString() });
			try {
				await seedDemoIfEmpty(database);
			} finally {
				await database.close();
			}
			await admin.query(`alter database ${building} rename to ${name}`);
		}
	} finally {
		await admin.query('select pg_advisory_unlock(hashtext($1))', [name]);
		await admin.end();
	}
	return name;
}

/** A fresh clone of the seeded demo city (areas, accounts, consultations, every module's demo rows). */
export async function openDemoTestDatabase(kind: DatabaseKind): Promise<Database> {
	return openTestDatabase(
		kind,
		kind === 'pglite' ? await pgliteDemoTemplate() : await postgresDemoTemplate()
	);
}

/** describeEachDatabase with the demo city already in each database. */
export function describeEachDemoDatabase(
	name: string,
	suite: (get: () => Database, kind: DatabaseKind) => void
): void {
	for (const kind of databaseKinds()) {
		describe(`${name} [${kind}]`, () => {
			let database: Database;
			beforeAll(async () => {
				database = await openDemoTestDatabase(kind);
			}, 300_000);
			afterAll(async () => {
				await database?.close();
			});
			suite(() => database, kind);
		});
	}
}
