// Private links (cancel a registration, edit poll answers): 32 random bytes, only the SHA-256 is stored.
import { createHash, randomBytes } from 'node:crypto';

export function newToken(): { token: string; hash: string } {
	const token = randomBytes(32).toString('base64url');
	return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}
