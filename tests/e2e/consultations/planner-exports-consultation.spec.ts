import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { unzipSync } from 'fflate';
import {
	ogrinfoSummary,
	parseCsvWithBom,
	xlsxSheetsWithLibreOffice
} from '../../integration/helpers/real-programs';
import { clientAddress, expectNoAxeViolations, signIn } from '../helpers';

// The demo planner exports the city-wide demo consultation "Grüne Wege durch Musterstadt" in three
// formats and reads the files back with the programs people use.
const PLANNER = 'planung@musterstadt.example';
const RESIDENT = 'bewohner@musterstadt.example';
const SLUG = 'gruene-wege-musterstadt';
const CONSULTATION = `/beteiligung/${SLUG}`;
// The demo city's levels (src/lib/server/demo/city.ts).
const LEVELS = ['stadt', 'stadtbezirk', 'stadtteil', 'quartier'];
// Nothing personal: no demo account's name or e-mail.
const PERSONAL = [/@/, /Paula Planung/, /Berta Bewohnerin/, /Quirin Quartier/, /Mona Moderation/];

test.use({ extraHTTPHeaders: clientAddress(241) });

async function download(page: Page, format: string): Promise<{ name: string; bytes: Uint8Array }> {
	await page.getByLabel(format).check();
	const [file] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Herunterladen' }).click()
	]);
	const path = await file.path();
	return { name: file.suggestedFilename(), bytes: new Uint8Array(fs.readFileSync(path)) };
}

test('a planner downloads CSV, XLSX and GeoJSON of a consultation and they read back', async ({ page }) => {
	await signIn(page, PLANNER);
	await page.goto(CONSULTATION);
	await page.getByRole('link', { name: 'Daten exportieren' }).click();
	await expect(page).toHaveURL(`${CONSULTATION}/export`);
	await expect(page.getByRole('heading', { level: 1, name: 'Daten exportieren' })).toBeVisible();
	await expectNoAxeViolations(page);

	const fileName = new RegExp(`^${SLUG}-\\d{4}-\\d{2}-\\d{2}\\.`);

	// CSV for German Excel: the consultation has several modules, so a ZIP with one CSV per table;
	// the map comments' one has a BOM, semicolons, area keys and names at every level.
	const zip = await download(page, 'CSV für Excel (Semikolon, Dezimalkomma)');
	expect(zip.name).toMatch(fileName);
	expect(zip.name.endsWith('.zip')).toBe(true);
	const files = unzipSync(zip.bytes);
	const csvName = Object.keys(files).find((n) => n.endsWith('-map_comments.csv'));
	expect(csvName).toMatch(new RegExp(`^${SLUG}-\\d{4}-\\d{2}-\\d{2}-map_comments\\.csv$`));
	const csv = { bytes: files[csvName!] };
	expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
	const rows = parseCsvWithBom(csv.bytes, ';');
	const header = rows[0];
	expect(header.slice(0, 2)).toEqual(['id', 'created_on']);
	for (const level of LEVELS) {
		expect(header).toContain(`area_${level}_key`);
		expect(header).toContain(`area_${level}_name`);
	}
	const data = rows.slice(1);
	expect(data.length).toBeGreaterThan(10);
	// Pre-moderated consultation: staff see every status.
	expect(new Set(data.map((r) => r[header.indexOf('status')]))).toContain('published');
	expect(data.every((r) => r[header.indexOf('area_stadt_key')] !== '')).toBe(true);
	const text = new TextDecoder().decode(csv.bytes);
	for (const pattern of PERSONAL) expect(text).not.toMatch(pattern);

	// XLSX: converted by LibreOffice; the data sheet and the "Spalten" sheet.
	const xlsx = await download(page, 'Excel-Arbeitsmappe (XLSX)');
	expect(xlsx.name).toMatch(fileName);
	expect(xlsx.name.endsWith('.xlsx')).toBe(true);
	const sheets = xlsxSheetsWithLibreOffice(xlsx.bytes);
	expect(Object.keys(sheets)).toEqual(expect.arrayContaining(['Hinweise auf der Karte', 'Spalten']));
	const sheet = sheets['Hinweise auf der Karte'];
	expect(sheet).toHaveLength(rows.length);
	expect(sheet[0]).toContain('Quartier – Schlüssel');
	expect(sheet[0]).toContain('Stadtbezirk – Name');
	expect(
		sheets.Spalten.slice(1)
			.filter((r) => r[0] === 'Hinweise auf der Karte')
			.map((r) => r[2])
	).toEqual(header);

	// GeoJSON: ogrinfo sees every feature and the area keys of every level as fields.
	const geojson = await download(page, 'GeoJSON (Karte, WGS84)');
	expect(geojson.name).toMatch(fileName);
	expect(geojson.name.endsWith('.geojson')).toBe(true);
	const summary = ogrinfoSummary(geojson.bytes);
	expect(summary.featureCount).toBe(data.length);
	for (const level of LEVELS) {
		expect(summary.fields[`area_${level}_key`]).toBe('String');
		expect(summary.fields[`area_${level}_name`]).toBe('String');
	}
	const fc = JSON.parse(new TextDecoder().decode(geojson.bytes)) as {
		features: { properties: Record<string, unknown> }[];
	};
	for (const level of LEVELS)
		expect(fc.features.some((f) => typeof f.properties[`area_${level}_key`] === 'string')).toBe(true);
});

test('a resident sees no export link and may not download', async ({ page }) => {
	await signIn(page, RESIDENT);
	await page.goto(CONSULTATION);
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Daten exportieren' })).toHaveCount(0);
	expect((await page.request.get(`${CONSULTATION}/export/csv`)).status()).toBe(403);
	expect((await page.goto(`${CONSULTATION}/export`))?.status()).toBe(403);
});

test('anonymous visitors are sent to the login page', async ({ page }) => {
	const answer = await page.request.get(`${CONSULTATION}/export/xlsx`, { maxRedirects: 0 });
	expect(answer.status()).toBe(303);
	expect(answer.headers().location).toContain('/anmelden?weiter=');
});
