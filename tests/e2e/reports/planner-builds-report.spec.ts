import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { clientAddress, signIn } from '../helpers';

// A planner builds a report for two Stadtteile, previews it and downloads it as DOCX and PDF; the files
// are read back (DOCX → PDF by LibreOffice, then pdftotext). A resident reaches no report (404).
test.use({ extraHTTPHeaders: clientAddress(520) });

test('a planner builds a report for two areas and downloads DOCX and PDF', async ({ page }) => {
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
	expect(text).toContain('Altstadt');
	expect(text).toContain('Nordviertel');
	expect(text).toContain('Anhang: Methoden und Quellen');
	expect(text).not.toContain('@musterstadt.example');

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
	expect(fromDocx).toContain('Altstadt');
	expect(fromDocx).toContain('Beteiligung – wer wurde erreicht?');
	expect(fromDocx).not.toContain('@musterstadt.example');
	const reportUrl = page.url();

	// a resident reaches nothing here
	await page.getByRole('button', { name: 'Abmelden' }).click();
	await signIn(page, 'bewohner@musterstadt.example');
	expect((await page.goto('/planung/berichte'))?.status()).toBe(404);
	expect((await page.goto(reportUrl))?.status()).toBe(404);
});
