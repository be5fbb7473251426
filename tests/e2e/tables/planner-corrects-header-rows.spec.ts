import ExcelJS from 'exceljs';
import { expect, test, type Page } from '@playwright/test';
import { generateDemoCity } from '../../../src/lib/server/demo/city';
import { clientAddress, expectNoAxeViolations, signIn } from '../helpers';

// The demo planner imports an XLSX as a statistics office publishes it: a title, a header over two
// rows (a merged group header above the column names), a city total and a source line.
const PLANNER = 'planung@musterstadt.example';

test.use({ extraHTTPHeaders: clientAddress(350) });

const quartiere = generateDemoCity()
	.areas.filter((a) => a.levelKey === 'quartier')
	.slice(0, 3);

async function publishedXlsx(): Promise<Buffer> {
	const wb = new ExcelJS.Workbook();
	const ws = wb.addWorksheet('Tabelle 3');
	ws.addRow(['3 Öffentliche Spielplätze in Musterstadt am 31.12.2025 nach Quartieren']);
	ws.mergeCells('A1:C1');
	ws.addRow([]);
	ws.addRow(['Quartier', 'Spielplätze', 'Spielplätze']);
	ws.addRow(['Quartier', 'Anzahl', 'Fläche in m²']);
	ws.mergeCells('B3:C3');
	ws.mergeCells('A3:A4');
	quartiere.forEach((q, i) => ws.addRow([q.key, i + 2, `${(i + 1) * 1000 + 234},5`]));
	ws.addRow(['Stadt gesamt', 9, '6.703,5']);
	ws.addRow([]);
	ws.addRow(['Quelle: Grünflächenamt Musterstadt']);
	// The office's notes on the columns, one row per indicator.
	const notes = wb.addWorksheet('Erläuterungen');
	notes.addRow(['Indikator', 'Bezeichnung', 'Einheit', 'Richtung', 'Themenfeld', 'Quelle']);
	notes.addRow([
		'Fläche in m²',
		'Spielplatzfläche',
		'm²',
		'+',
		'Wohnen und Umwelt',
		'Grünflächenamt Musterstadt'
	]);
	return Buffer.from(await wb.xlsx.writeBuffer());
}

async function settled(page: Page): Promise<void> {
	await page.waitForLoadState('networkidle');
}

test('a planner uploads a published XLSX, sees how it was read, corrects the header rows and imports', async ({
	page
}) => {
	await signIn(page, PLANNER);
	await page.goto('/admin/indikatoren/import');
	await settled(page);
	await page.getByLabel('Datei', { exact: true }).setInputFiles({
		name: 'spielplaetze_2025.xlsx',
		mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		buffer: await publishedXlsx()
	});
	await page.getByRole('button', { name: 'Hochladen und weiter' }).click();
	await expect(page).toHaveURL(/\/admin\/indikatoren\/import\/[0-9a-f-]{36}/);
	await settled(page);

	const reading = page.getByRole('region', { name: 'So wurde die Datei gelesen' });
	await expect(reading).toContainText('Kopfzeilen 3–4 (erkannt)');
	await expect(reading).toContainText('Daten in den Zeilen 5–8');
	await expect(reading).toContainText('Titel über der Tabelle: „3 Öffentliche Spielplätze in Musterstadt');
	await expect(reading).toContainText('Fußnoten und Quellenangaben ab Zeile 10');
	await expect(reading.getByRole('row', { name: /^1 Titel/ })).toBeVisible();
	await expect(reading.getByRole('row', { name: /^4 Kopfzeile/ })).toBeVisible();
	await expect(page.getByLabel('Inhalt der Spalte „Spielplätze – Fläche in m²“')).toHaveValue('numeric');
	await expectNoAxeViolations(page);
	// On a phone the reading scrolls in its own box, never the page.
	await page.setViewportSize({ width: 390, height: 800 });
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
	await page.setViewportSize({ width: 1366, height: 900 });

	// A typing slip is named at the field and what was typed stays.
	await page.getByLabel('Kopfzeilen', { exact: true }).fill('vier');
	await page.getByRole('button', { name: 'Datei neu lesen' }).click();
	await expect(
		page.getByText('Bitte geben Sie die Kopfzeilen als Zeilennummern an, z. B. 3-5 oder 1.')
	).toBeVisible();
	await expect(page.getByLabel('Kopfzeilen', { exact: true })).toHaveValue('vier');
	await settled(page);

	// The planner wants the column names without the group header: only row 4.
	await page.getByLabel('Kopfzeilen', { exact: true }).fill('4');
	await page.getByRole('button', { name: 'Datei neu lesen' }).click();
	await settled(page);
	await expect(reading).toContainText('Kopfzeilen 4 (von Ihnen festgelegt)');
	await expect(page.getByLabel('Inhalt der Spalte „Quartier“')).toHaveValue('key');
	await expect(page.getByLabel('Inhalt der Spalte „Fläche in m²“')).toHaveValue('numeric');
	// The notes sheet is found by its name and fills in the indicator it describes.
	await expect(page.getByTestId('metadata-reading')).toContainText(
		'Metadaten aus Blatt „Erläuterungen“ – vorausgefüllt für: Fläche in m².'
	);
	await expect(page.getByLabel('Name des neuen Indikators für „Fläche in m²“')).toHaveValue(
		'Spielplatzfläche'
	);
	await expect(page.getByLabel('Einheit für „Fläche in m²“')).toHaveValue('m²');
	await expect(page.getByLabel('Richtung für „Fläche in m²“')).toHaveValue('higher_is_better');
	await expect(page.getByLabel('Quelle für „Fläche in m²“')).toHaveValue('Grünflächenamt Musterstadt');
	await page.getByLabel('Jahr der Werte').fill('2025');
	await page.getByLabel('Kurzname für „Fläche in m²“').fill('spielplatzflaeche-2025');
	await page.getByLabel('Kurzname für „Anzahl“').fill('spielplaetze-2025');

	await page.getByRole('button', { name: 'Vorschau anzeigen' }).click();
	await settled(page);
	const preview = page.getByRole('region', { name: 'Vorschau' });
	await expect(preview.getByRole('status')).toHaveText(
		'6 Werte aus 3 von 4 Zeilen. Noch ist nichts gespeichert.'
	);
	await expect(preview.getByRole('heading', { name: 'Summenzeilen erkannt (1)' })).toBeVisible();
	await expect(preview.getByRole('row', { name: /Stadt gesamt/ })).toBeVisible();
	await expect(preview.getByRole('row', { name: /Spielplatzfläche/ })).toContainText('1.234,5 – 3.234,5');
	// The corrected reading is kept while the mapping is worked on.
	await expect(reading).toContainText('Kopfzeilen 4 (von Ihnen festgelegt)');
	await expectNoAxeViolations(page);

	await page.getByRole('button', { name: 'Jetzt importieren' }).click();
	await expect(page).toHaveURL(/\/admin\/indikatoren\?meldung=importiert/);
	await expect(page.getByRole('status')).toContainText(
		'Import abgeschlossen: 6 Werte für 2 Indikatoren gespeichert.'
	);
	await page.getByRole('link', { name: 'Spielplatzfläche', exact: true }).click();
	await expect(page.getByLabel('Quelle', { exact: true })).toHaveValue('Grünflächenamt Musterstadt');
	await expect(page.getByLabel('Richtung', { exact: true })).toHaveValue('higher_is_better');
});
