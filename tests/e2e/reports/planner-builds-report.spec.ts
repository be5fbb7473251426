import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { clientAddress, signIn } from '../helpers';

// A planner builds a report for two Stadtteile, previews it and downloads it as DOCX and PDF; the files
// are read back (DOCX → PDF by LibreOffice, then pdftotext) and must hold both areas' names, an
// indicator value, a quote and a measure as the preview shows them; page 1 of the PDF is rendered to
// PNG by pdftoppm and attached to the test (bericht-seite-1.png). The DOCX is uploaded as a template
// and deleted again (with the confirmation tick). A resident reaches no report (404).
test.use({ extraHTTPHeaders: clientAddress(520) });

test('a planner builds a report for two areas and downloads DOCX and PDF', async ({ page }, testInfo) => {
	test.setTimeout(150_000);
	await signIn(page, 'planung@musterstadt.example');
	await page.goto('/planung/berichte');
	await page.waitForLoadState('networkidle');
	const form = page.locator('form[action="?/create"]');
	await form.getByLabel('Titel des Berichts').fill('Bericht Altstadt und Nordviertel');
	await form.getByRole('checkbox', { name: 'Altstadt', exact: true }).check();
	await form.getByRole('checkbox', { name: 'Nordviertel', exact: true }).check();
	await form.getByRole('button', { name: 'Speichern und Vorschau' }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Bericht Altstadt und Nordviertel' })
	).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Sozialraumprofile' })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Altstadt (Stadtteil)' })).toBeVisible();

	// what the preview shows: an indicator value of Altstadt, a quote, a measure
	const profile = page.getByRole('table', { name: 'Kennzahlen für Altstadt im Vergleich' });
	const values = (await profile.locator('tbody tr td:nth-child(2)').allInnerTexts()).map((v) => v.trim());
	const value = values.find((v) => /^\d[\d.]*(,\d)?$/.test(v) && v !== '0');
	expect(value, values.join(' | ')).toBeTruthy();
	const quote = (await page.locator('blockquote p').first().innerText()).trim();
	const quoteWords = quote.split(/\s+/).slice(0, 5).join(' ');
	expect(quoteWords.length).toBeGreaterThan(10);
	const measure = (
		await page
			.getByRole('table', { name: 'Maßnahmen mit Fortschritt' })
			.locator('tbody tr td')
			.first()
			.innerText()
	).trim();
	const measureWords = measure.split(/\s+/).slice(0, 3).join(' ');
	expect(measureWords.length).toBeGreaterThan(5);
	const containsAll = (text: string) => {
		for (const part of ['Altstadt', 'Nordviertel', value!, quoteWords, measureWords])
			expect(text).toContain(part);
		expect(text).not.toContain('@musterstadt.example');
	};

	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qk-e2e-report-'));
	const save = async (format: string) => {
		const downloading = page.waitForEvent('download');
		await page.getByRole('button', { name: `Als ${format} herunterladen` }).click();
		const download = await downloading;
		const file = path.join(dir, download.suggestedFilename());
		await download.saveAs(file);
		return file;
	};
	const pdf = await save('PDF');
	expect(pdf.endsWith('.pdf')).toBe(true);
	const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
	containsAll(text);
	expect(text).toContain('Anhang: Methoden und Quellen');
	expect(text).toMatch(/Seite 1 von \d+/);
	// page 1 as an image, kept with the test's results for a person to look at
	execFileSync('pdftoppm', [
		'-png',
		'-r',
		'80',
		'-f',
		'1',
		'-l',
		'1',
		'-singlefile',
		pdf,
		path.join(dir, 'seite-1')
	]);
	const png = fs.readFileSync(path.join(dir, 'seite-1.png'));
	expect(png.subarray(1, 4).toString()).toBe('PNG');
	expect(png.length).toBeGreaterThan(20_000);
	fs.writeFileSync(testInfo.outputPath('bericht-seite-1.png'), png);
	await testInfo.attach('bericht-seite-1.png', { body: png, contentType: 'image/png' });

	const docx = await save('DOCX');
	expect(docx.endsWith('.docx')).toBe(true);
	execFileSync(
		'soffice',
		[
			`-env:UserInstallation=file://${dir}/profile`,
			'--headless',
			'--convert-to',
			'pdf',
			'--outdir',
			path.join(dir, 'lo'),
			docx
		],
		{ stdio: 'ignore', timeout: 120_000 }
	);
	const converted = fs.readdirSync(path.join(dir, 'lo')).find((f) => f.endsWith('.pdf'))!;
	const fromDocx = execFileSync('pdftotext', [path.join(dir, 'lo', converted), '-'], {
		encoding: 'utf8'
	}).replace(/\s+/g, ' ');
	containsAll(fromDocx);
	expect(fromDocx).toContain('Beteiligung – wer wurde erreicht?');
	const reportUrl = page.url();

	// the downloaded DOCX serves as the municipality's template; deleting it needs the tick
	await page.goto('/planung/berichte');
	await page.getByLabel('Name der Vorlage').fill('Stadtvorlage E2E');
	await page.getByLabel('DOCX-Datei').setInputFiles(docx);
	await page.getByRole('button', { name: 'Vorlage hochladen' }).click();
	await expect(page.getByRole('status')).toHaveText('Die Vorlage wurde gespeichert.');
	const item = page.locator('#vorlagen li').filter({ hasText: 'Stadtvorlage E2E' });
	await item.getByRole('button', { name: 'Vorlage löschen' }).click();
	await expect(item).toBeVisible(); // not ticked: the browser keeps the form
	await item.getByRole('checkbox', { name: 'Ja, die Vorlage „Stadtvorlage E2E“ endgültig löschen' }).check();
	await item.getByRole('button', { name: 'Vorlage löschen' }).click();
	await expect(page.getByRole('status')).toHaveText('Die Vorlage wurde gelöscht.');
	await expect(page.locator('#vorlagen li').filter({ hasText: 'Stadtvorlage E2E' })).toHaveCount(0);

	// a resident reaches nothing here
	await page.getByRole('button', { name: 'Abmelden' }).click();
	await signIn(page, 'bewohner@musterstadt.example');
	expect((await page.goto('/planung/berichte'))?.status()).toBe(404);
	expect((await page.goto(reportUrl))?.status()).toBe(404);
});
