// Migrates a template once: a PGlite data-dir dump (loaded per test file) and, when a PostgreSQL
// server is available (TEST_DATABASE_URL), a template database cloned with CREATE DATABASE … TEMPLATE.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/lib/server/db/connection';
import { migrate } from '../../src/lib/server/db/migrate';

declare module 'vitest' {
	export interface ProvidedContext {
		pgliteTemplate: string;
		postgresTemplate: string;
		/** Prefix of every test database this run creates (several runs may share one server). */
		testDatabasePrefix: string;
	}
}

export const POSTGRES_TEMPLATE_DB = `qk_template_${process.pid}`;
const TEST_DATABASE_PREFIX = `qk_t_${process.pid}_`;

export default async function setup(project: TestProject) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qk-vitest-'));
	const embedded = await openDatabase({ inMemory: true });
	await migrate(embedded);
	const dump = await embedded.pglite!.dumpDataDir('gzip');
	const dumpPath = path.join(dir, 'template.tar.gz');
	fs.writeFileSync(dumpPath, Buffer.from(await dump.arrayBuffer()));
	await embedded.close();
	project.provide('pgliteTemplate', dumpPath);

	let postgresTemplate = '';
	const url = process.env.TEST_DATABASE_URL;
	if (url) {
		const admin = new pg.Client({ connectionString: url });
		await admin.connect();
		await admin.query(`drop database if exists ${POSTGRES_TEMPLATE_DB}`);
		await admin.query(`create database ${POSTGRES_TEMPLATE_DB}`);
		await admin.end();
		const templateUrl = new URL(url);
		templateUrl.pathname = `/${POSTGRES_TEMPLATE_DB}`;
		const server = await openDatabase({ databaseUrl: templateUrl.toString() });
		await migrate(server);
		await server.close();
		postgresTemplate = POSTGRES_TEMPLATE_DB;
	}
	project.provide('postgresTemplate', postgresTemplate);
	project.provide('testDatabasePrefix', TEST_DATABASE_PREFIX);

	return async () => {
		fs.rmSync(dir, { recursive: true, force: true });
		if (url) {
			const admin = new pg.Client({ connectionString: url });
			await admin.connect();
			const leftovers = await admin.query<{ datname: string }>(
				// Only this run's databases: '_' is a LIKE wildcard, so match the prefix literally.
				`select datname from pg_database where starts_with(datname, $1) or datname = $2`,
				[TEST_DATABASE_PREFIX, POSTGRES_TEMPLATE_DB]
			);
			for (const row of leftovers.rows)
				await admin.query(`drop database if exists "${row.datname}" with (force)`);
			await admin.end();
		}
	};
}
