// The link from a verification or e-mail-change mail. The page shows a button; the POST lands here
// (mail scanners open GET links, which must not use the link up).
import { absoluteUrl, buildMail, enqueueMail } from '../mail';
import { writeAudit } from '../core';
import { consumeToken, peekToken, type TokenState } from './one-time-tokens';
import type { AuthContext, Result } from './types';
import { findAccountByEmail, findAccountById, isUniqueViolation } from './users';

const PURPOSES = ['verify_email', 'change_email'] as const;

export function checkVerificationToken(ctx: AuthContext, token: string): Promise<TokenState> {
	return peekToken(ctx.db, token, [...PURPOSES], ctx.now);
}

export type VerifyResult = Result<
	{ purpose: 'verify_email' | 'change_email'; userId: string },
	'invalid' | 'expired' | 'email_taken'
>;

export async function confirmEmailToken(ctx: AuthContext, token: string): Promise<VerifyResult> {
	try {
		return await ctx.db.transaction().execute(async (trx): Promise<VerifyResult> => {
			const used = await consumeToken(trx, token, [...PURPOSES], ctx.now);
			if (used.state !== 'valid') return { ok: false, code: used.state };
			const { userId, purpose, newEmail } = used.token;
			if (purpose === 'verify_email') {
				await trx
					.updateTable('app_user')
					.set((eb) => ({ email_verified_at: eb.fn.coalesce('email_verified_at', eb.val(ctx.now)) }))
					.where('id', '=', userId)
					.execute();
				return { ok: true, value: { purpose, userId } };
			}
			// change_email: the new address has proven itself; apply the change now.
			const account = await findAccountById(trx, userId);
			if (!account || !newEmail) return { ok: false, code: 'invalid' };
			const other = await findAccountByEmail(trx, newEmail);
			if (other && other.id !== userId) return { ok: false, code: 'email_taken' };
			await trx
				.updateTable('app_user')
				.set({ email: newEmail, email_verified_at: ctx.now })
				.where('id', '=', userId)
				.execute();
			await trx
				.deleteFrom('auth_token')
				.where('user_id', '=', userId)
				.where('purpose', '=', 'change_email')
				.execute();
			await writeAudit(trx, {
				actorId: userId,
				action: 'auth.email_changed',
				subjectType: 'app_user',
				subjectId: userId
			});
			// Tell the old address, so a hijacked account does not go unnoticed.
			await enqueueMail(
				trx,
				buildMail('email_changed', account.locale, account.email, {
					name: account.displayName,
					newEmail,
					resetLink: absoluteUrl(ctx.config.origin, '/passwort-vergessen')
				})
			);
			return { ok: true, value: { purpose: 'change_email', userId } };
		});
	} catch (e) {
		if (isUniqueViolation(e)) return { ok: false, code: 'email_taken' };
		throw e;
	}
}
