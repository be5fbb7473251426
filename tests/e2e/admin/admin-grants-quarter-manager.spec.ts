import { expect, test } from '@playwright/test';
import { clientAddress, expectNoAxeViolations, signIn } from '../helpers';

// Demo accounts from the demo seed (src/lib/server/demo/accounts.ts).
const ADMIN = 'admin@musterstadt.example';
const RESIDENT = 'bewohner@musterstadt.example';

test.use({ extraHTTPHeaders: clientAddress(60) });

test('the admin finds a user, grants "Quartiersmanager/in" for one Quartier, sees it, and revokes it after confirming', async ({
	page
}) => {
	await signIn(page, ADMIN);
	await page.goto('/admin');
	await expect(page.getByRole('heading', { level: 1, name: 'Verwaltung' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Postausgang' })).toBeVisible();
	await expectNoAxeViolations(page);

	await page.getByRole('link', { name: 'Benutzer' }).click();
	await expect(page).toHaveURL(/\/admin\/benutzer$/);
	await expectNoAxeViolations(page);

	await page.getByLabel('Nach Name oder E-Mail suchen').fill('Berta');
	await page.getByRole('button', { name: 'Suchen' }).click();
	await expect(page).toHaveURL(/q=Berta/);
	await expect(page.getByRole('status')).toHaveText('1 Konto gefunden');
	await page.getByRole('link', { name: 'Berta Bewohnerin (Demo)' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Konto: Berta Bewohnerin (Demo)');
	const roles = page.getByRole('table', { name: 'Rollen von Berta Bewohnerin (Demo)' });
	await expect(roles.getByRole('row')).toHaveCount(2); // header + Bewohner/in
	await expectNoAxeViolations(page);

	// A Quartier from the demo city: the first option of the "Quartier" group.
	const quartier = (await page
		.locator('#grant-areas optgroup[label="Quartier"] option')
		.first()
		.textContent())!.trim();
	expect(quartier).toMatch(/\(Quartier\)$/);
	await page.getByLabel('Rolle', { exact: true }).selectOption({ label: 'Quartiersmanager/in' });
	await page.getByLabel('Für Gebiete').check();
	await page.getByLabel('Gebiete', { exact: true }).selectOption({ label: quartier });
	await page.getByRole('button', { name: 'Rolle zuweisen' }).click();

	await expect(page.getByRole('status')).toHaveText('Die Rolle wurde zugewiesen.');
	const row = roles.getByRole('row').filter({ hasText: 'Quartiersmanager/in' });
	await expect(row).toHaveCount(1);
	await expect(row.getByRole('cell').nth(1)).toHaveText(quartier);
	await expect(row.getByRole('cell').nth(3)).toHaveText('Alex Admin (Demo)');

	// Revoking asks first; cancelling changes nothing.
	await row.getByRole('link', { name: `Entziehen: Quartiersmanager/in, ${quartier}` }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Rolle entziehen');
	await expect(
		page.getByText(`die Rolle „Quartiersmanager/in“ (${quartier}) wirklich entziehen?`)
	).toBeVisible();
	await expectNoAxeViolations(page);
	await page.getByRole('link', { name: 'Abbrechen' }).click();
	await expect(row).toHaveCount(1);

	await row.getByRole('link', { name: /^Entziehen/ }).click();
	await page.getByRole('button', { name: 'Ja, Rolle entziehen' }).click();
	await expect(page.getByRole('status')).toHaveText('Die Rolle wurde entzogen.');
	await expect(roles.getByRole('row').filter({ hasText: 'Quartiersmanager/in' })).toHaveCount(0);
	await expect(roles.getByRole('row').filter({ hasText: 'Bewohner/in' })).toHaveCount(1);
});

test('a wrong role/scope combination is explained next to the field, and the choice is kept', async ({
	page
}) => {
	await signIn(page, ADMIN);
	await page.goto('/admin/benutzer?q=bewohner%40musterstadt');
	await page.getByRole('link', { name: 'Berta Bewohnerin (Demo)' }).click();
	await page.getByLabel('Rolle', { exact: true }).selectOption({ label: 'Quartiersmanager/in' });
	await page.getByLabel('Für Gebiete').check();
	await page.getByRole('button', { name: 'Rolle zuweisen' }).click();
	await expect(page.getByRole('alert')).toHaveText('Bitte prüfen Sie die markierten Angaben.');
	const areas = page.getByLabel('Gebiete', { exact: true });
	await expect(areas).toHaveAttribute('aria-invalid', 'true');
	await expect(areas).toHaveAccessibleDescription(/Bitte wählen Sie mindestens ein Gebiet\./);
	await expect(page.getByLabel('Rolle', { exact: true })).toHaveValue('quarter_manager');
	await expectNoAxeViolations(page);
});

test('a resident gets 403 on the admin pages; a visitor is sent to the login', async ({ page, browser }) => {
	const anonymous = await browser.newPage({ extraHTTPHeaders: clientAddress(61) });
	await anonymous.goto('/admin/benutzer');
	await expect(anonymous).toHaveURL(/\/anmelden\?weiter=%2Fadmin%2Fbenutzer/);
	await anonymous.close();

	await signIn(page, RESIDENT);
	await expect(page.getByRole('link', { name: 'Verwaltung' })).toHaveCount(0);
	for (const path of ['/admin', '/admin/benutzer', '/admin/seiten', '/admin/seiten/impressum']) {
		const response = await page.goto(path);
		expect(response?.status(), path).toBe(403);
		await expect(page.getByText('Dafür fehlt Ihnen die Berechtigung.')).toBeVisible();
	}
	// A forged form post is refused by the action itself, not just by the page.
	const forged = await page.request.post('/admin/seiten/impressum', {
		form: { locale: 'de', title: 'Gehackt', body: 'Gehackt' },
		headers: { origin: new URL(page.url()).origin }
	});
	expect(forged.status()).toBe(403);
	await page.goto('/impressum');
	await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('Gehackt');
});

test('the admin edits the Impressum; the public page shows it as plain text, markup and scripts literally', async ({
	page
}) => {
	await page.goto('/impressum');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Impressum');
	await expect(page.getByText(/Dies ist eine Vorlage/)).toBeVisible();
	await expectNoAxeViolations(page);
	await page.goto('/datenschutz');
	await expect(page.getByText(/Kein Tracking/)).toBeVisible();
	await page.goto('/barrierefreiheit');
	await expect(page.getByText(/BITV 2\.0/).first()).toBeVisible();

	await signIn(page, ADMIN);
	await page.goto('/admin');
	await page.getByRole('link', { name: 'Seiten' }).click();
	await expectNoAxeViolations(page);
	await page.getByRole('link', { name: 'Bearbeiten: Impressum' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Impressum bearbeiten');
	await expect(page.getByText(/noch kein eigener Text gespeichert/)).toBeVisible();
	await expectNoAxeViolations(page);

	await page.getByLabel('Überschrift').fill('Impressum der Stadt Musterstadt');
	await page
		.getByLabel('Text', { exact: true })
		.fill(
			'Stadt Musterstadt\nRathausplatz 1\n\n<script>window.__qkInjected = true</script> <b>nicht fett</b>'
		);
	await page.getByRole('button', { name: 'Speichern' }).click();
	await expect(page.getByRole('status')).toHaveText('Der Text wurde gespeichert.');
	await expect(page.getByText(/Zuletzt gespeichert am/)).toBeVisible();

	await page.goto('/impressum');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Impressum der Stadt Musterstadt');
	const paragraphs = page.locator('article p');
	await expect(paragraphs.nth(0)).toHaveText('Stadt Musterstadt\nRathausplatz 1');
	await expect(paragraphs.nth(1)).toHaveText('<script>window.__qkInjected = true</script> <b>nicht fett</b>');
	await expect(page.locator('article script, article b')).toHaveCount(0);
	expect(
		await page.evaluate(() => (window as unknown as { __qkInjected?: boolean }).__qkInjected)
	).toBeUndefined();
	await expectNoAxeViolations(page);

	// English has no own text yet: the German one is shown, marked as German.
	await page.goto('/impressum?lang=en');
	await expect(
		page.getByText('This text is not yet available in your language; the German version is shown.')
	).toBeVisible();
	await expect(page.locator('article')).toHaveAttribute('lang', 'de');
	await page.goto('/?lang=de');
});
