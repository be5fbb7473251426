import { expect, test } from '@playwright/test';
import { clientAddress } from '../helpers';

// NUL bytes gave 500 (PostgreSQL 22021) from pages that query with the input; now 400, everywhere.
test.use({ extraHTTPHeaders: clientAddress(229) });

test('NUL bytes in paths, queries and form fields are refused as bad input, not a server error', async ({
	request,
	baseURL
}) => {
	for (const path of ['/beteiligung?bereich=%00', '/sozialraeume/%00', '/karte?indikator=a%00b']) {
		const r = await request.get(path);
		expect(r.status(), path).toBe(400);
		expect(await r.text()).toContain('Nullbyte');
	}
	const login = await request.post('/anmelden?/login', {
		headers: { origin: baseURL! },
		form: { email: 'a\u0000b@example.org', password: 'x' }
	});
	expect(login.status()).toBe(400);
	// Without NUL the same form answers as usual.
	const normal = await request.post('/anmelden?/login', {
		headers: { origin: baseURL! },
		form: { email: 'niemand@example.org', password: 'falsch' }
	});
	expect(normal.status()).toBeLessThan(500);
});
