// The rate limits of the account features, in one place.
import { consumeRateLimit, type RateLimitRule } from './rate-limit';
import type { AuthContext, RateLimited } from './types';

const MINUTE = 60;
const HOUR = 60 * MINUTE;

export const LIMITS = {
	/** Per (e-mail, client address): the 6th rapid wrong login is refused. Reset by a successful login. */
	login: { limit: 5, windowSeconds: 15 * MINUTE },
	register: { limit: 5, windowSeconds: HOUR },
	mailPerAddress: { limit: 10, windowSeconds: HOUR },
	mailPerEmail: { limit: 3, windowSeconds: HOUR },
	accountMail: { limit: 5, windowSeconds: HOUR }
} satisfies Record<string, RateLimitRule>;

/** Minutes to show in "try again in N minutes" (at least 1). */
export function retryMinutes(retryAfterSeconds: number): number {
	return Math.max(1, Math.ceil(retryAfterSeconds / 60));
}

/** Limits a form that sends mail to an address the visitor types: per client address and per e-mail. */
export async function consumeMailLimits(
	ctx: AuthContext,
	purpose: string,
	email: string
): Promise<RateLimited | null> {
	const checks: [string[], RateLimitRule][] = [
		[[purpose, 'address', ctx.clientAddress], LIMITS.mailPerAddress],
		[[purpose, 'email', email.trim().toLowerCase()], LIMITS.mailPerEmail]
	];
	for (const [key, rule] of checks) {
		const limit = await consumeRateLimit(ctx.db, ctx.secret, key, rule, ctx.now);
		if (!limit.allowed)
			return { ok: false, code: 'rate_limited', retryAfterSeconds: limit.retryAfterSeconds };
	}
	return null;
}

/** Limits mails a signed-in person triggers for their own account (resend, e-mail change). */
export async function consumeAccountMailLimit(
	ctx: AuthContext,
	purpose: string,
	userId: string
): Promise<RateLimited | null> {
	const limit = await consumeRateLimit(
		ctx.db,
		ctx.secret,
		[purpose, 'user', userId],
		LIMITS.accountMail,
		ctx.now
	);
	return limit.allowed
		? null
		: { ok: false, code: 'rate_limited', retryAfterSeconds: limit.retryAfterSeconds };
}
