// An organiser enters two paper answers, sees the results filtered by channel, date and area — the
// area with two answers is shown as "weniger als 3", also in the breakdown by area — publishes, and
// finds the published results on the consultation page.
import { expect, test } from '@playwright/test';
import { clientAddress, expectNoAxeViolations, signIn } from '../helpers';

test.use({ extraHTTPHeaders: clientAddress(320) });

const DAY = '2025-02-03';

test('organiser filters, sees small numbers suppressed, and publishes the results', async ({ page }) => {
	test.setTimeout(180_000);
	await signIn(page, 'admin@musterstadt.example');
	await page.goto('/beteiligung/marktplatz-altstadt/befragung');
	await page
		.getByRole('link', { name: /Bewohnerbefragung Lebensqualität 2026/ })
		.first()
		.click();
	await page.waitForURL(/\/befragung\/[0-9a-f-]{36}/);
	const base = new URL(page.url()).pathname.match(/^\/beteiligung\/[^/]+\/befragung\/[0-9a-f-]{36}/)![0];

	// two paper answers on a day nobody else answered, in the same Quartier
	let quarter = '';
	for (let i = 0; i < 2; i++) {
		await page.goto(`${base}/erfassen`);
		await page.waitForLoadState('networkidle');
		await page.locator('select[name="channel"]').selectOption('paper');
		await page.locator('input[name="answeredOn"]').fill(DAY);
		const area = page.locator('select[name="q.WOHNORT"]');
		await area.selectOption({ index: 1 });
		quarter = (await area.locator('option:checked').textContent())!.trim();
		await page.locator('input[name="q.ZUFRIEDEN"]').first().check();
		await page.getByRole('button', { name: 'Antwort speichern und nächste erfassen' }).click();
		await expect(page.getByRole('status')).toContainText('Antwort gespeichert.', { timeout: 45_000 });
	}

	await page.goto(`${base}/ergebnisse`);
	await expect(page.getByRole('heading', { level: 1, name: /Ergebnisse: Bewohnerbefragung/ })).toBeVisible();
	const filters = page.locator('form.filters');
	await filters.getByLabel('Weg der Antwort').selectOption('paper');
	await filters.getByLabel('von (Datum)').fill(DAY);
	await filters.getByLabel('bis (Datum)').fill(DAY);
	await filters.getByLabel('Frage nach Gebieten aufschlüsseln').selectOption('ZUFRIEDEN');
	await filters.getByRole('button', { name: 'Anzeigen' }).click();
	await expect(page).toHaveURL(/kanal=paper/);
	await expect(page.getByText('Vollständige Antworten (mit Filter): 2')).toBeVisible();
	const reachRow = page.getByTestId('reach-table').getByRole('row', { name: new RegExp(quarter) });
	await expect(reachRow).toContainText('weniger als 3');
	const breakdownRow = page.getByTestId('breakdown-table').getByRole('row', { name: new RegExp(quarter) });
	// the Quartier's row is hidden as a whole: no cell shows the 2 (or what it would be made of)
	await expect(breakdownRow.locator('td').first()).toHaveText('weniger als 3');
	for (const text of await breakdownRow.locator('td').allTextContents()) expect(text).toBe('weniger als 3');

	// filter by area: another area has none of these answers
	const areaSelect = filters.locator('select[name="bereich"]');
	const value = await areaSelect
		.locator('option', { hasText: `: ${quarter}` })
		.first()
		.getAttribute('value');
	await areaSelect.selectOption(value!);
	await filters.getByRole('button', { name: 'Anzeigen' }).click();
	await expect(page).toHaveURL(/bereich=/);
	await expect(page.getByText('Vollständige Antworten (mit Filter): 2')).toBeVisible();
	await expectNoAxeViolations(page);

	// publish one question, broken down by Quartier
	await page.goto(`${base}/ergebnisse`);
	const publish = page.locator('section[aria-labelledby="veroeffentlichen"]');
	await publish
		.getByRole('checkbox', { name: /zufrieden/i })
		.first()
		.check();
	await publish.getByRole('button', { name: 'Veröffentlichen' }).click();
	await expect(publish.getByTestId('published')).toBeVisible();

	await page.goto('/beteiligung/marktplatz-altstadt');
	const section = page.locator('#modul-befragung');
	await expect(section.getByRole('heading', { name: 'Bewohnerbefragung Lebensqualität 2026' })).toBeVisible();
	await expect(section.getByRole('table').first()).toBeVisible();
});
