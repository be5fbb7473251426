import { expect, test } from '@playwright/test';
import { clientAddress, expectNoAxeViolations, signIn } from '../helpers';

// A planner builds a questionnaire with every question type, a condition and a page break, reorders
// by keyboard (announced), and sees the phone preview.
const PLANNER = 'planung@musterstadt.example';
const SLUG = 'marktplatz-altstadt';

test.use({ extraHTTPHeaders: clientAddress(310) });

const TYPES: [string, string][] = [
	['Einfachauswahl', 'Wie oft sind Sie auf dem Marktplatz?'],
	['Mehrfachauswahl', 'Was machen Sie dort?'],
	['Seitenumbruch', 'Ihre Meinung'],
	['Kurzer Text', 'Ihr Lieblingsort'],
	['Langer Text', 'Was fehlt?'],
	['Zahl', 'Wie alt sind Sie?'],
	['Datum', 'Wann waren Sie zuletzt dort?'],
	['Skala', 'Wie gefällt Ihnen der Platz?'],
	['Matrix', 'Wie bewerten Sie …'],
	['Rangfolge', 'Was ist am wichtigsten?'],
	['Ja/Nein', 'Kommen Sie wieder?'],
	['Datei-Upload', 'Ein Foto'],
	['Gebietsfrage', 'Wo wohnen Sie?'],
	['Kartenfrage', 'Wo fehlt eine Bank?'],
	['Textblock', 'Vielen Dank!']
];

test('a planner builds a survey with every question type, a condition and a page break', async ({ page }) => {
	await signIn(page, PLANNER);
	await page.goto(`/beteiligung/${SLUG}/befragung`);
	await page.waitForLoadState('networkidle');
	await page.locator('#s-title').fill('Marktplatz-Befragung (Test)');
	await page.getByRole('button', { name: 'Befragung anlegen' }).click();
	await page.waitForURL(/\/verwalten$/);
	const editor = page.url().replace(/verwalten$/, 'bearbeiten');
	await page.goto(editor);
	await expect(page.getByRole('heading', { level: 1, name: 'Fragen bearbeiten' })).toBeVisible();

	for (const [type, text] of TYPES) {
		await page.getByLabel('Art', { exact: true }).selectOption({ label: type });
		await page.getByLabel('Fragetext (optional, später änderbar)').fill(text);
		await page.getByRole('button', { name: 'Hinzufügen' }).click();
		await expect(
			page.getByRole('heading', {
				level: 2,
				name: new RegExp(`bearbeiten \\(${type.replace(/[/()]/g, '\\$&')}\\)`)
			})
		).toBeVisible();
		if (type === 'Datei-Upload') {
			// the file question: images only, up to three files (more than five is refused)
			await page.waitForLoadState('networkidle');
			const heading = await page
				.getByRole('heading', { level: 2, name: /bearbeiten \(Datei-Upload\)/ })
				.textContent();
			const fileKey = heading!.trim().split(' ')[0];
			const maxFiles = page.getByLabel('Höchstens Dateien je Antwort (1–5)');
			await page.locator('#f-accept-pdf').uncheck();
			await maxFiles.fill('9');
			await page.getByRole('button', { name: 'Frage speichern' }).click();
			await expect(maxFiles).toHaveValue('9');
			await expect(page.locator('#f-maxFiles + .form-error')).toBeVisible();
			await maxFiles.fill('3');
			await page.getByRole('button', { name: 'Frage speichern' }).click();
			await expect(page.getByRole('status').filter({ hasText: 'Gespeichert.' })).toBeVisible();
			await page.goto(`${editor}?frage=${fileKey}#editor`);
			await expect(maxFiles).toHaveValue('3');
			await expect(page.locator('#f-accept-pdf')).not.toBeChecked();
		}
	}
	await expect(page.getByRole('heading', { name: `Fragen (${TYPES.length})` })).toBeVisible();

	// Options of F1, then a condition on F2: only when F1 is "Täglich".
	await page.goto(`${editor}?frage=F1#editor`);
	await page.locator('#f-options-de').fill('T = Täglich\nW = Wöchentlich\nSelten');
	await page.getByLabel('Pflichtfrage').check();
	await page.getByRole('button', { name: 'Frage speichern' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Gespeichert.' })).toBeVisible();
	await page.goto(`${editor}?frage=F2#editor`);
	await page.getByLabel('Frage (Bedingung 1)').selectOption('F1');
	await page.getByLabel('Vergleich (Bedingung 1)').selectOption({ label: 'ist gleich' });
	await page.getByLabel('Wert (Bedingung 1)').fill('T');
	// A condition value left empty is refused, and what was typed stays.
	await page.getByLabel('Frage (Bedingung 2)').selectOption('F1');
	await page.getByRole('button', { name: 'Frage speichern' }).click();
	await expect(page.getByText('Bitte einen Wert für den Vergleich angeben.')).toBeVisible();
	await expect(page.getByLabel('Wert (Bedingung 1)')).toHaveValue('T');
	await page.getByLabel('Frage (Bedingung 2)').selectOption('');
	await page.getByRole('button', { name: 'Frage speichern' }).click();
	await expect(page.locator('#q-F2')).toContainText('mit Bedingung');
	await expectNoAxeViolations(page);

	// Reorder by keyboard: the move is announced.
	await page.getByRole('button', { name: 'F4 nach oben' }).focus();
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('announce')).toHaveText('F4 steht jetzt an Position 4 von 15.');
	const keys = await page.locator('.qlist .qkey').allTextContents();
	expect(keys.slice(0, 5)).toEqual(['F1', 'F2', 'SEITE1', 'F4', 'F3']);

	// Preview on a phone width shows the page break as a heading and the question texts.
	const preview = page.getByTestId('preview');
	await expect(preview.getByRole('heading', { name: 'Ihre Meinung' })).toBeVisible();
	await expect(preview.getByText('Täglich')).toBeVisible();
	expect((await preview.boundingBox())!.width).toBeLessThanOrEqual(391);
});
