// Forgotten password: a link by mail (neutral answer), then a new password that ends every session.
import { absoluteUrl, buildMail, enqueueMail } from '../mail';
import { writeAudit } from '../core';
import { consumeMailLimits } from './limits';
import { consumeToken, issueToken, peekToken, type TokenState } from './one-time-tokens';
import { hashPassword } from './password';
import type { EmailInput, NewPasswordInput } from './schemas';
import { createSession, type Session } from './session';
import type { AuthContext, RateLimited } from './types';
import { findAccountByEmail } from './users';

export type RequestResetResult = { ok: true; value: null } | RateLimited;

export async function requestPasswordReset(ctx: AuthContext, input: EmailInput): Promise<RequestResetResult> {
	const limited = await consumeMailLimits(ctx, 'reset', input.email);
	if (limited) return limited;
	await ctx.db.transaction().execute(async (trx) => {
		const account = await findAccountByEmail(trx, input.email);
		if (!account || account.blockedAt) return;
		const token = await issueToken(trx, account.id, 'reset_password', ctx.now);
		await enqueueMail(
			trx,
			buildMail('reset_password', account.locale, account.email, {
				name: account.displayName,
				link: absoluteUrl(ctx.config.origin, `/passwort-neu/${token}`),
				minutes: 60
			})
		);
	});
	return { ok: true, value: null };
}

export function checkResetToken(ctx: AuthContext, token: string): Promise<TokenState> {
	return peekToken(ctx.db, token, ['reset_password'], ctx.now);
}

export type ResetResult =
	| { ok: true; value: { token: string; session: Session; userId: string } }
	| { ok: false; code: 'invalid' | 'expired' };

export async function resetPassword(
	ctx: AuthContext,
	token: string,
	input: NewPasswordInput
): Promise<ResetResult> {
	// Hash outside the transaction: argon2 takes a while and the embedded database has one connection.
	const passwordHash = await hashPassword(input.password);
	const result = await ctx.db.transaction().execute(async (trx) => {
		const used = await consumeToken(trx, token, ['reset_password'], ctx.now);
		if (used.state !== 'valid') return { ok: false as const, code: used.state };
		const { userId } = used.token;
		await trx
			.updateTable('app_user')
			// The link arrived by mail, so the address is proven as well.
			.set((eb) => ({
				password_hash: passwordHash,
				password_changed_at: ctx.now,
				email_verified_at: eb.fn.coalesce('email_verified_at', eb.val(ctx.now))
			}))
			.where('id', '=', userId)
			.execute();
		await trx.deleteFrom('session').where('user_id', '=', userId).execute();
		await trx
			.deleteFrom('auth_token')
			.where('user_id', '=', userId)
			.where('purpose', '=', 'reset_password')
			.execute();
		await writeAudit(trx, {
			actorId: userId,
			action: 'auth.password_reset',
			subjectType: 'app_user',
			subjectId: userId
		});
		return { ok: true as const, userId };
	});
	if (!result.ok) return result;
	const { token: sessionToken, session } = await createSession(ctx.db, result.userId, ctx.now);
	return { ok: true, value: { token: sessionToken, session, userId: result.userId } };
}
