import { expect, test } from '@playwright/test';
import { clientAddress, signIn } from '../helpers';

// A planner creates a theme, accepts a suggested tag with one click, tags two more items at once,
// writes a synthesis and sees the counts per area.
test.use({ extraHTTPHeaders: clientAddress(560) });

test('a planner groups residents’ input into a theme and counts it per area', async ({ page }) => {
	await signIn(page, 'planung@musterstadt.example');
	await page.goto('/planung/themen');
	await page.waitForLoadState('networkidle');
	await expect(page.getByRole('heading', { level: 1, name: 'Themen' })).toBeVisible();

	// A theme of the Marktplatz consultation.
	await page.getByLabel('Name des Themas').fill('Beleuchtung');
	await page.getByLabel('Gilt für').selectOption({ label: 'Neugestaltung des Marktplatzes in der Altstadt' });
	await page.getByRole('button', { name: 'Thema anlegen' }).click();
	await expect(page.getByRole('status')).toHaveText('Das Thema wurde angelegt.');

	// The tagging view, filtered by a word: every item suggests the new theme.
	await page
		.getByRole('link', { name: /Beiträge von „Neugestaltung des Marktplatzes in der Altstadt“ zuordnen/ })
		.click();
	await page.waitForLoadState('networkidle');
	await page.getByLabel('Suche im Text').fill('Beleuchtung');
	await page.getByRole('button', { name: 'Filtern' }).click();
	await page.waitForLoadState('networkidle');
	const items = page.locator('ol.items > li');
	expect(await items.count()).toBeGreaterThanOrEqual(3);
	await items.first().getByRole('button', { name: '„Beleuchtung“ zuordnen' }).click();
	await expect(page.getByRole('status')).toHaveText('1 Beitrag wurde dem Thema zugeordnet.');
	await expect(items.first()).toContainText('Themen: Beleuchtung');
	await expect(items.first().getByRole('button', { name: '„Beleuchtung“ zuordnen' })).toHaveCount(0);

	// Two more at once, by keyboard: check, choose the theme, submit.
	await items.nth(1).getByRole('checkbox').check();
	await items.nth(2).getByRole('checkbox').press('Space');
	await page.getByLabel('Thema für die Auswahl').selectOption({ label: 'Beleuchtung' });
	await page.getByRole('button', { name: 'Ausgewählte zuordnen' }).click();
	await expect(page.getByRole('status')).toHaveText('2 Beiträge wurden dem Thema zugeordnet.');

	// The synthesis, and the counts per area.
	await page.getByRole('link', { name: 'Zurück zu den Themen' }).click();
	await page.waitForLoadState('networkidle');
	const theme = page.getByRole('article', { name: 'Beleuchtung' });
	await expect(theme).toContainText('3 Beiträge');
	await theme.getByLabel('Zusammenfassung').fill('Viele wünschen sich hellere Wege rund um den Marktplatz.');
	await theme.getByRole('button', { name: 'Zusammenfassung speichern' }).click();
	await expect(page.getByRole('status')).toHaveText('Die Zusammenfassung wurde gespeichert.');
	await expect(page.getByRole('article', { name: 'Beleuchtung' }).getByLabel('Zusammenfassung')).toHaveValue(
		'Viele wünschen sich hellere Wege rund um den Marktplatz.'
	);
	const table = page.getByRole('table', { name: /Zugeordnete Beiträge je Thema/ });
	const column = (await table.locator('thead th').allTextContents()).indexOf('Beleuchtung');
	expect(column).toBeGreaterThan(0);
	await expect(table.locator('tfoot td').nth(column - 1)).toHaveText('3');
	// Areas without any tagged input show 0; the rest is a number or the secret sign.
	const cells = await table.locator(`tbody tr td:nth-child(${column + 1})`).allTextContents();
	expect(cells.length).toBeGreaterThan(1);
	for (const c of cells) expect(c.trim()).toMatch(/^(\d+|\.)$/);
	expect(cells.map((c) => c.trim())).toContain('0');
});
