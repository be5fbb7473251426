import { expect, test } from '@playwright/test';
import { generateDemoCity } from '../../../src/lib/server/demo/city';
import { clientAddress, expectNoAxeViolations, signIn } from '../helpers';

// The demo planner makes "Lange Wohndauer" (a share per Quartier) a population-weighted mean, so the
// Stadtbezirke get values, and gives it an English name, which English readers see on map and profile.
const PLANNER = 'planung@musterstadt.example';
const bezirk = generateDemoCity().areas.find((a) => a.levelKey === 'stadtbezirk')!;

test.use({ extraHTTPHeaders: clientAddress(360) });

test('the planner chooses a weighted mean and an English name; the map and profile show both', async ({
	page
}) => {
	await signIn(page, PLANNER);
	// Before: a share that is not aggregated has no values on the Stadtbezirk level.
	await page.goto('/karte?ebene=stadtbezirk&indikator=wohndauer-5-jahre');
	await expect(page.getByText(/^0 von \d+ Gebieten mit Wert/)).toBeVisible();

	await page.goto('/admin/indikatoren');
	await page.getByRole('link', { name: 'Lange Wohndauer', exact: true }).click();
	await page.waitForLoadState('networkidle');
	await page
		.getByLabel('Zusammenfassung zu übergeordneten Gebieten')
		.selectOption({ label: 'Gewichteter Mittelwert (z. B. nach Einwohnerzahl): für Anteile und Indexwerte' });
	await page
		.getByLabel('Gewicht des Mittelwerts (eine Anzahl, z. B. Einwohner/innen)')
		.selectOption({ label: 'Einwohnerinnen und Einwohner (einwohner)' });
	await page.getByRole('button', { name: 'Speichern', exact: true }).click();
	await expect(page.getByRole('status')).toHaveText('Der Indikator wurde gespeichert.');
	await expect(page.getByLabel('Zusammenfassung zu übergeordneten Gebieten')).toHaveValue('weighted');

	await page.getByRole('link', { name: 'English' }).click();
	await expect(page).toHaveURL(/sprache=en/);
	// Typed before hydration, the text would be reset by it.
	await page.waitForLoadState('networkidle');
	await page.getByLabel('Name (English)').fill('Long-term residents');
	await page.getByRole('button', { name: 'Übersetzung speichern' }).click();
	await expect(page.getByText('Die Übersetzung ist gespeichert.')).toBeVisible();
	await expect(page.getByLabel('Name (English)')).toHaveValue('Long-term residents');
	await expectNoAxeViolations(page);

	// English readers: the translated name, and Stadtbezirk values from the weighted mean.
	await page.goto('/karte?ebene=stadtbezirk&indikator=wohndauer-5-jahre&lang=en');
	await expect(page.getByText(/^[1-9]\d* of \d+ areas with a value/)).toBeVisible();
	const translated = page.getByRole('option', { name: 'Long-term residents', selected: true });
	await expect(translated).toHaveCount(1);
	await expect(translated).toHaveAttribute('lang', 'en');
	// an indicator without an English name is read in German, and marked so for screen readers
	await expect(page.locator('option[lang="de"]').first()).toBeAttached();
	await page.goto(`/sozialraeume/${bezirk.key}?ebene=stadtbezirk&lang=en`);
	await expect(page.getByText('Long-term residents').first()).toBeVisible();
	await expect(page.locator('th[scope="row"] span[lang="de"]').first()).toBeAttached();
});
