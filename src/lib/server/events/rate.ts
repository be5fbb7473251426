// Public writes of the events module (registrations, poll answers) are rate-limited per client address.
import { consumeRateLimit } from '../auth/rate-limit';
import type { CommandContext, Needs } from '../core';

export const PUBLIC_WRITE_LIMIT = { limit: 20, windowSeconds: 60 * 60 };

export async function admitPublicWrite(
	ctx: CommandContext & Needs<'secret' | 'clientAddress'>,
	bucket: 'events_register' | 'events_poll'
): Promise<boolean> {
	const r = await consumeRateLimit(
		ctx.db,
		ctx.secret,
		[bucket, ctx.clientAddress],
		PUBLIC_WRITE_LIMIT,
		ctx.now
	);
	return r.allowed;
}
