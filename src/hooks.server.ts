import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { randomUUID } from 'node:crypto';
import { createI18n, LOCALE_COOKIE, negotiateLocale, textDirection, type Locale } from '$lib/i18n';
import { loadGrants } from '$lib/server/auth/actor';
import { SESSION_COOKIE, validateSessionToken } from '$lib/server/auth/session';
import { getApp, startApp } from '$lib/server/app';
import { hasNulByte, isBadInputError } from '$lib/server/http/bad-input';
import { refuseCrossSiteForm } from '$lib/server/http/origin-check';
import { readConfig } from '$lib/server/config';
import { errorLogLine } from '$lib/server/http/error-log';
import { megabytes } from '$lib/server/http/form-data';
import { isDatabaseUnavailable } from '$lib/server/db/connection';

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

/** Seconds a client (or a proxy) should wait before retrying while the database is unreachable. */
const RETRY_AFTER_SECONDS = 30;
/** Requests whose handling hit an unreachable database (marked in handleError). */
const databaseDown = new WeakSet<Request>();
/** Requests whose input the database refused as invalid text, e.g. a NUL (marked in handleError). */
const badInput = new WeakSet<Request>();

/** 400 for input the database cannot store (a NUL byte): the same answer as the check before routing. */
function badInputResponse(locale: Locale): Response {
	return new Response(createI18n(locale).t('core.error.nulByte'), {
		status: 400,
		headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' }
	});
}

function escapeHtml(s: string): string {
	return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The 503 answer while the database is down: a small page of its own (the layout may need the database). */
function databaseUnavailableResponse(event: Parameters<Handle>[0]['event'], locale: Locale): Response {
	const { t } = createI18n(locale);
	const headers = new Headers({
		'Retry-After': String(RETRY_AFTER_SECONDS),
		'Cache-Control': 'no-store',
		'X-Content-Type-Options': 'nosniff',
		'Referrer-Policy': 'same-origin',
		'X-Frame-Options': 'SAMEORIGIN'
	});
	// Pages get the HTML page; the API, SvelteKit's data and enhanced-form requests get JSON.
	const accept = event.request.headers.get('accept') ?? '';
	const wantsHtml =
		!event.url.pathname.startsWith('/api/') &&
		!event.isDataRequest &&
		!event.request.headers.has('x-sveltekit-action') &&
		(accept.includes('text/html') || !accept.includes('application/json'));
	if (!wantsHtml) {
		headers.set('Content-Type', 'application/json; charset=utf-8');
		return new Response(JSON.stringify({ message: t('core.error.database') }), { status: 503, headers });
	}
	headers.set('Content-Type', 'text/html; charset=utf-8');
	headers.set(
		'Content-Security-Policy',
		"default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'self'"
	);
	const title = escapeHtml(t('core.error.databaseTitle'));
	const html = `<!doctype html>
<html lang="${locale}" dir="${textDirection(locale)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} – ${escapeHtml(t('core.siteName'))}</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}a{color:#0b5394}</style></head>
<body><main><h1>${title}</h1><p>${escapeHtml(t('core.error.database'))}</p>
<p><a href="${escapeHtml(event.url.pathname + event.url.search)}">${escapeHtml(t('core.error.retry'))}</a> · <a href="/">${escapeHtml(t('core.error.backHome'))}</a></p></main></body></html>`;
	return new Response(html, { status: 503, headers });
}

/** img-src gets the origin of a configured TILE_URL (runtime config; kit.csp is fixed at build time). */
function tileOrigin(tileUrl: string | undefined): string | null {
	const m = tileUrl?.match(/^(https?:)\/\/([^/?#]+)/i);
	if (!m) return null;
	// Leaflet's {s} subdomain placeholder becomes a CSP wildcard; other placeholders are not allowed in a host.
	const host = m[2].replace(/^\{[a-z]+\}\./i, '*.');
	if (/[{}\s;,']/.test(host)) return null;
	return `${m[1].toLowerCase()}//${host}`;
}

function withImageSource(csp: string, source: string): string {
	return csp.replace(
		/(^|;\s*)img-src([^;]*)/,
		(_all, lead: string, list: string) => `${lead}img-src${list} ${source}`
	);
}

export const handle: Handle = async (input) => {
	// Cross-site form posts are refused before anything else (SvelteKit's check, done here: see
	// origin-check.ts). Not skipped in development: `dev` is also true in builds made with
	// NODE_ENV=test, and the dev server's forms come from its own origin anyway.
	const refused = await refuseCrossSiteForm(input.event.request);
	if (refused) return refused;
	try {
		return await handleRequest(input);
	} catch (e) {
		if (isBadInputError(e)) {
			console.error(badInputLogLine(randomUUID(), input.event));
			return badInputResponse(localeOf(input.event));
		}
		if (!isDatabaseUnavailable(e)) throw e;
		const id = randomUUID();
		console.error(errorLogLine(id, 503, { method: input.event.request.method, url: input.event.url }, e));
		return databaseUnavailableResponse(input.event, localeOf(input.event));
	}
};

function localeOf(event: Parameters<Handle>[0]['event']): Locale {
	return negotiateLocale({
		query: event.url.searchParams.get('lang'),
		cookie: event.cookies.get(LOCALE_COOKIE),
		acceptLanguage: event.request.headers.get('accept-language')
	});
}

const handleRequest: Handle = async ({ event, resolve }) => {
	const app = getApp();
	const { db } = app.database;
	const secure = app.config.origin.startsWith('https:');

	const queryLang = event.url.searchParams.get('lang');
	const locale = localeOf(event);
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

	if (await hasNulByte(event.request, event.url)) return badInputResponse(locale);

	let response = await resolve(event, {
		transformPageChunk: ({ html }) =>
			html.replace('%qk.lang%', locale).replace('%qk.dir%', textDirection(locale))
	});
	if (badInput.has(event.request) && response.status >= 500) {
		// The database refused the input (a NUL the check above could not see, e.g. in a large upload
		// form): bad input, 400. A form action's JSON answer keeps its shape, only the status changes.
		const html = response.headers.get('content-type')?.startsWith('text/html');
		if (html || event.isDataRequest) {
			await response.body?.cancel().catch(() => {});
			return badInputResponse(locale);
		}
		response = new Response(response.body, { status: 400, headers: response.headers });
	}
	if (databaseDown.has(event.request)) {
		// A load, action or endpoint failed because the database is unreachable: 503 + Retry-After.
		// Client-side navigation (__data.json) gets the JSON answer, so the browser shows the
		// 503 error page; SvelteKit would send the error inside a 200 here.
		const html = response.headers.get('content-type')?.startsWith('text/html');
		if (html || event.isDataRequest) {
			await response.body?.cancel().catch(() => {});
			return databaseUnavailableResponse(event, locale);
		}
		if (response.status >= 500) {
			response = new Response(response.body, { status: 503, headers: response.headers });
			response.headers.set('Retry-After', String(RETRY_AFTER_SECONDS));
		}
	}
	const csp = response.headers.get('content-security-policy');
	const tiles = tileOrigin(app.config.tileUrl);
	if (csp && tiles) response.headers.set('Content-Security-Policy', withImageSource(csp, tiles));
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('Referrer-Policy', 'same-origin');
	response.headers.set('X-Frame-Options', 'SAMEORIGIN');
	// HSTS only where the site is served over https (intranet installs on plain HTTP exist).
	if (secure) response.headers.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
	return response;
};

/** The log line for refused input: no error text, no query (the SQL's parameters hold the input). */
function badInputLogLine(id: string, event: Parameters<Handle>[0]['event']): string {
	return errorLogLine(
		id,
		400,
		{ method: event.request.method, url: event.url },
		'bad input (SQLSTATE 22021)'
	);
}

export const handleError: HandleServerError = ({ error, event, status }) => {
	const id = randomUUID();
	if (isBadInputError(error)) {
		badInput.add(event.request);
		console.error(badInputLogLine(id, event));
		return { message: (event.locals.ctx?.t ?? createI18n('de').t)('core.error.nulByte'), id };
	}
	// Every number shown on an error page is logged with its cause (4xx too: a 413 or 405 is a report).
	console.error(errorLogLine(id, status, { method: event.request.method, url: event.url }, error));
	const ctx = event.locals.ctx;
	const t = ctx?.t ?? createI18n('de').t;
	if (isDatabaseUnavailable(error)) {
		databaseDown.add(event.request);
		return { message: t('core.error.database'), id };
	}
	// A body over BODY_SIZE_LIMIT on a form that does not answer it itself (readFormData).
	if (status === 413) {
		const limit = ctx?.config.bodySizeLimit ?? readConfig().bodySizeLimit;
		return { message: t('core.error.tooLarge', { mb: megabytes(limit) }), id };
	}
	return { message: status === 404 ? t('core.error.notFound') : t('core.error.unexpected'), id };
};
