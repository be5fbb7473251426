import { expect, test, type Browser, type Page } from '@playwright/test';
import { clientAddress, expectNoAxeViolations, signIn } from '../helpers';

// Demo accounts and the demo consultation "Marktplatz Altstadt" (allows anonymous contributions).
const RESIDENT = 'bewohner@musterstadt.example';
const OTHER = 'planung@musterstadt.example';
const MAP = '/beteiligung/marktplatz-altstadt/karte';

test.use({ extraHTTPHeaders: clientAddress(231) });

async function openMap(page: Page): Promise<void> {
	await page.goto(MAP);
	await expect(page.getByTestId('contribution-map')).toHaveAttribute('data-status', 'ready');
	await page.waitForLoadState('networkidle');
}

async function clickMap(page: Page, dx: number, dy: number): Promise<void> {
	const box = (await page.getByTestId('contribution-map').boundingBox())!;
	await page.mouse.click(box.x + box.width / 2 + dx, box.y + box.height / 2 + dy);
}

async function submitAndOpen(page: Page): Promise<void> {
	await page.getByRole('button', { name: 'Beitrag absenden' }).click();
	await expect(page.getByRole('heading', { name: 'Danke für Ihren Beitrag' })).toBeVisible();
	await page.getByRole('link', { name: 'Beitrag ansehen' }).first().click();
	await expect(page.getByTestId('contribution-areas')).toContainText('Stadtteil: Altstadt');
}

/** A tiny JPEG whose EXIF segment carries GPS text (stripped on upload). */
function jpegWithGps(): Buffer {
	const exif = Buffer.from('Exif\0\0GPSLatitude=51.1;GPSLongitude=7.5', 'latin1');
	return Buffer.concat([
		Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
		Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1'),
		Buffer.from([0xff, 0xe1, 0x00, exif.length + 2]),
		exif,
		Buffer.from([0xff, 0xda, 0x00, 0x02, 0x11, 0x22, 0xff, 0xd9])
	]);
}

async function otherContext(browser: Browser) {
	return browser.newContext({ extraHTTPHeaders: clientAddress(232) });
}

test('a resident places a point and an area on the map and one by the area picker; another person supports and reports it', async ({
	page,
	browser
}) => {
	const stamp = Date.now().toString(36);
	const payload = `<script>alert(1)</script> Bank fehlt ${stamp}`;
	await signIn(page, RESIDENT);
	await openMap(page);
	await expectNoAxeViolations(page);

	// A point by clicking the map.
	await page.getByRole('button', { name: 'Punkt setzen' }).click();
	await clickMap(page, 0, 0);
	await expect(page.getByText('Ort gesetzt: Punkt.')).toBeVisible();
	const form = page.locator('form[action="?/create"]');
	await form.getByLabel('Thema').selectOption({ label: 'Aufenthalt und Sitzen' });
	await form.getByLabel('Ihr Beitrag').fill(payload);
	await submitAndOpen(page);
	await expect(page.getByTestId('contribution-body')).toHaveText(payload);
	const pointUrl = page.url();

	// An area by clicking its corners.
	await openMap(page);
	await page.getByRole('button', { name: 'Fläche zeichnen' }).click();
	await clickMap(page, -20, -20);
	await clickMap(page, 20, -20);
	await clickMap(page, 20, 20);
	await page.getByRole('button', { name: 'Zeichnen beenden' }).click();
	await expect(page.getByText('Ort gesetzt: Fläche.')).toBeVisible();
	await form.getByLabel('Thema').selectOption({ label: 'Grün und Schatten' });
	await form.getByLabel('Ihr Beitrag').fill(`Mehr Bäume hier ${stamp}`);
	await form.getByLabel('Foto 1', { exact: true }).setInputFiles({
		name: 'platz.jpg',
		mimeType: 'image/jpeg',
		buffer: jpegWithGps()
	});
	await form.getByLabel('Was ist auf Foto 1 zu sehen?').fill('Leere Fläche ohne Bäume');
	await submitAndOpen(page);
	const photo = page.getByRole('img', { name: 'Leere Fläche ohne Bäume' });
	await expect(photo).toBeVisible();
	const bytes = await (await page.request.get((await photo.getAttribute('src'))!)).body();
	expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
	expect(bytes.toString('latin1')).not.toContain('GPS');

	// The keyboard path: no map, a Quartier from the picker.
	await page.goto(MAP);
	const picker = page.locator('form[action="?/create"]');
	await picker.getByLabel('Thema').focus();
	await page.keyboard.press('ArrowDown');
	await picker.getByLabel('Ihr Beitrag').fill(`Per Tastatur ${stamp}`);
	const firstQuartier = picker.locator('fieldset.area-picker input[type="checkbox"]').first();
	await firstQuartier.focus();
	await page.keyboard.press('Space');
	await expect(firstQuartier).toBeChecked();
	await submitAndOpen(page);
	await expectNoAxeViolations(page);

	// Another signed-in person supports and reports the point.
	const other = await otherContext(browser);
	const second = await other.newPage();
	await signIn(second, OTHER);
	await second.goto(pointUrl);
	await second.waitForLoadState('networkidle');
	await expect(second.getByTestId('support-count')).toContainText('0 Personen sehen');
	await second.getByRole('button', { name: 'Sehe ich auch so' }).click();
	await expect(second.getByTestId('support-count')).toContainText('1 Person sieht');
	await second.waitForLoadState('networkidle');
	await second.getByLabel('Warum melden Sie diesen Beitrag?').fill('Bitte prüfen <b>test</b>');
	await second.getByRole('button', { name: 'Melden', exact: true }).click();
	await expect(second.getByText('Danke, wir sehen uns den Beitrag an.')).toBeVisible();
	await expectNoAxeViolations(second);
	await other.close();

	// The list view shows the contributions as text (no markup executed).
	await page.goto(`${MAP}#liste`);
	await expect(page.locator('ol.contributions')).toContainText(payload);
});

test('without an account, a visitor draws an area with a photo and it lands in the right Stadtteil', async ({
	browser
}) => {
	const stamp = Date.now().toString(36);
	const context = await browser.newContext({ extraHTTPHeaders: clientAddress(239) });
	const page = await context.newPage();
	await openMap(page);
	await expect(page.getByRole('button', { name: 'Abmelden' })).toHaveCount(0);
	await page.getByRole('button', { name: 'Fläche zeichnen' }).click();
	await clickMap(page, -25, -15);
	await clickMap(page, 25, -15);
	await clickMap(page, 0, 25);
	await page.getByRole('button', { name: 'Zeichnen beenden' }).click();
	await expect(page.getByText('Ort gesetzt: Fläche.')).toBeVisible();
	const form = page.locator('form[action="?/create"]');
	await form.getByLabel('Thema').selectOption({ label: 'Grün und Schatten' });
	await form.getByLabel('Ihr Beitrag').fill(`Ohne Konto: Wiese verwildert ${stamp}`);
	await form.getByLabel('Foto 1', { exact: true }).setInputFiles({
		name: 'wiese.jpg',
		mimeType: 'image/jpeg',
		buffer: jpegWithGps()
	});
	await form.getByLabel('Was ist auf Foto 1 zu sehen?').fill('Hohes Gras an der Wiese');
	await expect(form.getByTestId('proof-of-work')).toHaveText('Bereit zum Absenden.');
	await submitAndOpen(page);
	await expect(page.getByText('Ohne Namen')).toBeVisible();
	const photo = page.getByRole('img', { name: 'Hohes Gras an der Wiese' });
	await expect(photo).toBeVisible();
	const bytes = await (await page.request.get((await photo.getAttribute('src'))!)).body();
	expect(bytes.toString('latin1')).not.toContain('GPS');
	await context.close();
});
