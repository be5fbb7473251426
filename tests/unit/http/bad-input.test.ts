import { describe, expect, it } from 'vitest';
import { hasNulByte } from '../../../src/lib/server/http/bad-input';

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
});
