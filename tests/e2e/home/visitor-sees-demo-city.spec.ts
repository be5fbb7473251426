import { expect, test } from '@playwright/test';
import { clientAddress, expectNoAxeViolations } from '../helpers';

test.use({ extraHTTPHeaders: clientAddress(204) });

test('a visitor sees the fictional demo city as an outline map and as a nested list', async ({ page }) => {
	await page.goto('/');
	await expect(page.getByTestId('demo-notice')).toContainText(
		'Musterstadt ist eine erfundene Stadt zu Demonstrationszwecken'
	);
	await expect(page.getByRole('heading', { level: 2, name: 'Sozialräume in Musterstadt' })).toBeVisible();

	// The map: one accessible image with a name, one outline per Quartier, each with a title.
	const map = page.getByRole('img', { name: /Karte der Quartier-Gebiete von Musterstadt/ });
	await expect(map).toBeVisible();
	await expect(map.locator('path:has(title)')).toHaveCount(30);
	// Plus the borders of the 8 Stadtteile and 3 Stadtbezirke.
	await expect(map.locator('path.border')).toHaveCount(11);
	await expect(map.locator('path title').first()).toHaveText(
		/^.+ \(\d{6}\): [\d.]+ Einwohnerinnen und Einwohner$/
	);

	// The list: Stadt → 3 Stadtbezirke → 8 Stadtteile → 30 Quartiere, German number format.
	const city = page.locator('ul.area-list.depth-0 > li');
	await expect(city).toHaveCount(1);
	await expect(city.locator('> .area-entry .area-name')).toHaveText('Musterstadt');
	await expect(city.locator('> .area-entry')).toContainText(/\d{2,3}\.\d{3} Einwohnerinnen und Einwohner/);
	await expect(page.locator('ul.depth-1 > li')).toHaveCount(3);
	await expect(page.locator('ul.depth-2 > li')).toHaveCount(8);
	await expect(page.locator('ul.depth-3 > li')).toHaveCount(30);
	await expect(page.locator('ul.depth-2 > li > .area-entry', { hasText: 'Altstadt' })).toContainText(
		'Stadtteil'
	);
	await expect(page.locator('ul.depth-3 > li > .area-entry', { hasText: 'Marktplatz' })).toContainText(
		/Quartier 0\d{5}/
	);
	// The small Quartiere are there too (later suppressed in statistics, not in the list).
	await expect(page.locator('ul.depth-3 .area-population', { hasText: /^\d{3} Einwohnerinnen/ })).toHaveCount(
		2
	);
	await expectNoAxeViolations(page);
});

test('the home page works in English too', async ({ page }) => {
	await page.goto('/?lang=en');
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByTestId('demo-notice')).toContainText('Musterstadt is a fictional city');
	await expect(page.getByRole('heading', { level: 2, name: 'Social areas in Musterstadt' })).toBeVisible();
	const map = page.getByRole('img', { name: /Map of the Quartier areas of Musterstadt/ });
	await expect(map.locator('path:has(title)')).toHaveCount(30);
	await expect(page.locator('ul.depth-0 > li > .area-entry')).toContainText(/\d{2,3},\d{3} residents/);
	await expect(page.locator('ul.depth-3 > li')).toHaveCount(30);
	await expectNoAxeViolations(page);
});
