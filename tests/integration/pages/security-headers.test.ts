// The built app's HTML pages carry a strict Content-Security-Policy (kit.csp, nonce on the inline
// hydration script) with a configured TILE_URL's origin in img-src, plus the other security headers.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBuiltApp, type BuiltApp } from '../helpers/built-app';

function directives(csp: string): Map<string, string[]> {
	return new Map(
		csp
			.split(';')
			.map((d) => d.trim().split(/\s+/))
			.filter((d) => d[0])
			.map(([name, ...values]) => [name, values])
	);
}

describe('security headers (built app)', () => {
	let app: BuiltApp;
	let dataDir: string;
	beforeAll(async () => {
		dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qk-headers-'));
		app = await startBuiltApp(
			{ DATA_DIR: dataDir, SEED_DEMO: '0', TILE_URL: 'https://{s}.tiles.example.org/{z}/{x}/{y}.png' },
			// An https ORIGIN behind a TLS proxy: HSTS on.
			{ origin: 'https://quartier.example' }
		);
	}, 300_000);
	afterAll(() => {
		app?.stop();
		if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
	});

	for (const pathname of ['/', '/beteiligung', '/karte', '/gibt-es-nicht']) {
		it(`${pathname}: strict CSP with a nonce for the hydration script`, async () => {
			const response = await fetch(`${app.base}${pathname}`);
			const html = await response.text();
			expect(response.headers.get('content-type')).toMatch(/^text\/html/);
			const csp = response.headers.get('content-security-policy');
			expect(csp).toBeTruthy();
			const d = directives(csp!);
			expect(d.get('default-src')).toEqual(["'self'"]);
			const scripts = d.get('script-src')!;
			expect(scripts[0]).toBe("'self'");
			expect(scripts).not.toContain("'unsafe-inline'");
			expect(scripts).not.toContain("'unsafe-eval'");
			const nonce = scripts.find((s) => s.startsWith("'nonce-"))?.slice(7, -1);
			expect(nonce).toBeTruthy();
			// Every inline script of the page carries that nonce.
			const inline = [...html.matchAll(/<script(?![^>]*\ssrc=)([^>]*)>/g)].map((m) => m[1]);
			expect(inline.length).toBeGreaterThan(0);
			for (const attrs of inline) expect(attrs).toContain(`nonce="${nonce}"`);
			expect(d.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
			expect(d.get('img-src')).toEqual(["'self'", 'data:', 'blob:', 'https://*.tiles.example.org']);
			expect(d.get('connect-src')).toEqual(["'self'"]);
			expect(d.get('worker-src')).toEqual(["'self'", 'blob:']);
			expect(d.get('frame-ancestors')).toEqual(["'self'"]);
			expect(d.get('form-action')).toEqual(["'self'"]);
			expect(d.get('base-uri')).toEqual(["'self'"]);
			expect(d.get('object-src')).toEqual(["'none'"]);

			expect(response.headers.get('x-content-type-options')).toBe('nosniff');
			expect(response.headers.get('referrer-policy')).toBe('same-origin');
			expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
			expect(response.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
		});
	}

	it('a fresh nonce on every response', async () => {
		const nonces = await Promise.all(
			[1, 2].map(
				async () =>
					(await fetch(`${app.base}/`)).headers.get('content-security-policy')!.match(/'nonce-([^']+)'/)![1]
			)
		);
		expect(nonces[0]).not.toBe(nonces[1]);
	});
});
