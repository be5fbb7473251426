import { expect, test, type Page } from '@playwright/test';
import { clientAddress, expectNoAxeViolations, signIn } from '../helpers';

// The demo quarter manager manages "Marktplatz Altstadt"; the demo resident does not.
const MANAGER = 'quartier@musterstadt.example';
const RESIDENT = 'bewohner@musterstadt.example';
const BASE = '/beteiligung/marktplatz-altstadt';
const ENTRY = `${BASE}/erfassen`;

test.use({ extraHTTPHeaders: clientAddress(241) });

async function clickMap(page: Page, dx: number, dy: number): Promise<void> {
	const map = page.getByTestId('contribution-map');
	await map.scrollIntoViewIfNeeded();
	const box = (await map.boundingBox())!;
	await page.mouse.click(box.x + box.width / 2 + dx, box.y + box.height / 2 + dy);
}

test('the quarter manager enters three paper contributions in a row, placed on the map; they appear with channel paper', async ({
	page
}) => {
	const stamp = Date.now().toString(36);
	await signIn(page, MANAGER);
	await page.goto(ENTRY);
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Analoge Beiträge erfassen');
	await expect(page.getByTestId('contribution-map')).toHaveAttribute('data-status', 'ready');
	await page.waitForLoadState('networkidle');
	const form = page.locator('form[action="?/save"]');
	// Staff entry, not a resident's post: no honeypot, no netiquette consent.
	await expect(form.locator('input[name="website"]')).toHaveCount(0);
	await expect(form.getByText('Netiquette')).toHaveCount(0);
	await expectNoAxeViolations(page);
	const before = Number((await page.getByTestId('entered-count').textContent())!.match(/\d+$/)![0]);

	// A form error keeps the place drawn and what was typed.
	await page.getByRole('button', { name: 'Punkt setzen' }).click();
	await clickMap(page, 0, 0);
	await expect(page.getByText('Ort gesetzt: Punkt.')).toBeVisible();
	await form.getByLabel('Kanal').selectOption({ label: 'Papierfragebogen' });
	await form.getByLabel('Gesammelt am').fill('2026-11-18');
	await form.getByLabel('Thema').selectOption({ label: 'Aufenthalt und Sitzen' });
	await form.getByRole('button', { name: 'Analogen Beitrag speichern' }).click();
	await expect(form.getByText('Bitte schreiben Sie Ihren Beitrag.')).toBeVisible();
	await expect(page.getByText('Ort gesetzt: Punkt.')).toBeVisible();
	await expect(form.locator('input[name="geometry"]')).toHaveValue(/"Point"/);
	await expect(form.getByLabel('Gesammelt am')).toHaveValue('2026-11-18');
	await expectNoAxeViolations(page);

	const texts = [
		`Bank am Brunnen fehlt ${stamp}`,
		`Weg zur Schule zu dunkel ${stamp}`,
		`Fläche begrünen ${stamp}`
	];
	for (const [i, text] of texts.entries()) {
		if (i === 1) {
			await page.getByRole('button', { name: 'Linie zeichnen' }).click();
			await clickMap(page, -30, 0);
			await clickMap(page, 30, 10);
			await page.getByRole('button', { name: 'Zeichnen beenden' }).click();
			await expect(page.getByText('Ort gesetzt: Linie.')).toBeVisible();
		} else if (i === 2) {
			await page.getByRole('button', { name: 'Fläche zeichnen' }).click();
			await clickMap(page, -20, -20);
			await clickMap(page, 20, -20);
			await clickMap(page, 0, 20);
			await page.getByRole('button', { name: 'Zeichnen beenden' }).click();
			await expect(page.getByText('Ort gesetzt: Fläche.')).toBeVisible();
		}
		await form.getByLabel('Thema').selectOption({ label: 'Aufenthalt und Sitzen' });
		await form.getByLabel('Text des Beitrags').fill(text);
		await form.getByRole('button', { name: 'Analogen Beitrag speichern' }).click();
		const saved = page.getByTestId('saved');
		await expect(saved).toContainText(`erfasste analoge Beiträge: ${before + i + 1}`);
		// The confirmation has the focus; the form is ready for the next one, channel and date kept.
		await expect(saved).toBeFocused();
		await expect(form.getByLabel('Text des Beitrags')).toHaveValue('');
		await expect(form.locator('input[name="geometry"]')).toHaveValue('');
		await expect(form.getByLabel('Kanal')).toHaveValue('paper');
		await expect(form.getByLabel('Gesammelt am')).toHaveValue('2026-11-18');
	}
	await expectNoAxeViolations(page);

	// Listed on the entry page and in the consultation's list with their channel.
	const recent = page.getByTestId('recent-entries');
	for (const text of texts)
		await expect(recent.getByRole('listitem').filter({ hasText: text })).toContainText('Papierfragebogen');
	await page.goto(`${BASE}/karte`);
	const list = page.locator('ol.contributions');
	for (const text of texts)
		await expect(list.locator('li').filter({ hasText: text })).toContainText('Papierfragebogen');

	// Each on its own page: channel, date and the place on a small map.
	await list
		.locator('li')
		.filter({ hasText: texts[1] })
		.getByRole('link', { name: 'Beitrag ansehen' })
		.click();
	await expect(page.getByText('Eingetragen aus: Papierfragebogen, gesammelt am 18.11.2026')).toBeVisible();
	await expect(page.getByTestId('place-map')).toHaveAttribute('data-status', 'ready');
	await expect(page.getByTestId('place-map-text')).toContainText('Linie in');
	await expect(page.getByTestId('contribution-areas')).toContainText('Stadtteil: Altstadt');
});

test('staff entry is for the consultation’s managers only: others get nothing, signed-out people sign in first', async ({
	page,
	request
}) => {
	const anonymous = await request.get(ENTRY, { maxRedirects: 0 });
	expect(anonymous.status()).toBe(303);
	expect(anonymous.headers().location).toContain('/anmelden?weiter=');
	await signIn(page, RESIDENT);
	const seen = await page.goto(ENTRY);
	expect(seen?.status()).toBe(404);
	// The action checks too (not only the page).
	const posted = await page.request.post(`${ENTRY}?/save`, {
		headers: { origin: new URL(page.url()).origin },
		form: { channel: 'paper', collectedOn: '2026-11-18', body: 'Eingeschmuggelt' }
	});
	expect(posted.status()).toBe(404);
	await page.goto(`${BASE}/karte`);
	await expect(page.getByRole('link', { name: 'Analoge Beiträge erfassen' })).toHaveCount(0);
});
