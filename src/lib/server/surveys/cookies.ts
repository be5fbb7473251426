// The respondent's cookies: the resume token of one survey's response and the signed browser token
// ('anyone' mode: one answer per browser — deleting cookies or another browser gets around it).
import type { Cookies } from '@sveltejs/kit';
import { newToken, signBrowserToken, verifyBrowserToken, type Respondent } from './answer';

const RESUME = (surveyId: string) => `qk_survey_${surveyId.replace(/-/g, '')}`;
const BROWSER = 'qk_survey_browser';
const MAX_AGE = 60 * 60 * 24 * 180;


export function respondentFor(cookies: Cookies, secret: string, surveyId: string): Respondent {
	return {
		browserToken: verifyBrowserToken(secret, cookies.get(BROWSER)),
		resumeToken: cookies.get(RESUME(surveyId)) ?? null
	};
}

/** The browser token, set now if the browser has none yet. */
export function ensureBrowserToken(cookies: Cookies, secret: string, secure: boolean): string {
	const existing = verifyBrowserToken(secret, cookies.get(BROWSER));
	if (existing) return existing;
	const token = newToken();
	cookies.set(BROWSER, signBrowserToken(secret, token), { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge: MAX_AGE });
	return token;
}

export function setResumeCookie(cookies: Cookies, surveyId: string, token: string, secure: boolean): void {
	cookies.set(RESUME(surveyId), token, { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge: MAX_AGE });
}

export function clearResumeCookie(cookies: Cookies, surveyId: string): void {
	cookies.delete(RESUME(surveyId), { path: '/' });
}
