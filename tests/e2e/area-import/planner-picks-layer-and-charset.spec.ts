import { expect, test, type Page } from '@playwright/test';
import { clientAddress, expectNoAxeViolations, signIn } from '../helpers';

// Demo accounts from the demo seed (src/lib/server/demo/accounts.ts).
const PLANNER = 'planung@musterstadt.example';
const FIXTURES = 'tests/fixtures/generated';

test.use({ extraHTTPHeaders: clientAddress(246) });

async function axe(page: Page): Promise<void> {
	await page.waitForLoadState('networkidle');
	await expectNoAxeViolations(page);
}

async function upload(page: Page, file: string): Promise<void> {
	await page.goto('/admin/gebiete/import');
	await page.getByLabel('Datei').setInputFiles(`${FIXTURES}/${file}`);
	await page.getByRole('button', { name: 'Hochladen und weiter' }).click();
	await expect(page).toHaveURL(/\/admin\/gebiete\/import\/[0-9a-f-]{36}$/);
}

test('the planner picks the layer of a GeoPackage and the character set of a .dbf without .cpg', async ({
	page
}) => {
	await signIn(page, PLANNER);

	// A GeoPackage with two layers: the first is read, the other can be chosen.
	await upload(page, 'bezirke.gpkg');
	await expect(page.getByText(/Datei „bezirke\.gpkg“: GeoPackage, 3 Einträge\./)).toBeVisible();
	await expect(
		page.getByText('Koordinatensystem: ETRS89 / UTM zone 33N (umgerechnet nach WGS84).')
	).toBeVisible();
	const layer = page.getByLabel('Ebene im GeoPackage');
	await expect(layer.locator('option')).toHaveText(['alkis_auswahl', 'bezirke']);
	await axe(page);
	await layer.selectOption('bezirke');
	await page.getByRole('button', { name: 'Neu einlesen' }).click();
	await expect(page).toHaveURL(/\?ebene=bezirke$/);
	await expect(page.getByText(/Datei „bezirke\.gpkg“: GeoPackage, 12 Einträge\./)).toBeVisible();
	// The preview is of the chosen layer.
	await page.getByLabel('Name der neuen Ebene').fill('Bezirke aus GeoPackage');
	await page.getByLabel('Name', { exact: true }).selectOption('name');
	await page.getByRole('button', { name: 'Vorschau anzeigen' }).click();
	await expect(page.getByRole('img', { name: /Umrisse der 12 Gebiete/ }).locator('path')).toHaveCount(12);
	await expect(page.getByText(/GeoPackage, 12 Einträge/)).toBeVisible();
	await page.getByRole('button', { name: 'Import abbrechen' }).click();
	await expect(page).toHaveURL(/meldung=abgebrochen/);

	// A Latin-1 .dbf without .cpg: the guess, its reason and sample names; switching shows the difference.
	await upload(page, 'bezirke_gk4_latin1_no_cpg.zip');
	const charset = page.getByLabel('Zeichensatz der .dbf-Datei');
	await expect(charset).toHaveValue('windows-1252');
	const hint = page.locator('#zeichensatz-hint');
	await expect(hint).toContainText('Ohne .cpg-Datei aus dem Inhalt erkannt – bitte prüfen.');
	await expect(hint).toContainText('„Tempelhof-Schöneberg“');
	await axe(page);
	await charset.selectOption('utf-8');
	await page.getByRole('button', { name: 'Neu einlesen' }).click();
	await expect(page).toHaveURL(/\?zeichensatz=utf-8$/);
	await expect(hint).toContainText('Von Ihnen gewählt.');
	await expect(hint).not.toContainText('Tempelhof-Schöneberg');
	await page.getByRole('button', { name: 'Import abbrechen' }).click();
});
