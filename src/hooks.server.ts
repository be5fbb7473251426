import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { randomUUID } from 'node:crypto';
import { createI18n, LOCALE_COOKIE, negotiateLocale, textDirection } from '$lib/i18n';
import { loadGrants } from '$lib/server/auth/actor';
import { SESSION_COOKIE, validateSessionToken } from '$lib/server/auth/session';
import { getApp, startApp } from '$lib/server/app';
import { hasNulByte } from '$lib/server/http/bad-input';
import { readConfig } from '$lib/server/config';
import { errorLogLine } from '$lib/server/http/error-log';
import { megabytes } from '$lib/server/http/form-data';

export const init: ServerInit = async () => {
	await startApp();
};

const ONE_YEAR = 60 * 60 * 24 * 365;

/** Behind a proxy (ADDRESS_HEADER) a request without the header (e.g. a health probe) gets 'unknown'. */
function clientAddressOf(event: Parameters<Handle>[0]['event']): string {
	try {
		return event.getClientAddress();
	} catch {
		return 'unknown';
	}
}

export const handle: Handle = async ({ event, resolve }) => {
	const app = getApp();
	const { db } = app.database;
	const secure = app.config.origin.startsWith('https:');

	const queryLang = event.url.searchParams.get('lang');
	const locale = negotiateLocale({
		query: queryLang,
		cookie: event.cookies.get(LOCALE_COOKIE),
		acceptLanguage: event.request.headers.get('accept-language')
	});
	// A ?lang= link is a choice: remember it like the language switch does.
	if (queryLang === locale) {
		event.cookies.set(LOCALE_COOKIE, locale, {
			path: '/',
			maxAge: ONE_YEAR,
			sameSite: 'lax',
			secure,
			httpOnly: false
		});
	}

	let actor = null;
	let sessionId: string | null = null;
	const token = event.cookies.get(SESSION_COOKIE);
	if (token) {
		const result = await validateSessionToken(db, token);
		if (result.session) {
			sessionId = result.session.id;
			actor = { ...result.user, grants: await loadGrants(db, result.user.id) };
			if (result.renewed) {
				event.cookies.set(SESSION_COOKIE, token, {
					path: '/',
					httpOnly: true,
					sameSite: 'lax',
					secure,
					expires: result.session.expiresAt
				});
			}
		} else {
			event.cookies.delete(SESSION_COOKIE, { path: '/' });
		}
	}

	const i18n = createI18n(locale);
	event.locals.ctx = {
		db,
		database: app.database,
		config: app.config,
		storage: app.storage,
		secret: app.secret,
		actor,
		sessionId,
		locale,
		t: i18n.t,
		now: new Date(),
		clientAddress: clientAddressOf(event)
	};

	if (await hasNulByte(event.request, event.url))
		return new Response(i18n.t('core.error.nulByte'), {
			status: 400,
			headers: { 'Content-Type': 'text/plain; charset=utf-8' }
		});

	const response = await resolve(event, {
		transformPageChunk: ({ html }) =>
			html.replace('%qk.lang%', locale).replace('%qk.dir%', textDirection(locale))
	});
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('Referrer-Policy', 'same-origin');
	response.headers.set('X-Frame-Options', 'SAMEORIGIN');
	// HSTS only where the site is served over https (intranet installs on plain HTTP exist).
	if (secure) response.headers.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
	return response;
};

export const handleError: HandleServerError = ({ error, event, status }) => {
	const id = randomUUID();
	// Every number shown on an error page is logged with its cause (4xx too: a 413 or 405 is a report).
	console.error(errorLogLine(id, status, { method: event.request.method, url: event.url }, error));
	const ctx = event.locals.ctx;
	const t = ctx?.t ?? createI18n('de').t;
	// A body over BODY_SIZE_LIMIT on a form that does not answer it itself (readFormData).
	if (status === 413) {
		const limit = ctx?.config.bodySizeLimit ?? readConfig().bodySizeLimit;
		return { message: t('core.error.tooLarge', { mb: megabytes(limit) }), id };
	}
	return { message: status === 404 ? t('core.error.notFound') : t('core.error.unexpected'), id };
};
