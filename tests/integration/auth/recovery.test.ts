import { expect, it } from 'vitest';
import { login } from '../../../src/lib/server/auth/login';
import {
	checkMagicLink,
	loginWithMagicLink,
	requestMagicLink
} from '../../../src/lib/server/auth/magic-link';
import { register } from '../../../src/lib/server/auth/register';
import { checkResetToken, requestPasswordReset, resetPassword } from '../../../src/lib/server/auth/reset';
import { validateSessionToken } from '../../../src/lib/server/auth/session';
import { authContext, mailsTo, tokenFromMail, uniqueEmail } from '../helpers/auth-context';
import { describeEachDatabase } from '../helpers/db';

const PASSWORD = 'ein langes Passwort 2026';

describeEachDatabase('password reset and magic links', (get) => {
	async function account(prefix: string) {
		const ctx = authContext(get());
		const email = uniqueEmail(prefix);
		await register(ctx, { displayName: prefix, email, password: PASSWORD });
		return { ctx, email };
	}

	it('a reset sets the new password, ends ALL sessions, deletes reset tokens and signs in afresh', async () => {
		const { ctx, email } = await account('reset');
		const first = await login(ctx, { email, password: PASSWORD });
		const second = await login(ctx, { email, password: PASSWORD });
		if (!first.ok || !second.ok) throw new Error('login failed');

		expect(await requestPasswordReset(ctx, { email: email.toUpperCase() })).toEqual({
			ok: true,
			value: null
		});
		const token = await tokenFromMail(ctx.db, email, 'reset_password', '/passwort-neu');
		expect((await checkResetToken(ctx, token)).state).toBe('valid');

		const result = await resetPassword(ctx, token, { password: 'das neue Passwort 2027' });
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect((await validateSessionToken(ctx.db, first.value.token)).session).toBeNull();
		expect((await validateSessionToken(ctx.db, second.value.token)).session).toBeNull();
		expect((await validateSessionToken(ctx.db, result.value.token)).user?.email).toBe(email);

		const tokens = await ctx.db
			.selectFrom('auth_token')
			.select('id')
			.where('user_id', '=', result.value.userId)
			.where('purpose', '=', 'reset_password')
			.execute();
		expect(tokens).toEqual([]);
		const user = await ctx.db
			.selectFrom('app_user')
			.select(['password_changed_at', 'email_verified_at'])
			.where('id', '=', result.value.userId)
			.executeTakeFirstOrThrow();
		expect(user.password_changed_at?.getTime()).toBe(ctx.now.getTime());
		expect(user.email_verified_at).not.toBeNull();

		expect(await login(ctx, { email, password: PASSWORD })).toEqual({
			ok: false,
			code: 'invalid_credentials'
		});
		expect((await login(ctx, { email, password: 'das neue Passwort 2027' })).ok).toBe(true);
		expect(await resetPassword(ctx, token, { password: 'noch ein Passwort 2028' })).toEqual({
			ok: false,
			code: 'invalid'
		});
		const audit = await ctx.db
			.selectFrom('audit_log')
			.select('action')
			.where('actor_id', '=', result.value.userId)
			.execute();
		expect(audit.map((a) => a.action)).toContain('auth.password_reset');
	});

	it('an unknown address gets the same answer and no mail; a reset link expires after an hour', async () => {
		const ctx = authContext(get());
		const nobody = uniqueEmail('niemand');
		expect(await requestPasswordReset(ctx, { email: nobody })).toEqual({ ok: true, value: null });
		expect(await mailsTo(ctx.db, nobody)).toEqual([]);

		const { email } = await account('abgelaufen');
		await requestPasswordReset(ctx, { email });
		const token = await tokenFromMail(ctx.db, email, 'reset_password', '/passwort-neu');
		const later = authContext(get(), { now: new Date(ctx.now.getTime() + 61 * 60 * 1000) });
		expect((await checkResetToken(later, token)).state).toBe('expired');
		expect(await resetPassword(later, token, { password: 'zu spät gesetzt 123' })).toEqual({
			ok: false,
			code: 'expired'
		});
	});

	it('limits reset mails per address typed', async () => {
		const { email } = await account('viele-resets');
		for (let i = 0; i < 3; i++) {
			// A different client address each time: the per-e-mail limit still applies.
			expect((await requestPasswordReset(authContext(get()), { email })).ok).toBe(true);
		}
		expect(await requestPasswordReset(authContext(get()), { email })).toMatchObject({
			ok: false,
			code: 'rate_limited'
		});
		expect((await mailsTo(get().db, email)).filter((m) => m.kind === 'reset_password')).toHaveLength(3);
	});

	it('a magic link signs in once, verifies the address, and only the newest link works', async () => {
		const { ctx, email } = await account('magisch');
		expect(await requestMagicLink(ctx, { email })).toEqual({ ok: true, value: null });
		const older = await tokenFromMail(ctx.db, email, 'magic_link', '/anmelden/link');
		await requestMagicLink(ctx, { email });
		const token = await tokenFromMail(ctx.db, email, 'magic_link', '/anmelden/link');
		expect(token).not.toBe(older);
		expect((await checkMagicLink(ctx, older)).state).toBe('invalid');

		// Looking at the page (GET) does not use the link up.
		expect((await checkMagicLink(ctx, token)).state).toBe('valid');
		expect((await checkMagicLink(ctx, token)).state).toBe('valid');
		const result = await loginWithMagicLink(ctx, token);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect((await validateSessionToken(ctx.db, result.value.token)).user).toMatchObject({
			email,
			emailVerified: true
		});
		expect(await loginWithMagicLink(ctx, token)).toEqual({ ok: false, code: 'invalid' });
	});

	it('two concurrent uses of one magic link create exactly one session', async () => {
		const { ctx, email } = await account('gleichzeitig');
		await requestMagicLink(ctx, { email });
		const token = await tokenFromMail(ctx.db, email, 'magic_link', '/anmelden/link');
		const results = await Promise.all([loginWithMagicLink(ctx, token), loginWithMagicLink(ctx, token)]);
		expect(results.filter((r) => r.ok)).toHaveLength(1);
	});

	it('a magic link expires after 15 minutes; unknown addresses get no mail', async () => {
		const { ctx, email } = await account('kurz');
		await requestMagicLink(ctx, { email });
		const token = await tokenFromMail(ctx.db, email, 'magic_link', '/anmelden/link');
		const later = authContext(get(), { now: new Date(ctx.now.getTime() + 15 * 60 * 1000 + 1) });
		expect((await checkMagicLink(later, token)).state).toBe('expired');
		expect(await loginWithMagicLink(later, token)).toEqual({ ok: false, code: 'expired' });

		const nobody = uniqueEmail('unbekannt');
		expect(await requestMagicLink(ctx, { email: nobody })).toEqual({ ok: true, value: null });
		expect(await mailsTo(ctx.db, nobody)).toEqual([]);
	});
});
