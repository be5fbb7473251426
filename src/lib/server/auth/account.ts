// The signed-in person's own account: name, e-mail, password, verification mail, deletion.
import { absoluteUrl, buildMail, enqueueMail } from '../mail';
import { writeAudit } from '../core';
import { registry } from '../participation/registry';
import { consumeAccountMailLimit, LIMITS } from './limits';
import { consumeRateLimit } from './rate-limit';
import { issueToken } from './one-time-tokens';
import { hashPassword, verifyPassword } from './password';
import type { ChangeEmailInput, ChangePasswordInput, DeleteAccountInput, DisplayNameInput } from './schemas';
import type { AuthContext, RateLimited, Result } from './types';
import { findAccountByEmail, findAccountById, type AccountRow } from './users';

export interface AccountOverview {
	email: string;
	displayName: string;
	emailVerified: boolean;
	hasPassword: boolean;
	/** An e-mail change waiting for confirmation from the new address. */
	pendingEmail: string | null;
	createdAt: Date;
}

export async function getAccountOverview(ctx: AuthContext, userId: string): Promise<AccountOverview | null> {
	const user = await ctx.db
		.selectFrom('app_user')
		.select(['email', 'display_name', 'email_verified_at', 'password_hash', 'created_at'])
		.where('id', '=', userId)
		.executeTakeFirst();
	if (!user) return null;
	const pending = await ctx.db
		.selectFrom('auth_token')
		.select('new_email')
		.where('user_id', '=', userId)
		.where('purpose', '=', 'change_email')
		.where('expires_at', '>', ctx.now)
		.executeTakeFirst();
	return {
		email: user.email,
		displayName: user.display_name,
		emailVerified: user.email_verified_at !== null,
		hasPassword: user.password_hash !== null,
		pendingEmail: pending?.new_email ?? null,
		createdAt: user.created_at
	};
}

/**
 * Accounts without a password (created for magic-link use) need none; others must type theirs.
 * Attempts are limited like logins (per account), so a stolen session cannot guess the password.
 */
async function checkCurrentPassword(
	ctx: AuthContext,
	account: AccountRow,
	password: string | undefined
): Promise<'ok' | 'password_missing' | 'wrong_password' | RateLimited> {
	if (!account.passwordHash) return 'ok';
	if (!password) return 'password_missing';
	const limit = await consumeRateLimit(
		ctx.db,
		ctx.secret,
		['current-password', account.id],
		LIMITS.login,
		ctx.now
	);
	if (!limit.allowed) return { ok: false, code: 'rate_limited', retryAfterSeconds: limit.retryAfterSeconds };
	return (await verifyPassword(account.passwordHash, password)) ? 'ok' : 'wrong_password';
}

type PasswordCode = 'password_missing' | 'wrong_password';

export async function changeDisplayName(
	ctx: AuthContext,
	userId: string,
	input: DisplayNameInput
): Promise<Result<null, 'not_found'>> {
	const result = await ctx.db
		.updateTable('app_user')
		.set({ display_name: input.displayName })
		.where('id', '=', userId)
		.executeTakeFirst();
	return Number(result.numUpdatedRows) ? { ok: true, value: null } : { ok: false, code: 'not_found' };
}

export async function resendVerification(
	ctx: AuthContext,
	userId: string
): Promise<Result<null, 'not_found' | 'already_verified'> | RateLimited> {
	const account = await findAccountById(ctx.db, userId);
	if (!account) return { ok: false, code: 'not_found' };
	if (account.emailVerifiedAt) return { ok: false, code: 'already_verified' };
	const limited = await consumeAccountMailLimit(ctx, 'resend_verification', userId);
	if (limited) return limited;
	await ctx.db.transaction().execute(async (trx) => {
		const token = await issueToken(trx, userId, 'verify_email', ctx.now);
		await enqueueMail(
			trx,
			buildMail('verify_email', account.locale, account.email, {
				name: account.displayName,
				link: absoluteUrl(ctx.config.origin, `/bestaetigen/${token}`),
				hours: 48
			})
		);
	});
	return { ok: true, value: null };
}

/**
 * Sends a confirmation link to the NEW address; the change happens only when it is used.
 * If the new address belongs to another account, that account's owner is told instead — the
 * answer here is the same, so the form reveals no accounts.
 */
export async function requestEmailChange(
	ctx: AuthContext,
	userId: string,
	input: ChangeEmailInput
): Promise<Result<null, 'not_found' | PasswordCode | 'same_email'> | RateLimited> {
	const account = await findAccountById(ctx.db, userId);
	if (!account) return { ok: false, code: 'not_found' };
	const check = await checkCurrentPassword(ctx, account, input.currentPassword);
	if (typeof check === 'object') return check;
	if (check !== 'ok') return { ok: false, code: check };
	if (account.email.toLowerCase() === input.email.toLowerCase()) return { ok: false, code: 'same_email' };
	const limited = await consumeAccountMailLimit(ctx, 'change_email', userId);
	if (limited) return limited;
	await ctx.db.transaction().execute(async (trx) => {
		const other = await findAccountByEmail(trx, input.email);
		if (other) {
			await enqueueMail(
				trx,
				buildMail('account_exists', other.locale, other.email, {
					name: other.displayName,
					loginLink: absoluteUrl(ctx.config.origin, '/anmelden'),
					resetLink: absoluteUrl(ctx.config.origin, '/passwort-vergessen')
				})
			);
			return;
		}
		const token = await issueToken(trx, userId, 'change_email', ctx.now, input.email);
		await enqueueMail(
			trx,
			buildMail('change_email', account.locale, input.email, {
				name: account.displayName,
				link: absoluteUrl(ctx.config.origin, `/bestaetigen/${token}`),
				hours: 48
			})
		);
	});
	return { ok: true, value: null };
}

/** Ends every other session (a thief signed in elsewhere is signed out); this one stays. */
export async function changePassword(
	ctx: AuthContext,
	userId: string,
	currentSessionId: string | null,
	input: ChangePasswordInput
): Promise<Result<null, 'not_found' | PasswordCode> | RateLimited> {
	const account = await findAccountById(ctx.db, userId);
	if (!account) return { ok: false, code: 'not_found' };
	const check = await checkCurrentPassword(ctx, account, input.currentPassword);
	if (typeof check === 'object') return check;
	if (check !== 'ok') return { ok: false, code: check };
	const passwordHash = await hashPassword(input.newPassword);
	await ctx.db.transaction().execute(async (trx) => {
		await trx
			.updateTable('app_user')
			.set({ password_hash: passwordHash, password_changed_at: ctx.now })
			.where('id', '=', userId)
			.execute();
		let sessions = trx.deleteFrom('session').where('user_id', '=', userId);
		if (currentSessionId) sessions = sessions.where('id', '!=', currentSessionId);
		await sessions.execute();
		await trx
			.deleteFrom('auth_token')
			.where('user_id', '=', userId)
			.where('purpose', '=', 'reset_password')
			.execute();
		await writeAudit(trx, {
			actorId: userId,
			action: 'auth.password_changed',
			subjectType: 'app_user',
			subjectId: userId
		});
	});
	return { ok: true, value: null };
}

/**
 * Deletes the account row. Every module first anonymises (default) or deletes the person's input
 * (participation registry, removeAuthor); sessions, tokens and grants go with the row (ON DELETE
 * CASCADE); the audit log keeps the deletion with actor_id set to NULL. Files are removed from
 * storage after the transaction.
 */
export async function deleteAccount(
	ctx: AuthContext,
	userId: string,
	input: DeleteAccountInput
): Promise<Result<null, 'not_found' | PasswordCode> | RateLimited> {
	const account = await findAccountById(ctx.db, userId);
	if (!account) return { ok: false, code: 'not_found' };
	const check = await checkCurrentPassword(ctx, account, input.currentPassword);
	if (typeof check === 'object') return check;
	if (check !== 'ok') return { ok: false, code: check };
	const modules = await registry.hooks();
	const files = await ctx.db.transaction().execute(async (trx) => {
		const files: string[] = [];
		for (const { hooks } of modules)
			if (hooks.removeAuthor)
				files.push(...(await hooks.removeAuthor(trx, userId, input.contributions)).files);
		await writeAudit(trx, {
			actorId: userId,
			action: 'auth.account_deleted',
			subjectType: 'app_user',
			subjectId: userId,
			details: { contributions: input.contributions }
		});
		await trx.deleteFrom('app_user').where('id', '=', userId).execute();
		return files;
	});
	for (const key of files) await ctx.storage?.delete(key).catch(() => undefined);
	return { ok: true, value: null };
}
