import { describe, expect, it } from 'vitest';
import { hasNulByte, isBadInputError, MAX_CHECKED_BODY } from '../../../src/lib/server/http/bad-input';

const url = (s: string) => new URL(s, 'http://localhost');

describe('hasNulByte', () => {
	it('finds NUL in the path and the query, also percent-encoded', async () => {
		expect(await hasNulByte(new Request('http://localhost/a%00b'), url('/a%00b'))).toBe(true);
		expect(await hasNulByte(new Request('http://localhost/?q=%00'), url('/?q=%00'))).toBe(true);
		expect(
			await hasNulByte(new Request('http://localhost/karte?stufe=quartier'), url('/karte?stufe=quartier'))
		).toBe(false);
	});

	it('finds NUL in form fields (urlencoded and multipart) and leaves the body readable', async () => {
		const urlencoded = new Request('http://localhost/x', {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': '12' },
			body: 'body=a%00b&x=1'
		});
		expect(await hasNulByte(urlencoded, url('/x'))).toBe(true);
		expect((await urlencoded.formData()).get('x')).toBe('1');
		const form = new FormData();
		form.set('body', 'Text\u0000mit Nullbyte');
		const multipart = new Request('http://localhost/x', { method: 'POST', body: form });
		const sized = new Request(multipart, {
			headers: { 'content-type': multipart.headers.get('content-type')!, 'content-length': '300' }
		});
		expect(await hasNulByte(sized, url('/x'))).toBe(true);
		const clean = new FormData();
		clean.set('body', 'Ganz normaler Text');
		const ok = new Request('http://localhost/x', { method: 'POST', body: clean });
		expect(
			await hasNulByte(
				new Request(ok, {
					headers: { 'content-type': ok.headers.get('content-type')!, 'content-length': '200' }
				}),
				url('/x')
			)
		).toBe(false);
	});

	it('is not fooled by an invalid percent sequence before the NUL (decodeURIComponent throws there)', async () => {
		for (const path of [
			'/beteiligung?bereich=%FF%00',
			'/karte?a=%ff%00&b=1',
			'/x?%FF%00=1',
			'/sozialraeume/%FF%00'
		]) {
			const u = url(path);
			expect(await hasNulByte(new Request(u), u), path).toBe(true);
		}
		// What the routes read: URLSearchParams decodes it to U+FFFD U+0000.
		expect(url('/?bereich=%FF%00').searchParams.get('bereich')).toBe('\uFFFD\u0000');
		// A percent sign that is text ("%2500" is the characters "%00") is no NUL.
		const text = url('/suche?q=100%2500');
		expect(await hasNulByte(new Request(text), text)).toBe(false);
		const invalid = url('/suche?q=%FF');
		expect(await hasNulByte(new Request(invalid), invalid)).toBe(false);
	});

	function chunked(body: string, type: string): Request {
		const bytes = new TextEncoder().encode(body);
		const stream = new ReadableStream<Uint8Array>({
			start(controller) {
				for (let i = 0; i < bytes.length; i += 7) controller.enqueue(bytes.slice(i, i + 7));
				controller.close();
			}
		});
		return new Request('http://localhost/x', {
			method: 'POST',
			headers: { 'content-type': type },
			body: stream,
			duplex: 'half'
		} as RequestInit);
	}

	it('reads chunked bodies (no content-length) too, and leaves them readable', async () => {
		const withNul = chunked('body=a%00b&x=1', 'application/x-www-form-urlencoded');
		expect(withNul.headers.get('content-length')).toBeNull();
		expect(await hasNulByte(withNul, url('/x'))).toBe(true);
		const clean = chunked('body=ganz+normal&x=1', 'application/x-www-form-urlencoded');
		expect(await hasNulByte(clean, url('/x'))).toBe(false);
		expect((await clean.formData()).get('body')).toBe('ganz normal');
		const boundary = 'grenze0123';
		const multipart = chunked(
			`--${boundary}\r\nContent-Disposition: form-data; name="body"\r\n\r\nText\u0000mit Nullbyte\r\n--${boundary}--\r\n`,
			`multipart/form-data; boundary=${boundary}`
		);
		expect(await hasNulByte(multipart, url('/x'))).toBe(true);
	});

	it('does not read a body declared larger than the limit twice (the database answer is the safety net)', async () => {
		const big = new Request('http://localhost/x', {
			method: 'POST',
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				'content-length': String(MAX_CHECKED_BODY + 1)
			},
			body: 'body=a%00b'
		});
		expect(await hasNulByte(big, url('/x'))).toBe(false);
	});
});

describe('isBadInputError', () => {
	it('recognises SQLSTATE 22021, also as a cause, and nothing else', () => {
		const pgError = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), {
			code: '22021'
		});
		expect(isBadInputError(pgError)).toBe(true);
		expect(isBadInputError(new Error('wrapped', { cause: pgError }))).toBe(true);
		expect(isBadInputError(Object.assign(new Error('duplicate'), { code: '23505' }))).toBe(false);
		expect(isBadInputError(new Error('boom'))).toBe(false);
		expect(isBadInputError(null)).toBe(false);
	});
});
