// The session cookie: httpOnly, SameSite=Lax, Secure when the site runs on https.
import type { Cookies } from '@sveltejs/kit';
import type { AppConfig } from '../config';
import { SESSION_COOKIE } from './session';

export function setSessionCookie(
	cookies: Cookies,
	config: Pick<AppConfig, 'origin'>,
	token: string,
	expiresAt: Date
): void {
	cookies.set(SESSION_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: config.origin.startsWith('https:'),
		expires: expiresAt
	});
}

export function deleteSessionCookie(cookies: Cookies, config: Pick<AppConfig, 'origin'>): void {
	cookies.delete(SESSION_COOKIE, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: config.origin.startsWith('https:')
	});
}
