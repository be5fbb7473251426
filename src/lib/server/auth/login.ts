// Login with e-mail and password. Wrong password and unknown address look (and take) the same;
// attempts are limited per (e-mail, client address), so one address cannot lock others out.
import { LIMITS } from './limits';
import { verifyPassword } from './password';
import { consumeRateLimit, resetRateLimit } from './rate-limit';
import type { LoginInput } from './schemas';
import { createSession, type Session } from './session';
import type { AuthContext, RateLimited } from './types';
import { findAccountByEmail } from './users';

/** An argon2id hash of a random throw-away password: verifying against it costs the same as a real check. */
const DUMMY_HASH =
	'$argon2id$v=19$m=19456,t=2,p=1$8L1bYTSr9MHHZlYf6dI7mg$WwKeOvBQyyik85NHb20vHAvCFQxmsI5ZCHdqhDK8dlk';

export function loginRateLimitKey(email: string, clientAddress: string): string[] {
	return ['login', email.trim().toLowerCase(), clientAddress];
}

export type LoginResult =
	| { ok: true; value: { token: string; session: Session; userId: string } }
	| { ok: false; code: 'invalid_credentials' }
	| RateLimited;

export async function login(ctx: AuthContext, input: LoginInput): Promise<LoginResult> {
	const key = loginRateLimitKey(input.email, ctx.clientAddress);
	const limit = await consumeRateLimit(ctx.db, ctx.secret, key, LIMITS.login, ctx.now);
	// Refused before any password check: guessing costs nothing but also gains nothing.
	if (!limit.allowed) return { ok: false, code: 'rate_limited', retryAfterSeconds: limit.retryAfterSeconds };

	const account = await findAccountByEmail(ctx.db, input.email);
	const valid = await verifyPassword(account?.passwordHash ?? DUMMY_HASH, input.password);
	// A blocked account cannot sign in; it gets the same answer as a wrong password.
	if (!account || !account.passwordHash || !valid || account.blockedAt) {
		return { ok: false, code: 'invalid_credentials' };
	}
	await resetRateLimit(ctx.db, ctx.secret, key);
	// Mails follow the language the person last signed in with.
	if (account.locale !== ctx.locale) {
		await ctx.db.updateTable('app_user').set({ locale: ctx.locale }).where('id', '=', account.id).execute();
	}
	const { token, session } = await createSession(ctx.db, account.id, ctx.now);
	return { ok: true, value: { token, session, userId: account.id } };
}
