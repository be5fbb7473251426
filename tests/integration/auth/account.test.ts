import { expect, it } from 'vitest';
import {
	changeDisplayName,
	changePassword,
	deleteAccount,
	getAccountOverview,
	requestEmailChange,
	resendVerification
} from '../../../src/lib/server/auth/account';
import { login } from '../../../src/lib/server/auth/login';
import { exportPersonalData } from '../../../src/lib/server/participation/personal-data';
import { register } from '../../../src/lib/server/auth/register';
import { validateSessionToken } from '../../../src/lib/server/auth/session';
import { confirmEmailToken } from '../../../src/lib/server/auth/verify';
import { authContext, mailsTo, tokenFromMail, uniqueEmail } from '../helpers/auth-context';
import { describeEachDatabase } from '../helpers/db';

const PASSWORD = 'ein langes Passwort 2026';

describeEachDatabase('the account page commands', (get) => {
	async function signedIn(prefix: string) {
		const ctx = authContext(get());
		const email = uniqueEmail(prefix);
		await register(ctx, { displayName: prefix, email, password: PASSWORD });
		const result = await login(ctx, { email, password: PASSWORD });
		if (!result.ok) throw new Error('login failed');
		return { ctx, email, userId: result.value.userId, session: result.value };
	}

	it('guessing the current password is limited like a login (a stolen session cannot try forever)', async () => {
		const { ctx, userId, session } = await signedIn('guess');
		const tries = [];
		for (let i = 0; i < 6; i++)
			tries.push(
				(await changePassword(ctx, userId, session.session.id, {
					currentPassword: `falsch-${i}`,
					newPassword: 'neu und lang 123'
				})) as { code: string }
			);
		expect(tries.slice(0, 5).map((r) => r.code)).toEqual(Array(5).fill('wrong_password'));
		expect(tries[5]).toMatchObject({ ok: false, code: 'rate_limited' });
		// Even the right password waits now.
		expect(
			await deleteAccount(ctx, userId, {
				currentPassword: PASSWORD,
				confirm: 'on',
				contributions: 'anonymise'
			})
		).toMatchObject({ ok: false, code: 'rate_limited' });
	});

	it('changing the password needs the current one and ends all OTHER sessions', async () => {
		const { ctx, email, userId, session } = await signedIn('pw');
		const other = await login(ctx, { email, password: PASSWORD });
		if (!other.ok) throw new Error('login failed');

		expect(
			await changePassword(ctx, userId, session.session.id, {
				currentPassword: 'falsch',
				newPassword: 'neu und lang 123'
			})
		).toEqual({ ok: false, code: 'wrong_password' });
		expect(
			await changePassword(ctx, userId, session.session.id, { newPassword: 'neu und lang 123' })
		).toEqual({
			ok: false,
			code: 'password_missing'
		});
		expect(
			await changePassword(ctx, userId, session.session.id, {
				currentPassword: PASSWORD,
				newPassword: 'neu und lang 123'
			})
		).toEqual({ ok: true, value: null });
		expect((await validateSessionToken(ctx.db, session.token)).session).not.toBeNull();
		expect((await validateSessionToken(ctx.db, other.value.token)).session).toBeNull();
		expect((await login(ctx, { email, password: 'neu und lang 123' })).ok).toBe(true);
		const audit = await ctx.db
			.selectFrom('audit_log')
			.select('action')
			.where('actor_id', '=', userId)
			.execute();
		expect(audit.map((a) => a.action)).toEqual(['auth.password_changed']);
	});

	it('changes the display name', async () => {
		const { ctx, userId } = await signedIn('name');
		await changeDisplayName(ctx, userId, { displayName: 'Neuer Name' });
		expect((await getAccountOverview(ctx, userId))?.displayName).toBe('Neuer Name');
	});

	it('changes the e-mail only after the link sent to the NEW address is used, and tells the old one', async () => {
		const { ctx, email, userId } = await signedIn('alt');
		const newEmail = uniqueEmail('neu');
		expect(await requestEmailChange(ctx, userId, { email: newEmail, currentPassword: 'falsch' })).toEqual({
			ok: false,
			code: 'wrong_password'
		});
		expect(
			await requestEmailChange(ctx, userId, { email: email.toUpperCase(), currentPassword: PASSWORD })
		).toEqual({
			ok: false,
			code: 'same_email'
		});
		expect(await requestEmailChange(ctx, userId, { email: newEmail, currentPassword: PASSWORD })).toEqual({
			ok: true,
			value: null
		});
		const overview = await getAccountOverview(ctx, userId);
		expect(overview).toMatchObject({ email, pendingEmail: newEmail });

		const token = await tokenFromMail(ctx.db, newEmail, 'change_email', '/bestaetigen');
		expect(await confirmEmailToken(ctx, token)).toMatchObject({
			ok: true,
			value: { purpose: 'change_email', userId }
		});
		expect(await getAccountOverview(ctx, userId)).toMatchObject({
			email: newEmail,
			emailVerified: true,
			pendingEmail: null
		});
		const toOld = await mailsTo(ctx.db, email);
		expect(toOld.at(-1)).toMatchObject({ kind: 'email_changed' });
		expect(toOld.at(-1)!.body_text).toContain(newEmail);
		expect((await login(ctx, { email: newEmail, password: PASSWORD })).ok).toBe(true);
		const audit = await ctx.db
			.selectFrom('audit_log')
			.select('action')
			.where('actor_id', '=', userId)
			.execute();
		expect(audit.map((a) => a.action)).toContain('auth.email_changed');
	});

	it('an address that belongs to another account is not revealed: its owner is told instead', async () => {
		const { ctx, userId } = await signedIn('eins');
		const taken = await signedIn('zwei');
		expect(await requestEmailChange(ctx, userId, { email: taken.email, currentPassword: PASSWORD })).toEqual({
			ok: true,
			value: null
		});
		const mails = await mailsTo(ctx.db, taken.email);
		expect(mails.map((m) => m.kind)).toEqual(['verify_email', 'account_exists']);
		expect((await getAccountOverview(ctx, userId))?.pendingEmail).toBeNull();
	});

	it('a confirmation link for an address taken in the meantime fails cleanly', async () => {
		const { ctx, userId } = await signedIn('wettlauf');
		const newEmail = uniqueEmail('begehrt');
		await requestEmailChange(ctx, userId, { email: newEmail, currentPassword: PASSWORD });
		const token = await tokenFromMail(ctx.db, newEmail, 'change_email', '/bestaetigen');
		await register(authContext(get()), { displayName: 'Schneller', email: newEmail, password: PASSWORD });
		expect(await confirmEmailToken(ctx, token)).toEqual({ ok: false, code: 'email_taken' });
	});

	it('resends the verification mail until verified', async () => {
		const { ctx, email, userId } = await signedIn('nochmal');
		expect(await resendVerification(ctx, userId)).toEqual({ ok: true, value: null });
		const mails = (await mailsTo(ctx.db, email)).filter((m) => m.kind === 'verify_email');
		expect(mails).toHaveLength(2);
		const token = await tokenFromMail(ctx.db, email, 'verify_email', '/bestaetigen');
		expect((await confirmEmailToken(ctx, token)).ok).toBe(true);
		expect(await resendVerification(ctx, userId)).toEqual({ ok: false, code: 'already_verified' });
	});

	it('exports the person’s data without hashes or session ids', async () => {
		const { ctx, email, userId, session } = await signedIn('export');
		const data = await exportPersonalData(ctx.db, userId, ctx.now);
		expect(data).toMatchObject({
			format: 'quartierskompass.personal-data',
			version: 1,
			profile: { email, displayName: 'export', language: 'de', emailVerifiedAt: null },
			roles: [{ role: 'resident', scopeType: 'global', scopeId: null }],
			sections: { activity: [], uploads: [] }
		});
		expect(data!.sessions).toEqual([
			{ createdAt: expect.any(String), expiresAt: session.session.expiresAt.toISOString() }
		]);
		const text = JSON.stringify(data);
		expect(text).not.toContain('argon2');
		expect(text).not.toContain(session.session.id);
		expect(text).not.toContain(userId);
		const tokenHashes = await ctx.db
			.selectFrom('auth_token')
			.select('id')
			.where('user_id', '=', userId)
			.execute();
		expect(tokenHashes.length).toBeGreaterThan(0);
		for (const { id } of tokenHashes) expect(text).not.toContain(id);
	});

	it('deleting the account needs the password and removes sessions, tokens and grants; the audit keeps no actor', async () => {
		const { ctx, email, userId, session } = await signedIn('weg');
		expect(
			await deleteAccount(ctx, userId, {
				currentPassword: 'falsch',
				confirm: 'on',
				contributions: 'anonymise'
			})
		).toEqual({
			ok: false,
			code: 'wrong_password'
		});
		expect(
			await deleteAccount(ctx, userId, {
				currentPassword: PASSWORD,
				confirm: 'on',
				contributions: 'anonymise'
			})
		).toEqual({
			ok: true,
			value: null
		});
		expect((await validateSessionToken(ctx.db, session.token)).session).toBeNull();
		for (const table of ['session', 'auth_token', 'role_grant'] as const) {
			const rows = await ctx.db.selectFrom(table).select('user_id').where('user_id', '=', userId).execute();
			expect(rows, table).toEqual([]);
		}
		const audit = await ctx.db
			.selectFrom('audit_log')
			.select(['actor_id', 'action'])
			.where('subject_id', '=', userId)
			.execute();
		expect(audit).toEqual([{ actor_id: null, action: 'auth.account_deleted' }]);
		expect(await login(ctx, { email, password: PASSWORD })).toEqual({
			ok: false,
			code: 'invalid_credentials'
		});
	});
});
