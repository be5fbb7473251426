import { expect, test, type Page } from '@playwright/test';
import { clientAddress, expectNoAxeViolations, signIn } from '../helpers';

// Demo accounts from the demo seed (src/lib/server/demo/accounts.ts).
const PLANNER = 'planung@musterstadt.example';
const FIXTURES = 'tests/fixtures/generated';

test.use({ extraHTTPHeaders: clientAddress(211) });

/** Axe once the page has settled (the dev server may still reload after optimising dependencies). */
async function axe(page: Page): Promise<void> {
	await page.waitForLoadState('networkidle');
	await expectNoAxeViolations(page);
}

test('the planner imports a projected zipped Shapefile as a new level, checks the preview and commits', async ({
	page
}) => {
	await signIn(page, PLANNER);
	await page.goto('/admin/gebiete');
	await expect(page.getByRole('heading', { level: 1, name: 'Gebiete (Sozialräume)' })).toBeVisible();
	const levels = page.getByRole('table', { name: 'Gebietsebenen' });
	await expect(levels.getByRole('row', { name: /Quartier/ })).toBeVisible();
	await axe(page);

	await page.getByRole('link', { name: 'Gebiete importieren' }).click();
	await expect(page).toHaveURL(/\/admin\/gebiete\/import$/);
	await axe(page);

	// A Shapefile without .prj is refused with a German message linked to the file field.
	await page.getByLabel('Datei').setInputFiles(`${FIXTURES}/bezirke_utm33_no_prj.zip`);
	await page.getByRole('button', { name: 'Hochladen und weiter' }).click();
	const fileError = page.locator('#import-file-error');
	await expect(fileError).toHaveText(
		'Die Datei enthält keine .prj-Datei – ohne Angabe des Koordinatensystems können die Flächen nicht verortet werden. Bitte packen Sie die .prj-Datei mit in das ZIP-Archiv.'
	);
	await expect(page.getByLabel('Datei')).toHaveAttribute('aria-describedby', /import-file-error/);
	await axe(page);

	// The Berlin Bezirke in ETRS89 / UTM 33.
	await page.getByLabel('Datei').setInputFiles(`${FIXTURES}/bezirke_utm33_utf8.zip`);
	await page.getByRole('button', { name: 'Hochladen und weiter' }).click();
	await expect(page).toHaveURL(/\/admin\/gebiete\/import\/[0-9a-f-]{36}$/);
	await expect(page.getByText(/Datei „bezirke_utm33_utf8\.zip“: Shapefile, 12 Einträge\./)).toBeVisible();
	await expect(
		page.getByText('Koordinatensystem: ETRS89 / UTM zone 33N (umgerechnet nach WGS84).')
	).toBeVisible();
	await expect(page.getByRole('table', { name: 'Die ersten Einträge der Datei' })).toContainText('Mitte');
	await axe(page);

	// Forgetting the new level's name is caught and explained at the field.
	await page.getByRole('button', { name: 'Vorschau anzeigen' }).click();
	await expect(page.locator('#l0_newName-error')).toHaveText(
		'Bitte geben Sie einen Namen für die neue Ebene an.'
	);
	await expect(page.locator('#l0_level-error')).toHaveCount(0);
	await expect(page.getByLabel('Name der neuen Ebene')).toHaveAttribute('aria-invalid', 'true');

	await expect(page.getByLabel('Zielebene')).toHaveValue('new');
	await page.getByLabel('Name der neuen Ebene').fill('Berliner Bezirke');
	await page.getByLabel('Name', { exact: true }).selectOption('name');
	await page.getByLabel('Gültig ab').fill('2021-01-01');
	await page.getByRole('button', { name: 'Vorschau anzeigen' }).click();

	const summary = page.getByRole('table', { name: 'Zusammenfassung je Ebene' });
	await expect(summary.getByRole('row', { name: /Berliner Bezirke \(neue Ebene\)/ })).toContainText('12');
	const map = page.getByRole('img', {
		name: /Vorschaukarte: Umrisse der 12 Gebiete der Ebene „Berliner Bezirke“/
	});
	await expect(map).toBeVisible();
	await expect(map.locator('path')).toHaveCount(12);
	const areas = page.getByRole('table', { name: 'Gebiete in der Datei' });
	await expect(areas.getByRole('row')).toHaveCount(13);
	await expect(areas.getByRole('row', { name: /tempelhof-schoeneberg Tempelhof-Schöneberg/ })).toContainText(
		'neu'
	);
	await axe(page);

	await page.getByRole('button', { name: 'Import übernehmen' }).click();
	await expect(page).toHaveURL(/\/admin\/gebiete\?import=/);
	await expect(page.getByRole('status')).toHaveText(
		'Der Import „bezirke_utm33_utf8.zip“ wurde übernommen: 12 Gebiete (12 neu, 0 geändert, 0 neue Versionen, 0 unverändert).'
	);
	const row = page
		.getByRole('table', { name: 'Gebietsebenen' })
		.getByRole('row', { name: /Berliner Bezirke/ });
	await expect(row.getByRole('cell').nth(2)).toHaveText('12'); // areas
	await expect(row.getByRole('cell').nth(3)).toHaveText('12'); // with boundary
	await axe(page);
});
