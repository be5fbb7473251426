// The demo city in a data dir of its own, seeded in this process (so the suites may read ids and add
// a few objects of their own), then served by the built app over real HTTP. The security suites share
// one such app per vitest run (security.test.ts): seeding and starting it is most of their time.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll } from 'vitest';
import { readConfig } from '../../../src/lib/server/config';
import { openDatabase } from '../../../src/lib/server/db/connection';
import { migrate } from '../../../src/lib/server/db/migrate';
import type { DB } from '../../../src/lib/server/db/types';
import { seedDemoIfEmpty } from '../../../src/lib/server/demo';
import { createStorage } from '../../../src/lib/server/storage';
import { startBuiltApp, type BuiltApp } from '../helpers/built-app';

export const DEMO_PASSWORD = 'Musterstadt-Demo-2026';

export interface DemoApp<T> {
	app: BuiltApp;
	dataDir: string;
	fixtures: T;
	stop(): void;
}

/** Seeds the demo city, lets `prepare` read/add rows, then starts `node build` on that data dir. */
export async function startDemoApp<T>(
	prefix: string,
	prepare: (db: Kysely<DB>) => Promise<T>,
	env: Record<string, string> = {}
): Promise<DemoApp<T>> {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `qk-${prefix}-`));
	const config = readConfig({ DATA_DIR: dataDir, SEED_DEMO: '1' });
	const database = await openDatabase({ dataDir, lockRole: 'cli' });
	let fixtures: T;
	try {
		await migrate(database);
		await seedDemoIfEmpty(database, await createStorage(config));
		fixtures = await prepare(database.db);
	} finally {
		await database.close();
	}
	const app = await startBuiltApp({
		DATA_DIR: dataDir,
		SEED_DEMO: '1',
		NODE_ENV: 'test',
		ADDRESS_HEADER: 'x-forwarded-for',
		XFF_DEPTH: '1',
		...env
	});
	return {
		app,
		dataDir,
		fixtures,
		stop: () => {
			app.stop();
			fs.rmSync(dataDir, { recursive: true, force: true });
		}
	};
}

/** Starts the demo app in a beforeAll of the calling file (stopped in its afterAll); returns a getter. */
export function useDemoApp<T>(prefix: string, prepare: (db: Kysely<DB>) => Promise<T>): () => DemoApp<T> {
	let demo: DemoApp<T> | undefined;
	beforeAll(async () => {
		demo = await startDemoApp(prefix, prepare);
	}, 300_000);
	afterAll(() => demo?.stop());
	return () => {
		if (!demo) throw new Error('the demo app did not start');
		return demo;
	};
}

/** A cookie jar of one: the qk_session cookie a response set (or cleared). */
export function sessionCookie(response: Response): string | null | undefined {
	for (const c of response.headers.getSetCookie()) {
		const m = /^qk_session=([^;]*)/.exec(c);
		if (m) return m[1] || null;
	}
	return undefined;
}

/** Signs in through the login form action; returns the session token. */
export async function signInOverHttp(
	base: string,
	email: string,
	opts: { address: string; password?: string; cookie?: string }
): Promise<{ response: Response; token: string | null | undefined }> {
	const response = await fetch(`${base}/anmelden?/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			origin: base,
			// As a browser without JavaScript posts the form: a 303 with the cookie (not JSON).
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded',
			'x-forwarded-for': opts.address,
			...(opts.cookie ? { cookie: `qk_session=${opts.cookie}` } : {})
		},
		body: new URLSearchParams({ email, password: opts.password ?? DEMO_PASSWORD }).toString()
	});
	return { response, token: sessionCookie(response) };
}
