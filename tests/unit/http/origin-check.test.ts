// The origin check for form posts (hooks.server.ts): SvelteKit's rule, plus RFC 8058's one-click
// unsubscribe as its only exception (exactly that body, to a token address, nothing else).
import { describe, expect, it } from 'vitest';
import { isOneClickUnsubscribe, refuseCrossSiteForm } from '../../../src/lib/server/http/origin-check';

const ORIGIN = 'https://quartier.example';
const TOKEN = 'A'.repeat(20) + '_-' + 'b'.repeat(21);
const UNSUBSCRIBE = `${ORIGIN}/benachrichtigungen/abbestellen/${TOKEN}`;
const FORM = 'application/x-www-form-urlencoded';

function request(
	url: string,
	body: string | FormData | null,
	headers: Record<string, string> = {},
	method = 'POST'
) {
	return new Request(url, {
		method,
		headers: body instanceof FormData ? headers : { 'content-type': FORM, ...headers },
		body
	});
}

describe('refuseCrossSiteForm', () => {
	it('lets same-origin posts, GETs and non-form bodies through', async () => {
		expect(await refuseCrossSiteForm(request(`${ORIGIN}/konto?/name`, 'a=b', { origin: ORIGIN }))).toBeNull();
		expect(await refuseCrossSiteForm(request(`${ORIGIN}/konto`, null, {}, 'GET'))).toBeNull();
		expect(
			await refuseCrossSiteForm(
				request(`${ORIGIN}/api/x`, '{}', {
					origin: 'https://evil.example',
					'content-type': 'application/json'
				})
			)
		).toBeNull();
	});

	it('refuses cross-site and origin-less form posts with 403, like SvelteKit', async () => {
		for (const headers of <Record<string, string>[]>[
			{ origin: 'https://evil.example' },
			{},
			{ origin: 'null' }
		]) {
			const r = await refuseCrossSiteForm(request(`${ORIGIN}/anmelden?/login`, 'email=x', headers));
			expect(r?.status).toBe(403);
			expect(await r?.text()).toBe('Cross-site POST form submissions are forbidden');
		}
		for (const type of ['multipart/form-data; boundary=x', 'text/plain', 'application/x-sveltekit-formdata'])
			expect(
				(await refuseCrossSiteForm(request(`${ORIGIN}/konto`, 'x', { 'content-type': type })))?.status
			).toBe(403);
		const json = await refuseCrossSiteForm(
			request(`${ORIGIN}/konto`, 'a=b', { origin: 'https://evil.example', accept: 'application/json' })
		);
		expect(await json?.json()).toEqual({ message: 'Cross-site POST form submissions are forbidden' });
	});

	it('lets exactly the one-click body to a token address through, from anywhere', async () => {
		expect(await refuseCrossSiteForm(request(UNSUBSCRIBE, 'List-Unsubscribe=One-Click'))).toBeNull();
		const form = new FormData();
		form.set('List-Unsubscribe', 'One-Click');
		expect(
			await refuseCrossSiteForm(request(UNSUBSCRIBE, form, { origin: 'https://mail.example' }))
		).toBeNull();
	});

	it('keeps refusing everything else at that address and the one-click body elsewhere', async () => {
		const refused = async (url: string, body: string, method = 'POST') =>
			(await refuseCrossSiteForm(request(url, body, { origin: 'https://evil.example' }, method)))?.status;
		for (const body of ['', 'List-Unsubscribe=One-Click&a=b', 'List-Unsubscribe=one-click', 'x=1'])
			expect(await refused(UNSUBSCRIBE, body)).toBe(403);
		expect(await refused(`${UNSUBSCRIBE}?/default`, 'List-Unsubscribe=One-Click')).toBe(403);
		expect(await refused(`${UNSUBSCRIBE}/x`, 'List-Unsubscribe=One-Click')).toBe(403);
		expect(await refused(`${ORIGIN}/benachrichtigungen/abbestellen/kurz`, 'List-Unsubscribe=One-Click')).toBe(
			403
		);
		expect(await refused(`${ORIGIN}/konto?/name`, 'List-Unsubscribe=One-Click')).toBe(403);
		expect(await refused(UNSUBSCRIBE, 'List-Unsubscribe=One-Click', 'PUT')).toBe(403);
		// text/plain is not a form RFC 8058 allows.
		const plain = request(UNSUBSCRIBE, 'List-Unsubscribe=One-Click', { 'content-type': 'text/plain' });
		expect(await isOneClickUnsubscribe(plain, new URL(plain.url))).toBe(false);
		// A large body is not read.
		const big = request(UNSUBSCRIBE, 'List-Unsubscribe=One-Click', { 'content-length': '5000' });
		expect(await isOneClickUnsubscribe(big, new URL(big.url))).toBe(false);
	});
});
