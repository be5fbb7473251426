// Login by a link in a mail (15 minutes, once). The link's page shows a button that POSTs here,
// because mail scanners open GET links. Using the link also proves the address.
import { absoluteUrl, buildMail, enqueueMail } from '../mail';
import { consumeMailLimits } from './limits';
import { consumeToken, issueToken, peekToken, type TokenState } from './one-time-tokens';
import type { EmailInput } from './schemas';
import { createSession, type Session } from './session';
import type { AuthContext, RateLimited } from './types';
import { findAccountByEmail } from './users';

export type RequestMagicLinkResult = { ok: true; value: null } | RateLimited;

/** Neutral: the answer is the same whether or not the address has an account. */
export async function requestMagicLink(ctx: AuthContext, input: EmailInput): Promise<RequestMagicLinkResult> {
	const limited = await consumeMailLimits(ctx, 'magic_link', input.email);
	if (limited) return limited;
	await ctx.db.transaction().execute(async (trx) => {
		const account = await findAccountByEmail(trx, input.email);
		if (!account || account.blockedAt) return;
		const token = await issueToken(trx, account.id, 'magic_link', ctx.now);
		await enqueueMail(
			trx,
			buildMail('magic_link', account.locale, account.email, {
				name: account.displayName,
				link: absoluteUrl(ctx.config.origin, `/anmelden/link/${token}`),
				minutes: 15
			})
		);
	});
	return { ok: true, value: null };
}

export function checkMagicLink(ctx: AuthContext, token: string): Promise<TokenState> {
	return peekToken(ctx.db, token, ['magic_link'], ctx.now);
}

export type MagicLoginResult =
	| { ok: true; value: { token: string; session: Session; userId: string } }
	| { ok: false; code: 'invalid' | 'expired' };

export async function loginWithMagicLink(ctx: AuthContext, token: string): Promise<MagicLoginResult> {
	const result = await ctx.db.transaction().execute(async (trx) => {
		const used = await consumeToken(trx, token, ['magic_link'], ctx.now);
		if (used.state !== 'valid') return { ok: false as const, code: used.state };
		const { userId } = used.token;
		const updated = await trx
			.updateTable('app_user')
			.set((eb) => ({ email_verified_at: eb.fn.coalesce('email_verified_at', eb.val(ctx.now)) }))
			.where('id', '=', userId)
			.where('blocked_at', 'is', null)
			.executeTakeFirst();
		if (Number(updated.numUpdatedRows) === 0) return { ok: false as const, code: 'invalid' as const };
		return { ok: true as const, userId };
	});
	if (!result.ok) return result;
	const { token: sessionToken, session } = await createSession(ctx.db, result.userId, ctx.now);
	return { ok: true, value: { token: sessionToken, session, userId: result.userId } };
}
