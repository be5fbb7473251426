import { expect, test, type Page } from '@playwright/test';
import { generateDemoCity } from '../../../src/lib/server/demo/city';
import { clientAddress, expectNoAxeViolations, signIn } from '../helpers';

// The demo planner (src/lib/server/demo/accounts.ts) imports a long-format CSV for the Musterstadt Quartiere.
const PLANNER = 'planung@musterstadt.example';

test.use({ extraHTTPHeaders: clientAddress(120) });

/** Waits until the page is hydrated: input typed before hydration would be reset by it (dev server). */
async function settled(page: Page): Promise<void> {
	await page.waitForLoadState('networkidle');
}

const quartiere = generateDemoCity()
	.areas.filter((a) => a.levelKey === 'quartier')
	.slice(0, 4);
const LABEL = 'Spielplatzfläche je Kind';

function longCsv(values: string[]): Buffer {
	const lines = ['Quartier;Jahr;Indikator;Wert'];
	quartiere.forEach((q, i) => {
		lines.push(`${q.key};2024;${LABEL};${values[i]}`);
		lines.push(`${q.key};2025;${LABEL};${values[i]}`);
	});
	lines.push(`999999;2025;${LABEL};7,5`);
	return Buffer.from(`\ufeff${lines.join('\r\n')}\r\n`, 'utf-8');
}

async function upload(page: Page, name: string, content: Buffer): Promise<void> {
	await page.goto('/admin/indikatoren/import');
	await settled(page);
	await page
		.getByLabel('Datei', { exact: true })
		.setInputFiles({ name, mimeType: 'text/csv', buffer: content });
	await expect(page.getByLabel('Gebietsebene der Werte')).toHaveValue('quartier');
	await page.getByRole('button', { name: 'Hochladen und weiter' }).click();
	await expect(page).toHaveURL(/\/admin\/indikatoren\/import\/[0-9a-f-]{36}/);
	await settled(page);
}

test('the planner uploads a long CSV, maps the columns, checks the preview, commits and finds the indicator with its values', async ({
	page
}) => {
	await signIn(page, PLANNER);
	await page.goto('/admin/indikatoren');
	await expect(page.getByRole('heading', { level: 1, name: 'Indikatoren' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Kinderarmut', exact: true })).toBeVisible();
	await expectNoAxeViolations(page);

	await page.getByRole('link', { name: 'Werte importieren (CSV oder Excel)' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Indikatorwerte importieren' })).toBeVisible();
	await expectNoAxeViolations(page);

	await upload(page, 'spielplaetze_lang.csv', longCsv(['12,5', '8,25', '3', '1.004,5']));
	await expect(page.getByText('Aufbau: lang (eine Zeile je Wert)')).toBeVisible();
	await expect(page.getByLabel('Inhalt der Spalte „Quartier“')).toHaveValue('key');
	await expect(page.getByLabel('Inhalt der Spalte „Jahr“')).toHaveValue('year');
	await expect(page.getByLabel('Inhalt der Spalte „Indikator“')).toHaveValue('indicator');
	await expect(page.getByLabel('Inhalt der Spalte „Wert“')).toHaveValue('value');
	await expect(page.getByLabel('Dezimaltrennzeichen')).toHaveValue(',');
	await expect(page.getByLabel(`Ziel für „${LABEL}“`)).toHaveValue('new');
	await page.getByLabel(`Einheit für „${LABEL}“`).fill('m²');
	await page.getByLabel(`Bereich für „${LABEL}“`).selectOption({ label: 'Wohnen und Umwelt' });
	await page.getByLabel(`Kurzname für „${LABEL}“`).fill('spielplatzflaeche');
	await expectNoAxeViolations(page);

	await page.getByRole('button', { name: 'Vorschau anzeigen' }).click();
	const preview = page.getByRole('region', { name: 'Vorschau' });
	await settled(page);
	await expect(preview.getByRole('status')).toHaveText(
		'8 Werte aus 8 von 9 Zeilen. Noch ist nichts gespeichert.'
	);
	const row = preview.getByRole('row', { name: new RegExp(LABEL) });
	await expect(row).toContainText('3 – 1.004,5');
	await expect(row).toContainText('2024, 2025');
	await expect(preview.getByRole('heading', { name: 'Schlüssel ohne passendes Gebiet (1)' })).toBeVisible();
	await expect(preview.getByRole('row', { name: /999999/ })).toBeVisible();
	await expectNoAxeViolations(page);

	// Unmatched keys are never dropped silently: committing without skipping them is refused.
	await page.getByRole('button', { name: 'Jetzt importieren' }).click();
	await expect(page.getByRole('alert')).toContainText('Es gibt Schlüssel ohne passendes Gebiet.');
	await settled(page);
	await page.getByLabel('Zeilen mit diesen Schlüsseln überspringen').check();
	await page.getByRole('button', { name: 'Jetzt importieren' }).click();

	await expect(page).toHaveURL(/\/admin\/indikatoren\?meldung=importiert/);
	await expect(page.getByRole('status')).toContainText(
		'Import abgeschlossen: 8 Werte für 1 Indikatoren gespeichert.'
	);
	const section = page.getByRole('region', { name: 'Wohnen und Umwelt' });
	const listed = section.getByRole('row', { name: new RegExp(LABEL) });
	await expect(listed).toContainText('spielplatzflaeche');
	await expect(listed).toContainText('2024, 2025');
	await expect(listed).toContainText('8 importiert');
	await expectNoAxeViolations(page);

	await listed.getByRole('link', { name: LABEL }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Indikator „${LABEL}“ bearbeiten`);
	await expect(page.getByLabel('Jahr', { exact: true })).toHaveValue('2025');
	const values = page.getByRole('table', { name: /Werte 2025/ });
	await expect(values.getByRole('row', { name: new RegExp(quartiere[0].name) })).toContainText('12,5 m²');
	await expect(values.getByRole('row', { name: new RegExp(quartiere[3].name) })).toContainText('1.004,5 m²');
	await expectNoAxeViolations(page);
});

test('a file with text in a number column is refused with row and column, in German', async ({ page }) => {
	await signIn(page, PLANNER);
	await upload(page, 'kaputt.csv', longCsv(['12,5', 'abc', '3', '4']));
	await page.getByRole('button', { name: 'Vorschau anzeigen' }).click();
	const alert = page.getByRole('alert');
	await expect(alert).toContainText('Die Datei kann so nicht importiert werden');
	await expect(alert).toContainText('Zeile 4, Spalte „Wert“: „abc“ ist keine Zahl.');
	await expect(alert).toContainText('Zeile 5, Spalte „Wert“: „abc“ ist keine Zahl.');
	await expect(page.getByRole('button', { name: 'Jetzt importieren' })).toHaveCount(0);
	await expectNoAxeViolations(page);
	await page.getByRole('button', { name: 'Abbrechen' }).click();
	await expect(page).toHaveURL(/\/admin\/indikatoren\/import\?meldung=abgebrochen/);
	await expect(page.getByRole('status')).toHaveText(
		'Der Import wurde abgebrochen; die Datei wurde gelöscht.'
	);
});
