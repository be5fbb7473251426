// A resident answers the photo campaign on a phone: a file that only claims to be a photo is refused
// (German message, the typed text stays), a real photo is saved even while another answer is missing
// and stays listed, the answer is sent; the organiser finds the photo — without its GPS data — among
// the results.
import { expect, test } from '@playwright/test';
import { clientAddress, expectNoAxeViolations, signIn } from '../helpers';

test.use({ viewport: { width: 390, height: 844 }, extraHTTPHeaders: clientAddress(420) });

/** A tiny JPEG whose EXIF segment carries GPS text (stripped on upload). */
function jpegWithGps(): Buffer {
	const exif = Buffer.from('Exif\0\0GPSLatitude=51.1;GPSLongitude=7.5', 'latin1');
	return Buffer.concat([
		Buffer.from([0xff, 0xd8]),
		Buffer.from([
			0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00,
			0x00
		]),
		Buffer.from([0xff, 0xe1, 0x00, exif.length + 2]),
		exif,
		Buffer.from([0xff, 0xdb, 0x00, 0x04, 0x00, 0x01]),
		Buffer.from([0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3f, 0x00, 0x12, 0x34, 0x56, 0xff, 0xd9])
	]);
}

test('a resident sends a photo with a survey answer on a phone; the organiser finds it', async ({
	page,
	browser
}) => {
	await page.goto('/beteiligung/gruene-wege-musterstadt/befragung');
	await page.getByRole('link', { name: /Fotoaktion/ }).click();
	await page.waitForURL(/\/befragung\/[0-9a-f-]{36}/);
	const base = new URL(page.url()).pathname.match(/^\/beteiligung\/[^/]+\/befragung\/[0-9a-f-]{36}/)![0];
	await page.getByRole('button', { name: 'Befragung beginnen' }).click();
	await expect(page.getByText('Seite 1 von 1', { exact: true })).toBeVisible();
	await page.waitForLoadState('networkidle');
	await expect(page.getByText(/Bilder werden ohne Metadaten/)).toBeVisible();

	// a web page named like a photo: refused by its content, the typed place stays
	await page.getByLabel('Welcher Ort ist es?').fill('Bank am Mühlbach');
	await page.getByLabel('Datei auswählen').setInputFiles({
		name: 'foto.jpg',
		mimeType: 'image/jpeg',
		buffer: Buffer.from('<html><script>alert(1)</script></html>')
	});
	await page.getByRole('button', { name: 'Antworten absenden' }).click();
	await expect(page.getByRole('alert')).toContainText('keine erlaubte Dateiart');
	await expect(page.getByLabel('Welcher Ort ist es?')).toHaveValue('Bank am Mühlbach');

	// a real photo while the place is missing: the photo is saved and listed, the place asked for
	await page.getByLabel('Welcher Ort ist es?').fill('');
	await page
		.getByLabel('Datei auswählen')
		.setInputFiles({ name: 'IMG_0042.jpg', mimeType: 'image/jpeg', buffer: jpegWithGps() });
	await page.getByRole('button', { name: 'Antworten absenden' }).click();
	await expect(page.getByRole('alert')).toContainText('Bitte beantworten Sie diese Frage.');
	// anonymous survey: a neutral name instead of the one sent
	await expect(page.getByLabel('„datei-1.jpg“ entfernen')).toBeVisible();
	await expectNoAxeViolations(page);
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

	await page.getByLabel('Welcher Ort ist es?').fill('Bank am Mühlbach');
	await page.getByRole('button', { name: 'Antworten absenden' }).click();
	await expect(page.getByRole('heading', { name: 'Vielen Dank!' })).toBeVisible();

	// the organiser sees the file on the results page and downloads it without the GPS text
	const staff = await browser.newContext({ extraHTTPHeaders: clientAddress(421) });
	const p = await staff.newPage();
	await signIn(p, 'planung@musterstadt.example');
	await p.goto(`${base}/ergebnisse`);
	const link = p.getByRole('link', { name: /datei-1\.jpg \(\d+ KB\) herunterladen/ });
	await expect(link).toBeVisible();
	const href = (await link.getAttribute('href'))!;
	const response = await p.request.get(href);
	expect(response.headers()['content-type']).toBe('image/jpeg');
	const body = await response.body();
	expect(body.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
	expect(body.toString('latin1')).not.toContain('GPSLatitude');
	await staff.close();

	// and the resident (no account) cannot fetch it
	const refused = await page.request.get(href, { maxRedirects: 0 });
	expect(refused.status()).toBe(303);
});
