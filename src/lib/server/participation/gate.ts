// The participation gate: every verb of every module asks it before writing. One place decides
// whether the consultation is open (or public, for reports), the module is switched on, the person
// may take part signed in or anonymously (with proof-of-work where on), is not blocked there, and is
// within the rate limit.
import { createHmac } from 'node:crypto';
import { consumeRateLimit } from '../auth/rate-limit';
import { isOpen, isPublic, type ConsultationRef } from '../consultations/ref';
import type { CommandContext, Needs, Result } from '../core';
import { consumeProof, type ProofError } from './proof-of-work';

export type GateError =
	'not_found' | 'closed' | 'login_required' | 'email_unconfirmed' | 'blocked' | 'rate_limited' | ProofError;

/** Per hour: anonymous visitors (per daily-rotated address key) and signed-in people. */
export const ANONYMOUS_LIMIT = { limit: 5, windowSeconds: 60 * 60 };
export const ACCOUNT_LIMIT = { limit: 30, windowSeconds: 60 * 60 };

export interface GateRequest {
	/** The module the verb belongs to (must be switched on in the consultation). */
	module: string;
	/**
	 * 'contribute': new input (open consultation; anonymous where allowed, with proof-of-work);
	 * 'edit': the author changes their input (open, not blocked); 'support': signed in, open;
	 * 'report': anyone, consultation public (also when closed).
	 */
	verb: 'contribute' | 'edit' | 'support' | 'report';
	proof?: { powChallenge?: string; powNonce?: string };
	/** Rate-limit bucket; default the module key (one limit per module and person). */
	bucket?: string;
}

export type GateContext = CommandContext & Needs<'secret' | 'clientAddress'>;

/**
 * An anonymous visitor's key for today: HMAC of the client address with a secret derived per day
 * (HMAC(secret, 'yyyy-mm-dd')). The address itself is never stored, and keys change every day.
 */
export function dailyVisitorKey(secret: string, clientAddress: string, now: Date): string {
	const day = now.toISOString().slice(0, 10);
	const daily = createHmac('sha256', secret).update(`visitor:${day}`).digest();
	return createHmac('sha256', daily).update(clientAddress).digest('hex');
}

/** Blocked from writing in this consultation by a moderator. */
export async function isBlockedIn(
	ctx: CommandContext,
	consultationId: string,
	userId: string
): Promise<boolean> {
	const row = await ctx.db
		.selectFrom('consultation_block')
		.select('user_id')
		.where('consultation_id', '=', consultationId)
		.where('user_id', '=', userId)
		.executeTakeFirst();
	return !!row;
}

export async function admitParticipation(
	ctx: GateContext,
	c: ConsultationRef | null,
	request: GateRequest
): Promise<Result<ConsultationRef, GateError>> {
	if (!c || !isPublic(c)) return { ok: false, code: 'not_found' };
	if (!c.modules.includes(request.module)) return { ok: false, code: 'closed' };
	if (request.verb !== 'report' && !isOpen(c, ctx.now)) return { ok: false, code: 'closed' };
	if (!ctx.actor && (request.verb === 'support' || (request.verb === 'contribute' && !c.allowAnonymous)))
		return { ok: false, code: 'login_required' };
	// Where the consultation asks for it, only confirmed addresses take part (anonymous posting is
	// then off too: nobody anonymous has a confirmed address).
	if (c.requireConfirmedEmail && request.verb !== 'report') {
		if (!ctx.actor) return { ok: false, code: 'login_required' };
		if (!ctx.actor.emailVerified && !ctx.actor.system) return { ok: false, code: 'email_unconfirmed' };
	}
	const bits = ctx.config?.proofOfWorkBits ?? 0;
	if (!ctx.actor && bits > 0 && request.verb === 'contribute') {
		const problem = await consumeProof(
			ctx.db,
			ctx.secret,
			request.proof?.powChallenge ?? '',
			request.proof?.powNonce ?? '',
			bits,
			ctx.now
		);
		if (problem) return { ok: false, code: problem };
	}
	if (ctx.actor && request.verb !== 'report' && (await isBlockedIn(ctx, c.id, ctx.actor.id)))
		return { ok: false, code: 'blocked' };
	// Reports have their own limits (moderation/report.ts); support is a toggle on one row.
	if (request.verb === 'contribute') {
		const bucket = request.bucket ?? request.module;
		const limited = ctx.actor
			? await consumeRateLimit(ctx.db, ctx.secret, [`${bucket}`, ctx.actor.id], ACCOUNT_LIMIT, ctx.now)
			: await consumeRateLimit(
					ctx.db,
					ctx.secret,
					[`${bucket}-anonymous`, dailyVisitorKey(ctx.secret, ctx.clientAddress, ctx.now)],
					ANONYMOUS_LIMIT,
					ctx.now
				);
		if (!limited.allowed) return { ok: false, code: 'rate_limited' };
	}
	return { ok: true, value: c };
}
