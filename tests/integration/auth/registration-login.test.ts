import { expect, it } from 'vitest';
import { login } from '../../../src/lib/server/auth/login';
import { register } from '../../../src/lib/server/auth/register';
import { invalidateSession, validateSessionToken } from '../../../src/lib/server/auth/session';
import { checkVerificationToken, confirmEmailToken } from '../../../src/lib/server/auth/verify';
import { authContext, mailsTo, tokenFromMail, uniqueEmail } from '../helpers/auth-context';
import { describeEachDatabase } from '../helpers/db';

const PASSWORD = 'ein langes Passwort 2026';

describeEachDatabase('registration, verification and login', (get) => {
	it('registers, grants the resident role, mails a verification link and verifies once', async () => {
		const ctx = authContext(get(), { locale: 'en' });
		const email = uniqueEmail('Neu');
		const result = await register(ctx, { displayName: 'Nina Neu', email, password: PASSWORD });
		expect(result).toEqual({ ok: true, value: { created: true } });

		const user = await ctx.db
			.selectFrom('app_user')
			.select(['id', 'email_verified_at', 'password_hash', 'locale'])
			.where('email', '=', email)
			.executeTakeFirstOrThrow();
		expect(user.email_verified_at).toBeNull();
		expect(user.password_hash).toMatch(/^\$argon2id\$/);
		expect(user.locale).toBe('en');
		const grants = await ctx.db
			.selectFrom('role_grant')
			.select(['role', 'scope_type', 'scope_id'])
			.where('user_id', '=', user.id)
			.execute();
		expect(grants).toEqual([{ role: 'resident', scope_type: 'global', scope_id: null }]);

		const [mail] = await mailsTo(ctx.db, email);
		expect(mail.kind).toBe('verify_email');
		expect(mail.subject).toBe('Please confirm your e-mail address');
		const token = await tokenFromMail(ctx.db, email, 'verify_email', '/bestaetigen');
		// Only the hash is stored, valid for 48 hours.
		const stored = await ctx.db.selectFrom('auth_token').select(['id', 'purpose', 'expires_at']).execute();
		expect(stored.some((s) => s.id === token)).toBe(false);
		const mine = stored.find((s) => s.purpose === 'verify_email');
		expect(mine!.expires_at.getTime() - ctx.now.getTime()).toBe(48 * 3600 * 1000);

		expect((await checkVerificationToken(ctx, token)).state).toBe('valid');
		expect(await confirmEmailToken(ctx, token)).toMatchObject({
			ok: true,
			value: { purpose: 'verify_email' }
		});
		const verified = await ctx.db
			.selectFrom('app_user')
			.select('email_verified_at')
			.where('id', '=', user.id)
			.executeTakeFirstOrThrow();
		expect(verified.email_verified_at).not.toBeNull();
		expect(await confirmEmailToken(ctx, token)).toEqual({ ok: false, code: 'invalid' });
	});

	it('answers a duplicate address (any case) the same way and mails the owner instead', async () => {
		const ctx = authContext(get());
		const email = uniqueEmail('doppelt');
		await register(ctx, { displayName: 'Erste', email, password: PASSWORD });
		const again = await register(ctx, {
			displayName: 'Zweite',
			email: email.toUpperCase(),
			password: 'ein anderes Passwort'
		});
		expect(again).toEqual({ ok: true, value: { created: false } });
		const users = await ctx.db
			.selectFrom('app_user')
			.select('display_name')
			.where('email', 'ilike', email)
			.execute();
		expect(users).toEqual([{ display_name: 'Erste' }]);
		const mails = await mailsTo(ctx.db, email);
		expect(mails.map((m) => m.kind)).toEqual(['verify_email', 'account_exists']);
		expect(mails[1].subject).toBe('Sie haben bereits ein Konto');
		expect(mails[1].body_text).toContain('https://quartier.example/passwort-vergessen');
	});

	it('refuses an expired verification link', async () => {
		const ctx = authContext(get());
		const email = uniqueEmail('spaet');
		await register(ctx, { displayName: 'Spät', email, password: PASSWORD });
		const token = await tokenFromMail(ctx.db, email, 'verify_email', '/bestaetigen');
		const later = authContext(get(), { now: new Date(ctx.now.getTime() + 49 * 3600 * 1000) });
		expect((await checkVerificationToken(later, token)).state).toBe('expired');
		expect(await confirmEmailToken(later, token)).toEqual({ ok: false, code: 'expired' });
	});

	it('logs in with the right password (any case of the address) and refuses a wrong one or an unknown address alike', async () => {
		const ctx = authContext(get());
		const email = uniqueEmail('login');
		await register(ctx, { displayName: 'Lena Login', email, password: PASSWORD });

		const ok = await login(ctx, { email: email.toUpperCase(), password: PASSWORD });
		expect(ok.ok).toBe(true);
		if (!ok.ok) return;
		const validated = await validateSessionToken(ctx.db, ok.value.token);
		expect(validated.user?.email).toBe(email);

		expect(await login(ctx, { email, password: 'falsches Passwort' })).toEqual({
			ok: false,
			code: 'invalid_credentials'
		});
		expect(await login(ctx, { email: uniqueEmail('niemand'), password: PASSWORD })).toEqual({
			ok: false,
			code: 'invalid_credentials'
		});

		// Logout ends the session.
		await invalidateSession(ctx.db, ok.value.session.id);
		expect((await validateSessionToken(ctx.db, ok.value.token)).session).toBeNull();
	});

	it('unverified accounts can log in; blocked accounts cannot', async () => {
		const ctx = authContext(get());
		const email = uniqueEmail('gesperrt');
		await register(ctx, { displayName: 'Gesperrt', email, password: PASSWORD });
		expect((await login(ctx, { email, password: PASSWORD })).ok).toBe(true);
		await ctx.db.updateTable('app_user').set({ blocked_at: ctx.now }).where('email', '=', email).execute();
		expect(await login(ctx, { email, password: PASSWORD })).toEqual({
			ok: false,
			code: 'invalid_credentials'
		});
	});

	it('refuses the 6th rapid wrong login without checking the password, per (e-mail, address) only', async () => {
		const ctx = authContext(get(), { clientAddress: '198.51.100.7' });
		const email = uniqueEmail('rate');
		await register(ctx, { displayName: 'Rate', email, password: PASSWORD });
		for (let i = 0; i < 5; i++) {
			expect(await login(ctx, { email, password: `falsch ${i}` })).toEqual({
				ok: false,
				code: 'invalid_credentials'
			});
		}
		const sixth = await login(ctx, { email, password: PASSWORD });
		expect(sixth).toMatchObject({ ok: false, code: 'rate_limited' });
		if (sixth.ok || sixth.code !== 'rate_limited') return;
		expect(sixth.retryAfterSeconds).toBeGreaterThan(14 * 60);
		expect(sixth.retryAfterSeconds).toBeLessThanOrEqual(15 * 60);

		// Another client address is not blocked for the same account …
		const elsewhere = authContext(get(), { clientAddress: '203.0.113.9' });
		expect((await login(elsewhere, { email, password: PASSWORD })).ok).toBe(true);
		// … and the window ends after 15 minutes.
		const later = authContext(get(), {
			clientAddress: '198.51.100.7',
			now: new Date(ctx.now.getTime() + 15 * 60 * 1000 + 1000)
		});
		expect((await login(later, { email, password: PASSWORD })).ok).toBe(true);

		// The stored keys are HMACs: neither the address nor the e-mail appears.
		const keys = await ctx.db.selectFrom('rate_limit').select('key').execute();
		expect(keys.every((k) => /^[0-9a-f]{64}$/.test(k.key))).toBe(true);
	});

	it('a successful login resets the counter', async () => {
		const ctx = authContext(get(), { clientAddress: '198.51.100.8' });
		const email = uniqueEmail('reset-counter');
		await register(ctx, { displayName: 'Zähler', email, password: PASSWORD });
		for (let i = 0; i < 4; i++) await login(ctx, { email, password: 'falsch' });
		expect((await login(ctx, { email, password: PASSWORD })).ok).toBe(true);
		for (let i = 0; i < 5; i++) {
			expect(await login(ctx, { email, password: 'falsch' })).toEqual({
				ok: false,
				code: 'invalid_credentials'
			});
		}
		expect(await login(ctx, { email, password: PASSWORD })).toMatchObject({ code: 'rate_limited' });
	});

	it('limits registrations per client address', async () => {
		const ctx = authContext(get(), { clientAddress: '198.51.100.99' });
		for (let i = 0; i < 5; i++) {
			expect(
				(await register(ctx, { displayName: `R${i}`, email: uniqueEmail('viele'), password: PASSWORD })).ok
			).toBe(true);
		}
		expect(
			await register(ctx, { displayName: 'R6', email: uniqueEmail('viele'), password: PASSWORD })
		).toMatchObject({ ok: false, code: 'rate_limited' });
	});
});
