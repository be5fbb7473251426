// Random tokens handed to the user; only their SHA-256 is stored (a database leak reveals no token).
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { randomBytes } from 'node:crypto';

export function generateToken(): string {
	return encodeBase32LowerCaseNoPadding(new Uint8Array(randomBytes(20)));
}

export function hashToken(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}
