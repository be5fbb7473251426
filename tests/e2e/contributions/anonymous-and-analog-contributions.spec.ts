import { expect, test } from '@playwright/test';
import { clientAddress, expectNoAxeViolations, signIn } from '../helpers';

const MANAGER = 'quartier@musterstadt.example';
const MAP = '/beteiligung/marktplatz-altstadt/karte';

test.use({ extraHTTPHeaders: clientAddress(233) });

test('an anonymous visitor contributes via the area picker and uses the private link once shown to edit and delete', async ({
	page
}) => {
	const stamp = Date.now().toString(36);
	await page.goto(MAP);
	await expect(page.getByText('Sie können ohne Konto mitmachen.')).toBeVisible();
	const form = page.locator('form[action="?/create"]');
	// Missing text and place: German errors linked to the fields.
	await form.getByRole('button', { name: 'Beitrag absenden' }).click();
	await expect(form.getByLabel('Ihr Beitrag')).toHaveAttribute('aria-invalid', 'true');
	await expect(
		form.getByText('Bitte setzen Sie einen Ort auf der Karte oder wählen Sie mindestens ein Quartier.')
	).toBeVisible();
	await expectNoAxeViolations(page);

	// The e2e server asks anonymous authors for a proof-of-work: the browser solves it.
	await expect(form.getByTestId('proof-of-work')).toHaveText('Bereit zum Absenden.');
	await form.getByLabel('Thema').selectOption({ label: 'Sicherheit' });
	await form.getByLabel('Ihr Beitrag').fill(`Dunkle Ecke ${stamp}`);
	await form.locator('fieldset.area-picker input[type="checkbox"]').nth(1).check();
	await form.getByRole('button', { name: 'Beitrag absenden' }).click();
	await expect(page.getByRole('heading', { name: 'Ihr privater Link' })).toBeVisible();
	const link = await page.getByTestId('edit-link').getAttribute('href');
	expect(link).toMatch(/\/bearbeiten\?token=[a-z2-7]{32}$/);

	// Shown once: reloading the map does not show it again.
	await page.goto(MAP);
	await expect(page.getByTestId('edit-link')).toHaveCount(0);

	await page.goto(link!);
	// Typed before hydration, the text would be joined with the old one by it (seen with two workers).
	await page.waitForLoadState('networkidle');
	await page.getByLabel('Ihr Beitrag').fill(`Dunkle Ecke, bitte Laterne ${stamp}`);
	await page.getByRole('button', { name: 'Änderung speichern' }).click();
	await expect(page.getByText('Ihre Änderung ist gespeichert.')).toBeVisible();
	await expectNoAxeViolations(page);
	await page.getByRole('link', { name: 'Beitrag ansehen' }).click();
	await expect(page.getByTestId('contribution-body')).toHaveText(`Dunkle Ecke, bitte Laterne ${stamp}`);
	await expect(page.getByText('Ohne Namen')).toBeVisible();
	await expect(page.getByTestId('contribution-areas')).toContainText('Stadtteil: Altstadt');

	await page.goto(link!);
	await page.getByRole('button', { name: 'Endgültig löschen' }).click();
	await expect(
		page.getByText('Dieser Beitrag wurde von der Person gelöscht, die ihn geschrieben hat.')
	).toBeVisible();
	const again = await page.goto(link!);
	expect(again?.status()).toBe(404);
	// A made-up token opens nothing.
	const guessed = await page.goto(link!.replace(/token=.*/, 'token=abcdefghijklmnopqrstuvwxyz234567'));
	expect(guessed?.status()).toBe(404);
});

test('without a map, an address becomes a point (stand-in geocoder); an unknown address is explained', async ({
	page
}) => {
	const stamp = Date.now().toString(36);
	await page.goto(MAP);
	const form = page.locator('form[action="?/create"]');
	await form.getByLabel('Thema').selectOption({ label: 'Wege und Verkehr' });
	await form.getByLabel('Ihr Beitrag').fill(`Zebrastreifen fehlt ${stamp}`);
	await form.getByLabel('Adresse (statt eines Punkts auf der Karte)').fill('Nirgendwoweg 99');
	await form.getByRole('button', { name: 'Beitrag absenden' }).click();
	await expect(
		form.getByText('Diese Adresse haben wir im Gebiet dieser Beteiligung nicht gefunden.', { exact: false })
	).toBeVisible();
	// Nothing typed is lost.
	await expect(form.getByLabel('Ihr Beitrag')).toHaveValue(`Zebrastreifen fehlt ${stamp}`);
	await expect(form.getByLabel('Adresse (statt eines Punkts auf der Karte)')).toHaveValue('Nirgendwoweg 99');
	await expectNoAxeViolations(page);

	await form.getByLabel('Adresse (statt eines Punkts auf der Karte)').fill('Marktplatz 1');
	await form.getByRole('button', { name: 'Beitrag absenden' }).click();
	await expect(page.getByRole('heading', { name: 'Ihr privater Link' })).toBeVisible();
	await page.getByRole('link', { name: 'Beitrag ansehen' }).first().click();
	await page.waitForURL(/\/beitrag\//);
	await expect(page.getByTestId('contribution-body')).toHaveText(`Zebrastreifen fehlt ${stamp}`);
	// A point: assigned to its areas like one set on the map; the address itself is not shown.
	await expect(page.getByTestId('contribution-areas')).toContainText('Stadtteil: Altstadt');
	await expect(page.getByText('Marktplatz 1')).toHaveCount(0);
});

test('a quarter manager enters a contribution from a neighbourhood walk; the English map page works', async ({
	page
}) => {
	const stamp = Date.now().toString(36);
	await signIn(page, MANAGER);
	await page.goto(MAP);
	// Analog entry has its own page (see quarter-manager-enters-paper-contributions.spec.ts).
	await page.getByRole('link', { name: 'Analoge Beiträge erfassen' }).click();
	const analog = page.locator('form[action="?/save"]');
	await analog.getByLabel('Kanal').selectOption({ label: 'Stadtteilspaziergang' });
	await analog.getByLabel('Gesammelt am').fill('2026-11-20');
	await analog.getByLabel('Thema').selectOption({ label: 'Spielen' });
	await analog.getByLabel('Text des Beitrags').fill(`Spielplatz zu klein (Spaziergang) ${stamp}`);
	await analog.locator('fieldset.area-picker input[type="checkbox"]').first().check();
	await analog.getByRole('button', { name: 'Analogen Beitrag speichern' }).click();
	await expect(page.getByRole('heading', { name: 'Der analoge Beitrag wurde gespeichert.' })).toBeVisible();
	await page.getByTestId('saved').getByRole('link', { name: 'Beitrag ansehen' }).click();
	await expect(page.getByText('Eingetragen aus: Stadtteilspaziergang')).toBeVisible();

	// English
	await page.goto(`${MAP}?lang=en`);
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Map:');
	await expect(page.getByRole('button', { name: 'Send contribution' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Enter analog contributions' })).toBeVisible();
	await expect(page.getByTestId('contribution-map')).toHaveAttribute('data-status', 'ready');
	await page.getByRole('link', { name: 'View contribution' }).first().click();
	await expect(page.getByRole('heading', { name: 'Replies' })).toBeVisible();
	await page.goto('/?lang=de');
});

test('three reports from different people hide a contribution with the reason shown in its place', async ({
	page,
	browser
}) => {
	const stamp = Date.now().toString(36);
	await page.goto(MAP);
	const form = page.locator('form[action="?/create"]');
	await form.getByLabel('Thema').selectOption({ label: 'Sicherheit' });
	await form.getByLabel('Ihr Beitrag').fill(`Wird gemeldet ${stamp}`);
	await form.locator('fieldset.area-picker input[type="checkbox"]').first().check();
	await form.getByRole('button', { name: 'Beitrag absenden' }).click();
	// The form is enhanced: wait for the confirmation before following its link.
	await expect(page.getByRole('heading', { name: 'Danke für Ihren Beitrag' })).toBeVisible();
	await page.getByTestId('created').getByRole('link', { name: 'Beitrag ansehen' }).click();
	await page.waitForURL(/\/beitrag\//);
	await expect(page.getByText(`Wird gemeldet ${stamp}`)).toBeVisible();
	const url = page.url();
	// Signed-in reporters: one report per account (anonymous reports count per daily address key,
	// which the dev server cannot vary: it ignores ADDRESS_HEADER).
	for (const [n, email] of [
		[234, 'bewohner@musterstadt.example'],
		[235, 'planung@musterstadt.example'],
		[236, 'moderation@musterstadt.example']
	] as const) {
		const context = await browser.newContext({ extraHTTPHeaders: clientAddress(n) });
		const visitor = await context.newPage();
		await signIn(visitor, email);
		await visitor.goto(url);
		await visitor.waitForLoadState('networkidle');
		await visitor.getByLabel('Warum melden Sie diesen Beitrag?').fill('Werbung');
		await visitor.getByRole('button', { name: 'Melden', exact: true }).click();
		await expect(visitor.getByText('Danke, wir sehen uns den Beitrag an.')).toBeVisible();
		await context.close();
	}
	await page.goto(url);
	await expect(page.getByTestId('hidden-placeholder')).toHaveText(
		'Ausgeblendet wegen: Automatisch ausgeblendet nach Meldungen'
	);
	await expect(page.getByText(`Wird gemeldet ${stamp}`)).toHaveCount(0);
	await expectNoAxeViolations(page);
});
