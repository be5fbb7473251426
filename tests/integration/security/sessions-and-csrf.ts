// Sessions and forms under attack, over real HTTP against the built app: a cross-origin form post is
// refused (CSRF), signing in always issues a new session (a planted cookie is never adopted), signing
// out ends the session on the server (the old cookie no longer works), and guessing is limited for
// the password at sign-in, the reset mail and the current-password check on /konto.
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, sessionCookie, signInOverHttp, type DemoApp } from './demo-app';

const RESIDENT = 'bewohner@musterstadt.example';
const FORM = 'application/x-www-form-urlencoded';

/** Run by security.test.ts against the shared demo app (no objects of its own). */
export function sessionsSuite(demo: () => DemoApp<unknown>) {
	describe('sessions, CSRF and guessing limits (built app)', () => {
		let base: string;
		beforeAll(() => {
			base = demo().app.base;
		});

		/** What a page says to the holder of a session cookie: signed in (200) or sent to sign in. */
		async function konto(token: string, address: string) {
			const r = await fetch(`${base}/konto`, {
				redirect: 'manual',
				headers: { cookie: `qk_session=${token}`, 'x-forwarded-for': address }
			});
			await r.arrayBuffer();
			return r.status === 200 ? 'signed-in' : (r.headers.get('location') ?? String(r.status));
		}

		function post(
			path: string,
			body: Record<string, string>,
			opts: { address: string; token?: string; origin?: string }
		) {
			return fetch(`${base}${path}`, {
				method: 'POST',
				redirect: 'manual',
				headers: {
					origin: opts.origin ?? base,
					accept: 'text/html',
					'content-type': FORM,
					'x-forwarded-for': opts.address,
					...(opts.token ? { cookie: `qk_session=${opts.token}` } : {})
				},
				body: new URLSearchParams(body).toString()
			});
		}

		it('refuses cross-origin form posts (sign-in, account change, +server.ts endpoint)', async () => {
			const address = '203.0.113.60';
			const evil = { address, origin: 'https://evil.example' };
			const login = await post('/anmelden?/login', { email: RESIDENT, password: DEMO_PASSWORD }, evil);
			expect(login.status).toBe(403);
			expect(sessionCookie(login)).toBeUndefined();

			const { token } = await signInOverHttp(base, RESIDENT, { address });
			expect(token).toBeTruthy();
			const rename = await post(
				'/konto?/name',
				{ displayName: 'Von außen geändert' },
				{ ...evil, token: token! }
			);
			expect(rename.status).toBe(403);
			const follow = await post(
				'/folgen',
				{ targetType: 'consultation', targetId: '00000000-0000-4000-8000-000000000000', action: 'follow' },
				{ ...evil, token: token! }
			);
			expect(follow.status).toBe(403);
			const page = await fetch(`${base}/konto`, {
				headers: { cookie: `qk_session=${token}`, 'x-forwarded-for': address }
			});
			expect(await page.text()).not.toContain('Von außen geändert');
			// The same post from our own origin goes through.
			const own = await post(
				'/konto?/name',
				{ displayName: 'Berta Bewohnerin (Demo)' },
				{ address, token: token! }
			);
			expect(own.status).toBe(303);
		});

		it('issues a new session on every sign-in and never adopts a planted cookie', async () => {
			const address = '203.0.113.61';
			const planted = 'a'.repeat(40);
			const first = await signInOverHttp(base, RESIDENT, { address, cookie: planted });
			expect(first.response.status).toBe(303);
			expect(first.token).toBeTruthy();
			expect(first.token).not.toBe(planted);
			expect(await konto(planted, address)).toMatch(/^\/anmelden/);
			const second = await signInOverHttp(base, RESIDENT, { address, cookie: first.token! });
			expect(second.token).toBeTruthy();
			expect(second.token).not.toBe(first.token);
			expect(await konto(second.token!, address)).toBe('signed-in');
		});

		it('signing out ends the session on the server: the old cookie no longer works', async () => {
			const address = '203.0.113.62';
			const { token } = await signInOverHttp(base, RESIDENT, { address });
			expect(await konto(token!, address)).toBe('signed-in');
			const out = await post('/abmelden', {}, { address, token: token! });
			expect(out.status).toBe(303);
			expect(sessionCookie(out)).toBeNull();
			// A copy of the cookie kept by an attacker (or a shared computer's browser) is dead too.
			expect(await konto(token!, address)).toMatch(/^\/anmelden/);
		});

		it('limits password guessing at sign-in: the sixth try is refused, even with the right password', async () => {
			const address = '203.0.113.63';
			for (let i = 0; i < 5; i++) {
				const r = await signInOverHttp(base, 'planung@musterstadt.example', {
					address,
					password: `falsch-${i}-Passwort`
				});
				expect(r.response.status).toBe(400);
				expect(r.token).toBeUndefined();
			}
			const blocked = await signInOverHttp(base, 'planung@musterstadt.example', { address });
			expect(blocked.response.status).toBe(429);
			expect(blocked.token).toBeUndefined();
		});

		it('limits password-reset mails per address', async () => {
			const address = '203.0.113.64';
			const email = 'moderation@musterstadt.example';
			const statuses: number[] = [];
			for (let i = 0; i < 4; i++) {
				const r = await post('/passwort-vergessen', { email }, { address });
				await r.arrayBuffer();
				statuses.push(r.status);
			}
			expect(statuses.slice(0, 3)).toEqual([303, 303, 303]);
			expect(statuses[3]).toBe(429);
		});

		it('limits current-password checks on /konto', async () => {
			const address = '203.0.113.65';
			const { token } = await signInOverHttp(base, 'admin@musterstadt.example', { address });
			const statuses: number[] = [];
			for (let i = 0; i < 6; i++) {
				const r = await post(
					'/konto?/password',
					{ currentPassword: `geraten-${i}-Passwort`, newPassword: 'Ein-neues-langes-Passwort-2026' },
					{ address, token: token! }
				);
				await r.arrayBuffer();
				statuses.push(r.status);
			}
			expect(statuses.slice(0, 5).every((s) => s === 400)).toBe(true);
			expect(statuses[5]).toBe(429);
			// Still signed in, password unchanged: the right one works at sign-in.
			const again = await signInOverHttp(base, 'admin@musterstadt.example', { address: '203.0.113.66' });
			expect(again.response.status).toBe(303);
		});
	});
}
