// Small helpers for the open-data endpoints: JSON answers with cache headers, German errors, zod issues.
import { negotiateLocale, type Locale } from '../../i18n';
import type { z } from 'zod';

export const API_CACHE = 'public, max-age=300';

const BASE_HEADERS = {
	'cache-control': API_CACHE,
	// Open data: any website may read it.
	'access-control-allow-origin': '*'
};

export function apiJson(
	body: unknown,
	init: { status?: number; headers?: Record<string, string> } = {}
): Response {
	return new Response(JSON.stringify(body), {
		status: init.status ?? 200,
		headers: { 'content-type': 'application/json; charset=utf-8', ...BASE_HEADERS, ...init.headers }
	});
}

export function apiError(
	status: number,
	error: string,
	issues?: { parameter: string; message: string }[]
): Response {
	return apiJson(issues ? { error, issues } : { error }, {
		status,
		headers: { 'cache-control': 'no-store' }
	});
}

/** 400 with every wrong parameter named. */
export function apiInvalid(error: z.ZodError): Response {
	const issues = error.issues.map((i) => ({ parameter: i.path.join('.') || '?', message: i.message }));
	return apiError(400, `Ungültige Anfrage: ${issues.map((i) => i.message).join(' ')}`, issues);
}

/** Whether an If-None-Match header matches the ETag (weak comparison, lists and * allowed). */
export function etagMatches(header: string | null, etag: string): boolean {
	if (!header) return false;
	if (header.trim() === '*') return true;
	const bare = etag.replace(/^W\//, '');
	return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === bare);
}

export { BASE_HEADERS };

/**
 * The language of indicator texts in an API answer: `?lang=` first, then Accept-Language, German
 * otherwise (no cookie: the API answers the same for everyone asking the same way).
 */
export function apiLocale(url: URL, request: Request): Locale {
	return negotiateLocale({
		query: url.searchParams.get('lang'),
		acceptLanguage: request.headers.get('accept-language')
	});
}
