// Optional proof-of-work for anonymous contributions and replies (ANON_PROOF_OF_WORK = difficulty
// in bits, 0 = off): the browser finds a nonce so that SHA-256(challenge + ":" + nonce) starts
// with that many zero bits. Costs a person a second, a spam script per post. No third party.
// Challenges are signed (HMAC), expire after 30 minutes and count once (stored as a rate-limit key).
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import { consumeRateLimit } from '../auth/rate-limit';
import type { DB } from '../db/types';
import { leadingZeroBits } from '../../pow/zero-bits';

export const CHALLENGE_LIFETIME_SECONDS = 30 * 60;

function sign(secret: string, payload: string): string {
	return createHmac('sha256', secret).update(`pow:${payload}`).digest('base64url');
}

export function issueChallenge(secret: string, bits: number, now: Date): string {
	const payload = `${Math.floor(now.getTime() / 1000)}.${bits}.${randomBytes(12).toString('base64url')}`;
	return `${payload}.${sign(secret, payload)}`;
}

export type ProofError = 'proof_missing' | 'proof_invalid' | 'proof_expired' | 'proof_reused';

/** Checks signature, age, difficulty and the hash; does not record use (see consumeProof). */
export function checkProof(
	secret: string,
	challenge: string,
	nonce: string,
	bits: number,
	now: Date
): ProofError | null {
	if (!challenge || !nonce) return 'proof_missing';
	const parts = challenge.split('.');
	if (parts.length !== 4 || nonce.length > 32) return 'proof_invalid';
	const [issued, challengeBits, , signature] = parts;
	const expected = Buffer.from(sign(secret, parts.slice(0, 3).join('.')));
	const given = Buffer.from(signature);
	if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'proof_invalid';
	if (Number(challengeBits) < bits) return 'proof_invalid';
	const age = now.getTime() / 1000 - Number(issued);
	if (!(age >= -60 && age <= CHALLENGE_LIFETIME_SECONDS)) return 'proof_expired';
	const hash = createHash('sha256').update(`${challenge}:${nonce}`).digest();
	return leadingZeroBits(hash) >= bits ? null : 'proof_invalid';
}

/** Valid and not used before: records the use so a solved challenge cannot be replayed. */
export async function consumeProof(
	db: Kysely<DB>,
	secret: string,
	challenge: string,
	nonce: string,
	bits: number,
	now: Date
): Promise<ProofError | null> {
	const problem = checkProof(secret, challenge, nonce, bits, now);
	if (problem) return problem;
	const use = await consumeRateLimit(
		db,
		secret,
		['proof-of-work', challenge],
		{ limit: 1, windowSeconds: CHALLENGE_LIFETIME_SECONDS + 60 },
		now
	);
	return use.allowed ? null : 'proof_reused';
}

/** For a page with anonymous forms: a fresh challenge when proof-of-work is on and nobody is signed in. */
export function proofFor(ctx: {
	actor: unknown;
	secret: string;
	now: Date;
	config: { proofOfWorkBits: number };
}): { challenge: string; bits: number } | null {
	const bits = ctx.config.proofOfWorkBits;
	if (ctx.actor || bits <= 0) return null;
	return { challenge: issueChallenge(ctx.secret, bits, ctx.now), bits };
}
