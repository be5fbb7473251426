import { expect, test, type Page } from '@playwright/test';
import { generateDemoCity } from '../../../src/lib/server/demo/city';
import { clientAddress, expectNoAxeViolations } from '../helpers';

// One walk through the monitoring half: a planner imports values, publishes the indicator, and
// everyone finds them at the right place on the public map and in the area profile.
test.use({ extraHTTPHeaders: clientAddress(140) });

const LABEL = 'Sitzbänke je 1.000 Einwohner/innen';
// The Quartiere of one Stadtteil without small neighbours, so no value is protected.
const quartiere = generateDemoCity().areas.filter(
	(a) => a.levelKey === 'quartier' && a.key.startsWith('0101')
);
const VALUES = ['12,5', '4,5', '7'];

async function settled(page: Page): Promise<void> {
	await page.waitForLoadState('networkidle');
}

test('a planner imports a long CSV and publishes it; the map and the profile show the values', async ({
	page
}) => {
	expect(quartiere.length).toBeGreaterThanOrEqual(3);
	await page.goto('/anmelden');
	await settled(page);
	const login = page.locator('form[action="?/login"]');
	await login.getByLabel('E-Mail-Adresse').fill('planung@musterstadt.example');
	await login.getByLabel('Passwort', { exact: true }).fill('Musterstadt-Demo-2026');
	await login.getByRole('button', { name: 'Anmelden' }).click();
	await expect(page.getByRole('button', { name: 'Abmelden' })).toBeVisible();

	const csv = [
		'Quartier;Jahr;Indikator;Wert',
		...quartiere.slice(0, 3).map((q, i) => `${q.key};2025;${LABEL};${VALUES[i]}`)
	];
	await page.goto('/admin/indikatoren/import');
	await settled(page);
	await page.getByLabel('Datei', { exact: true }).setInputFiles({
		name: 'baenke.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(csv.join('\r\n'), 'utf-8')
	});
	await page.getByRole('button', { name: 'Hochladen und weiter' }).click();
	await expect(page).toHaveURL(/\/admin\/indikatoren\/import\/[0-9a-f-]{36}/);
	await settled(page);
	await page.getByLabel(`Bereich für „${LABEL}“`).selectOption({ label: 'Wohnen und Umwelt' });
	await page.getByRole('button', { name: 'Vorschau anzeigen' }).click();
	await settled(page);
	await page.getByRole('button', { name: 'Jetzt importieren' }).click();
	await expect(page).toHaveURL(/\/admin\/indikatoren\?meldung=importiert/);

	// New indicators are internal until the planner publishes them.
	await page.getByRole('link', { name: LABEL }).click();
	await settled(page);
	await page.getByLabel('Sichtbarkeit').selectOption({ label: 'Öffentlich' });
	await page.getByRole('button', { name: 'Speichern', exact: true }).click();
	await expect(page).toHaveURL(/meldung=gespeichert/);

	// The public map, as anyone sees it.
	await page.getByRole('button', { name: 'Abmelden' }).click();
	await page.goto('/karte');
	await settled(page);
	await page.getByLabel('Ebene').selectOption({ label: 'Quartier' });
	await page.getByLabel('Kennzahl').selectOption({ label: LABEL });
	await page.getByRole('button', { name: 'Anzeigen' }).click();
	await settled(page);
	const table = page.getByRole('table', { name: new RegExp(LABEL) });
	await expect(table).toBeVisible();
	const first = table.getByRole('row', { name: new RegExp(quartiere[0].name) });
	await expect(first).toContainText('12,5');
	await expect(table.getByRole('row', { name: new RegExp(quartiere[1].name) })).toContainText('4,5');
	await expectNoAxeViolations(page);

	// The area profile of the first Quartier shows the same value.
	await first.getByRole('link', { name: quartiere[0].name }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText(quartiere[0].name);
	await expect(page.getByText(LABEL).first()).toBeVisible();
	await expect(page.locator('main')).toContainText('12,5');
	await expectNoAxeViolations(page);
});
