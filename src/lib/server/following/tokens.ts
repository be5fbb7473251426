// Unsubscribe tokens: 32 random bytes (256 bits), base64url — unguessable; each only ends the one
// subscription (or, for the person's token, their notification mails). Not hashed: the app must put
// them into every digest, and they grant nothing but "stop mailing me".
import { randomBytes } from 'node:crypto';

export function newUnsubscribeToken(): string {
	return randomBytes(32).toString('base64url');
}

export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
