// NUL bytes in a query, a chunked form body or a form too large for the check before routing are
// refused as bad input (400), never a 500 with the database error (SQLSTATE 22021) in the log.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isBadInputError, MAX_CHECKED_BODY } from '../../../src/lib/server/http/bad-input';
import { startBuiltApp, type BuiltApp } from '../helpers/built-app';
import { describeEachDatabase } from '../helpers/db';

describeEachDatabase('a NUL in text is refused by the database as SQLSTATE 22021', (get) => {
	it('both drivers report it so that isBadInputError recognises it', async () => {
		const error = await sql`select ${'a\u0000b'}::text as t`.execute(get().db).then(
			() => null,
			(e: unknown) => e
		);
		expect(error).toBeTruthy();
		expect(isBadInputError(error)).toBe(true);
		// The connection is still usable afterwards.
		expect((await sql<{ n: number }>`select 1 as n`.execute(get().db)).rows[0].n).toBe(1);
	});
});

describe('NUL bytes over HTTP (built app)', () => {
	let app: BuiltApp;
	let dataDir: string;
	let stderr = '';
	beforeAll(async () => {
		dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qk-nul-'));
		app = await startBuiltApp({ DATA_DIR: dataDir, SEED_DEMO: '0' });
		app.process.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
	}, 300_000);
	afterAll(() => {
		app?.stop();
		if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
	});

	it('an invalid sequence before the NUL in a query (%FF%00) is 400, not 500', async () => {
		for (const p of ['/beteiligung?bereich=%FF%00', '/karte?indikator=%ff%00', '/sozialraeume/%FF%00']) {
			const r = await fetch(`${app.base}${p}`);
			expect(r.status, p).toBe(400);
			expect(await r.text()).toContain('Nullbyte');
		}
	});

	it('a NUL in a chunked form body (no content-length) is 400', async () => {
		const body = new TextEncoder().encode(
			`displayName=Nul%00Byte&email=nul-chunked%40example.org&password=${'x'.repeat(16)}`
		);
		const r = await fetch(`${app.base}/registrieren`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded', origin: app.base },
			body: new ReadableStream({
				start(c) {
					c.enqueue(body.slice(0, 20));
					c.enqueue(body.slice(20));
					c.close();
				}
			}),
			duplex: 'half'
		} as RequestInit);
		expect(r.status).toBe(400);
		expect(await r.text()).toContain('Nullbyte');
	});

	it('a NUL in a form too large to check twice reaches the database and still answers 400, logged without it', async () => {
		const form = new FormData();
		form.set('displayName', 'Gro\u00dfes\u0000Formular');
		form.set('email', 'nul-large@example.org');
		form.set('password', 'ein-langes-passwort-123');
		form.set('padding', 'x'.repeat(MAX_CHECKED_BODY + 1024));
		stderr = '';
		const r = await fetch(`${app.base}/registrieren`, {
			method: 'POST',
			headers: { origin: app.base },
			body: form
		});
		expect(r.status).toBe(400);
		expect(r.status).not.toBe(500);
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(stderr).toContain('bad input (SQLSTATE 22021)');
		expect(stderr).not.toContain('nul-large@example.org');
		expect(stderr).not.toContain('Formular');
		// The same form without the NUL goes through (303 to the "mail sent" page).
		form.set('displayName', 'Großes Formular');
		const ok = await fetch(`${app.base}/registrieren`, {
			method: 'POST',
			headers: { origin: app.base },
			body: form,
			redirect: 'manual'
		});
		expect(ok.status).toBeLessThan(500);
	});
});
