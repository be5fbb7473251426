import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { leadingZeroBits, solveChallenge } from '../../../src/lib/pow/zero-bits';
import {
	checkProof,
	CHALLENGE_LIFETIME_SECONDS,
	issueChallenge,
	proofFor
} from '../../../src/lib/server/participation/proof-of-work';

const SECRET = 'pow-test-secret';
const now = new Date('2026-11-23T12:00:00Z');

describe('leadingZeroBits', () => {
	it('counts zero bits across bytes', () => {
		expect(leadingZeroBits(new Uint8Array([0x80]))).toBe(0);
		expect(leadingZeroBits(new Uint8Array([0x01]))).toBe(7);
		expect(leadingZeroBits(new Uint8Array([0x00, 0x10]))).toBe(11);
		expect(leadingZeroBits(new Uint8Array([0, 0]))).toBe(16);
	});
});

describe('proof-of-work', () => {
	it('a solved challenge passes; its hash really has the leading zero bits', async () => {
		const challenge = issueChallenge(SECRET, 10, now);
		const nonce = await solveChallenge(challenge, 10);
		const hash = createHash('sha256').update(`${challenge}:${nonce}`).digest();
		expect(leadingZeroBits(hash)).toBeGreaterThanOrEqual(10);
		expect(checkProof(SECRET, challenge, nonce, 10, now)).toBeNull();
	});

	it('refuses missing, wrong, forged, too easy and expired proofs', async () => {
		const challenge = issueChallenge(SECRET, 10, now);
		const nonce = await solveChallenge(challenge, 10);
		expect(checkProof(SECRET, '', '', 10, now)).toBe('proof_missing');
		expect(checkProof(SECRET, challenge, '', 10, now)).toBe('proof_missing');
		// A nonce that does not solve it (almost surely, at 16 bits).
		const hard = issueChallenge(SECRET, 16, now);
		expect(checkProof(SECRET, hard, 'x', 16, now)).toBe('proof_invalid');
		// Another secret, or a changed difficulty inside the challenge, breaks the signature.
		expect(checkProof('other-secret', challenge, nonce, 10, now)).toBe('proof_invalid');
		const [issued, , random, signature] = challenge.split('.');
		expect(checkProof(SECRET, [issued, 1, random, signature].join('.'), nonce, 1, now)).toBe('proof_invalid');
		// Issued for fewer bits than the server now asks.
		const easy = issueChallenge(SECRET, 4, now);
		expect(checkProof(SECRET, easy, await solveChallenge(easy, 4), 10, now)).toBe('proof_invalid');
		const later = new Date(now.getTime() + (CHALLENGE_LIFETIME_SECONDS + 1) * 1000);
		expect(checkProof(SECRET, challenge, nonce, 10, later)).toBe('proof_expired');
	});

	it('pages get a challenge only for anonymous visitors and only when it is switched on', () => {
		const base = { secret: SECRET, now };
		expect(proofFor({ ...base, actor: null, config: { proofOfWorkBits: 0 } })).toBeNull();
		expect(proofFor({ ...base, actor: { id: 'x' }, config: { proofOfWorkBits: 12 } })).toBeNull();
		const p = proofFor({ ...base, actor: null, config: { proofOfWorkBits: 12 } });
		expect(p?.bits).toBe(12);
		expect(p?.challenge.split('.')).toHaveLength(4);
	});
});
