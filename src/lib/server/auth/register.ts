// Registration. The answer never says whether an address already has an account: a new address gets
// a verification link, a known one a "you already have an account" mail — the page looks the same.
import { absoluteUrl, buildMail, enqueueMail } from '../mail';
import { LIMITS } from './limits';
import { issueToken } from './one-time-tokens';
import { hashPassword } from './password';
import { consumeRateLimit } from './rate-limit';
import type { RegisterInput } from './schemas';
import type { AuthContext, RateLimited } from './types';
import { findAccountByEmail, isUniqueViolation } from './users';

export type RegisterResult = { ok: true; value: { created: boolean } } | RateLimited;

export async function register(ctx: AuthContext, input: RegisterInput): Promise<RegisterResult> {
	const limit = await consumeRateLimit(
		ctx.db,
		ctx.secret,
		['register', ctx.clientAddress],
		LIMITS.register,
		ctx.now
	);
	if (!limit.allowed) return { ok: false, code: 'rate_limited', retryAfterSeconds: limit.retryAfterSeconds };

	// Hash in every case (before looking up) so both answers take about the same time.
	const passwordHash = await hashPassword(input.password);
	try {
		return await ctx.db.transaction().execute(async (trx) => {
			const existing = await findAccountByEmail(trx, input.email);
			if (existing) {
				await enqueueMail(
					trx,
					buildMail('account_exists', existing.locale, existing.email, {
						name: existing.displayName,
						loginLink: absoluteUrl(ctx.config.origin, '/anmelden'),
						resetLink: absoluteUrl(ctx.config.origin, '/passwort-vergessen')
					})
				);
				return { ok: true as const, value: { created: false } };
			}
			const user = await trx
				.insertInto('app_user')
				.values({
					email: input.email,
					password_hash: passwordHash,
					password_changed_at: ctx.now,
					display_name: input.displayName,
					locale: ctx.locale
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			await trx
				.insertInto('role_grant')
				.values({ user_id: user.id, role: 'resident', scope_type: 'global', scope_id: null })
				.execute();
			const token = await issueToken(trx, user.id, 'verify_email', ctx.now);
			await enqueueMail(
				trx,
				buildMail('verify_email', ctx.locale, input.email, {
					name: input.displayName,
					link: absoluteUrl(ctx.config.origin, `/bestaetigen/${token}`),
					hours: 48
				})
			);
			return { ok: true as const, value: { created: true } };
		});
	} catch (e) {
		// Two registrations of one address at the same moment: the second is "already exists".
		if (isUniqueViolation(e)) return { ok: true, value: { created: false } };
		throw e;
	}
}
