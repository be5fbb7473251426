import { expect, test, type Page } from '@playwright/test';
import { clientAddress, expectNoAxeViolations, signIn } from '../helpers';

const RESIDENT = 'bewohner@musterstadt.example';
const MAP = '/beteiligung/marktplatz-altstadt/karte';

test.use({ extraHTTPHeaders: clientAddress(243) });

async function openMap(page: Page): Promise<void> {
	await page.goto(MAP);
	await expect(page.getByTestId('contribution-map')).toHaveAttribute('data-status', 'ready');
	await page.waitForLoadState('networkidle');
}

/** A tiny JPEG. */
function jpeg(): Buffer {
	return Buffer.concat([
		Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
		Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1'),
		Buffer.from([0xff, 0xda, 0x00, 0x02, 0x11, 0x22, 0xff, 0xd9])
	]);
}

/** Arrow keys pan the focused map (Leaflet ignores keys while a pan is still animating). */
async function pan(page: Page, key: string, times: number): Promise<void> {
	for (let i = 0; i < times; i++) {
		await page.keyboard.press(key);
		await page.waitForTimeout(350);
	}
}

const activeTestId = (page: Page) =>
	page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);

test('a form error keeps the drawn place and the chosen photo; after sending, the focus is on the confirmation', async ({
	page
}) => {
	const stamp = Date.now().toString(36);
	await signIn(page, RESIDENT);
	await openMap(page);
	// The consultation's area is outlined and named.
	await expect(page.getByText('Umrandet: das Gebiet dieser Beteiligung (Altstadt).')).toBeVisible();
	await page.getByRole('button', { name: 'Punkt setzen' }).click();
	const box = (await page.getByTestId('contribution-map').boundingBox())!;
	await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
	await expect(page.getByText('Ort gesetzt: Punkt.')).toBeVisible();
	const form = page.locator('form[action="?/create"]');
	const geometry = await form.locator('input[name="geometry"]').inputValue();
	expect(geometry).toContain('"Point"');
	await form.getByLabel('Thema').selectOption({ label: 'Aufenthalt und Sitzen' });
	await form.getByLabel('Ihr Beitrag').fill(`Brunnen reparieren ${stamp}`);
	await form
		.getByLabel('Foto 1', { exact: true })
		.setInputFiles({ name: 'brunnen.jpg', mimeType: 'image/jpeg', buffer: jpeg() });
	// No photo description: an error — but nothing is lost.
	await form.getByRole('button', { name: 'Beitrag absenden' }).click();
	await expect(form.getByText('Bitte beschreiben Sie kurz, was auf dem Foto zu sehen ist.')).toBeVisible();
	await expect(page.getByText('Ort gesetzt: Punkt.')).toBeVisible();
	await expect(form.locator('input[name="geometry"]')).toHaveValue(geometry);
	expect(
		await form.getByLabel('Foto 1', { exact: true }).evaluate((el: HTMLInputElement) => el.files?.length)
	).toBe(1);
	await expect(form.getByTestId('photo-kept')).toHaveText('Foto 1 bleibt ausgewählt: brunnen.jpg');
	await expect(form.getByTestId('photo-again')).toHaveCount(0);
	await expect(form.getByLabel('Ihr Beitrag')).toHaveValue(`Brunnen reparieren ${stamp}`);
	await expectNoAxeViolations(page);

	await form.getByLabel('Was ist auf Foto 1 zu sehen?').fill('Der alte Brunnen');
	await form.getByRole('button', { name: 'Beitrag absenden' }).click();
	await expect(page.getByRole('heading', { name: 'Danke für Ihren Beitrag' })).toBeVisible();
	await expect.poll(() => activeTestId(page)).toBe('created');
	// The place is cleared for the next contribution.
	await expect(form.locator('input[name="geometry"]')).toHaveValue('');
	await page.getByTestId('created').getByRole('link', { name: 'Beitrag ansehen' }).click();
	await expect(page.getByRole('img', { name: 'Der alte Brunnen' })).toBeVisible();
	// The contribution page shows the place on a still map with its words beside it.
	const placeMap = page.getByTestId('place-map');
	await expect(placeMap).toHaveAttribute('data-status', 'ready');
	await expect(placeMap).not.toHaveAttribute('tabindex');
	await expect(page.getByTestId('place-map-text')).toContainText('Ort des Beitrags: Punkt in');
	await expect(page.getByTestId('place-map-text')).toContainText('Altstadt');
	await page.getByRole('button', { name: 'Karte bedienen' }).click();
	await expect(placeMap).toHaveAttribute('tabindex', '0');
	await expect(page.getByRole('button', { name: 'Karte feststellen' })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	await expectNoAxeViolations(page);
});

test('a point placed with the keyboard only: crosshair, arrow keys, "Punkt hier setzen"; outside the area it is warned and refused', async ({
	page
}) => {
	const stamp = Date.now().toString(36);
	await signIn(page, RESIDENT);
	await openMap(page);
	const form = page.locator('form[action="?/create"]');
	const geometry = form.locator('input[name="geometry"]');
	const announcement = page.getByTestId('map-announcement');

	await page.getByRole('button', { name: 'Mit der Tastatur setzen' }).focus();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('button', { name: 'Mit der Tastatur setzen' })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	// The button next to it sets the map centre as the point.
	await page.keyboard.press('Tab');
	await expect(page.getByRole('button', { name: 'Punkt hier setzen' })).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(announcement).toHaveText('Punkt gesetzt in: Altstadt.');
	const centre = await geometry.inputValue();
	expect(centre).toContain('"Point"');

	// Into the map, far to the left with the arrow keys, Enter: outside the consultation's area.
	await page.keyboard.press('Tab');
	await expect(page.getByTestId('contribution-map')).toBeFocused();
	await pan(page, 'ArrowLeft', 12);
	await page.keyboard.press('Enter');
	await expect(announcement).toHaveText('Punkt gesetzt – außerhalb des Beteiligungsgebiets.');
	await expect(page.getByTestId('outside-warning')).toHaveText(
		'Dieser Ort liegt außerhalb des Beteiligungsgebiets. Bitte setzen Sie ihn innerhalb der umrandeten Fläche.'
	);
	const outside = await geometry.inputValue();
	expect(outside).not.toBe(centre);
	await form.getByLabel('Thema').focus();
	await page.keyboard.press('ArrowDown');
	await form.getByLabel('Ihr Beitrag').focus();
	await page.keyboard.type(`Per Tastatur gesetzt ${stamp}`);
	await form.getByRole('button', { name: 'Beitrag absenden' }).focus();
	await page.keyboard.press('Enter');
	// The server refuses it too, and keeps the place.
	await expect(
		form.getByText('Dieser Ort liegt außerhalb des Beteiligungsgebiets. Bitte setzen Sie ihn innerhalb')
	).toBeVisible();
	await expect(geometry).toHaveValue(outside);
	await expectNoAxeViolations(page);

	// Back right with the arrow keys, set it again inside, send.
	await page.getByTestId('contribution-map').focus();
	await pan(page, 'ArrowRight', 12);
	await page.keyboard.press('Shift+Tab');
	await expect(page.getByRole('button', { name: 'Punkt hier setzen' })).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(announcement).toHaveText('Punkt gesetzt in: Altstadt.');
	await expect(page.getByTestId('outside-warning')).toHaveText('');
	await form.getByRole('button', { name: 'Beitrag absenden' }).focus();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { name: 'Danke für Ihren Beitrag' })).toBeVisible();
	await expect.poll(() => activeTestId(page)).toBe('created');
	await page.keyboard.press('Tab');
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('contribution-body')).toHaveText(`Per Tastatur gesetzt ${stamp}`);
	await expect(page.getByTestId('contribution-areas')).toContainText('Stadtteil: Altstadt');
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('a form error keeps what was typed and asks for the photo again', async ({ page }) => {
		const stamp = Date.now().toString(36);
		await signIn(page, RESIDENT);
		await page.goto(MAP);
		const form = page.locator('form[action="?/create"]');
		await form.getByLabel('Ihr Beitrag').fill(`Ohne Skript ${stamp}`);
		await form
			.getByLabel('Foto 1', { exact: true })
			.setInputFiles({ name: 'a.jpg', mimeType: 'image/jpeg', buffer: jpeg() });
		await form.getByLabel('Was ist auf Foto 1 zu sehen?').fill('Ein Foto');
		await form.locator('fieldset.area-picker input[type="checkbox"]').first().check();
		// No topic: an error. The file cannot survive the round trip: the form says so.
		await form.getByRole('button', { name: 'Beitrag absenden' }).click();
		await expect(form.getByText('Bitte wählen Sie ein Thema.')).toBeVisible();
		await expect(form.getByTestId('photo-again')).toHaveText('Bitte wählen Sie das Foto erneut aus.');
		await expect(form.getByLabel('Foto 1', { exact: true })).toHaveAttribute('aria-invalid', 'true');
		await expect(form.getByLabel('Ihr Beitrag')).toHaveValue(`Ohne Skript ${stamp}`);
		await expect(form.getByLabel('Was ist auf Foto 1 zu sehen?')).toHaveValue('Ein Foto');
		await expect(form.locator('fieldset.area-picker input[type="checkbox"]').first()).toBeChecked();
		// (axe needs JavaScript: the same page is checked with it in the tests above.)
	});

	test('the place comes back from the server with the form after an error', async ({ page }) => {
		await signIn(page, RESIDENT);
		const geometry = JSON.stringify({ type: 'Point', coordinates: [7.5, 51.5] });
		const res = await page.request.post(`${MAP}?/create`, {
			headers: { origin: new URL(page.url()).origin, accept: 'text/html' },
			multipart: { body: '', categoryId: '', geometry }
		});
		expect(res.status()).toBe(400);
		await page.setContent(await res.text());
		const form = page.locator('form[action="?/create"]');
		await expect(form.getByText('Bitte schreiben Sie Ihren Beitrag.')).toBeVisible();
		await expect(form.locator('input[name="geometry"]')).toHaveValue(geometry);
		await expect(form.getByTestId('geometry-kept')).toHaveText(
			'Ihr Ort auf der Karte ist erhalten geblieben: Punkt.'
		);
	});
});
