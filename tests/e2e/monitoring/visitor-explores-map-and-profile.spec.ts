import { expect, test } from '@playwright/test';
import { clientAddress, expectNoAxeViolations } from '../helpers';

test.use({ extraHTTPHeaders: clientAddress(213) });

// The dev server (E2E_DEV=1) optimises Leaflet on its first lazy import and then reloads the page once;
// open the map once before the stories so that reload cannot hit one of them (no effect on a built server).
test.beforeAll(async ({ browser }) => {
	const page = await browser.newPage({ extraHTTPHeaders: clientAddress(213) });
	await page.goto('/karte');
	await expect(page.locator('.map[data-status="ready"]')).toBeVisible({ timeout: 60_000 });
	await page.waitForTimeout(3000);
	await page.close();
});

const INTERNAL_DEMO_INDICATORS = [
	'kinder-sgb-ii',
	'leistungsberechtigte-sgb-ii',
	'arbeitslose',
	'laermbelastung'
];

test('a visitor explores the indicator map and opens an area profile', async ({ page, baseURL }) => {
	// Nothing but our own server: no base map, no third-party requests.
	const foreign: string[] = [];
	page.on('request', (r) => {
		if (!r.url().startsWith(baseURL!) && !r.url().startsWith('data:')) foreign.push(r.url());
	});

	await page.goto('/karte');
	await expect(page.getByRole('heading', { level: 1, name: 'Sozialraumkarte' })).toBeVisible();

	// Choose indicator and year with the plain GET form: the choice lands in the URL (shareable).
	await page.getByLabel('Kennzahl').selectOption({ label: 'Kinderarmut' });
	await page.getByLabel('Jahr').selectOption('2023');
	await page.getByLabel('Klassenbildung').selectOption('ckmeans');
	await page.getByRole('button', { name: 'Anzeigen' }).click();
	await expect(page).toHaveURL(/indikator=kinderarmut/);
	await expect(page).toHaveURL(/jahr=2023/);
	await expect(page.getByRole('heading', { level: 2, name: 'Kinderarmut 2023 nach Quartier' })).toBeVisible();
	await expect(page.getByTestId('city-average')).toHaveText(/^Stadtdurchschnitt \(Musterstadt\): \d+,\d %/);

	// Legend: classes plus the protected and no-data entries; never more than 7 classes.
	const legend = page.getByTestId('legend');
	await expect(legend.getByRole('heading', { name: 'Legende (%)' })).toBeVisible();
	await expect(legend.locator('li', { hasText: 'Wert geschützt (kleine Zahl)' })).toHaveCount(1);
	expect(await legend.locator('li').count()).toBeGreaterThanOrEqual(4);

	// The table is the non-map equivalent: 30 Quartiere, small ones protected.
	const table = page.getByTestId('values-table');
	await expect(table.locator('tbody tr')).toHaveCount(30);
	expect(
		await table.locator('tbody td', { hasText: 'Wert geschützt (kleine Zahl)' }).count()
	).toBeGreaterThanOrEqual(2);

	// The map itself renders (Leaflet, canvas renderer) once its boundaries are loaded.
	// Generous: the dev server optimises Leaflet on its first lazy import (and reloads once).
	await expect(page.locator('.map[data-status="ready"]')).toBeVisible({ timeout: 30_000 });
	await expect(page.locator('.map canvas')).toHaveCount(1);

	// Sort by value with the keyboard: the column says how it is sorted.
	const valueHeader = table.locator('thead th', { hasText: 'Wert (%)' });
	await expect(valueHeader).toHaveAttribute('aria-sort', 'none');
	await valueHeader.getByRole('button').focus();
	await page.keyboard.press('Enter');
	await expect(valueHeader).toHaveAttribute('aria-sort', 'descending');
	await expect(page).toHaveURL(/sortierung=wert-ab/);
	const values = async () =>
		(await table.locator('tbody td.value').allTextContents())
			.map((v) => v.trim())
			.filter((v) => /^\d/.test(v))
			.map((v) => Number(v.replace(/\./g, '').replace(',', '.')));
	const descending = await values();
	expect(descending.length).toBeGreaterThan(20);
	expect(descending).toEqual([...descending].sort((a, b) => b - a));
	await page.keyboard.press('Enter');
	await expect(valueHeader).toHaveAttribute('aria-sort', 'ascending');
	const ascending = await values();
	expect(ascending).toEqual([...ascending].sort((a, b) => a - b));

	// Keyboard focus on a row highlights the area (and opens its tooltip on the map).
	const firstLink = table.locator('tbody tr').first().getByRole('link');
	const name = (await firstLink.textContent())!.trim();
	await firstLink.focus();
	await expect(table.locator('tbody tr').first()).toHaveClass(/highlight/);
	await expect(page.locator('.leaflet-tooltip')).toContainText(name);
	await expect(page.locator('.leaflet-tooltip')).toContainText('Stadtdurchschnitt:');

	await expectNoAxeViolations(page);

	// Open the profile from the table.
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { level: 1, name: new RegExp(name) })).toBeVisible();
	await expect(page).toHaveURL(/\/sozialraeume\/\d{6}\?ebene=quartier&jahr=2023/);
	const figures = page.getByTestId('key-figures');
	await expect(figures.getByRole('columnheader', { name: 'Stadt (Musterstadt)' })).toBeVisible();
	const poverty = figures.locator('tr[data-indicator="kinderarmut"]');
	await expect(poverty).toContainText(/\d+,\d %/);
	await expect(poverty).toContainText(/absolut/);
	await expect(poverty).toContainText('Daten: Musterstadt, Jobcenter');
	await expect(page.getByRole('heading', { name: 'Kennzahlen 2023' })).toBeVisible();

	const index = page.getByTestId('domain-index');
	await expect(index.getByRole('heading', { name: 'Lebenslagen-Index 2023' })).toBeVisible();
	await expect(index.getByRole('img', { name: /Lebenslagen-Index von .* je Bereich/ })).toBeVisible();
	await expect(index).toContainText('Einordnung:');
	await expect(page.getByTestId('series-chart').first()).toBeVisible();
	expect(await page.getByTestId('series-chart').count()).toBeGreaterThanOrEqual(10);
	// The parent area (a Stadtteil) is linked; its profile lists this Quartier among its children.
	const parent = page.locator('p', { hasText: 'Gehört zu:' }).getByRole('link');
	await expect(parent).toHaveAttribute('href', /\/sozialraeume\/\d{4}\?ebene=stadtteil/);
	await expect(page.locator('body')).not.toContainText('Brennpunkt');
	await expectNoAxeViolations(page);
	await parent.click();
	await expect(page.getByRole('heading', { level: 2, name: /^Gebiete in / })).toBeVisible();
	await expect(page.getByRole('link', { name, exact: true })).toBeVisible();

	expect(foreign).toEqual([]);
});

test('the map works in English', async ({ page }) => {
	await page.goto('/karte?lang=en&indikator=arbeitslosenanteil');
	await expect(page.getByRole('heading', { level: 1, name: 'Social area map' })).toBeVisible();
	await expect(
		page.getByRole('heading', { level: 2, name: /^Arbeitslosenanteil|by Quartier$/ })
	).toBeVisible();
	await expect(page.getByTestId('city-average')).toHaveText(/^City average \(Musterstadt\): \d+\.\d %/);
	await expect(
		page
			.getByTestId('values-table')
			.locator('tbody td', { hasText: 'Value protected (small number)' })
			.first()
	).toBeVisible();
	// Generous: the dev server optimises Leaflet on its first lazy import (and reloads once).
	await expect(page.locator('.map[data-status="ready"]')).toBeVisible({ timeout: 30_000 });
	await expectNoAxeViolations(page);
});

test('the open-data API answers with the documented shapes and no internal indicators', async ({
	request
}) => {
	const list = await request.get('/api/v1/indicators');
	expect(list.status()).toBe(200);
	expect(list.headers()['cache-control']).toBe('public, max-age=300');
	const { indicators } = (await list.json()) as {
		indicators: { key: string; years: number[]; unit: string }[];
	};
	expect(indicators.length).toBeGreaterThanOrEqual(12);
	for (const key of INTERNAL_DEMO_INDICATORS) expect(indicators.map((i) => i.key)).not.toContain(key);
	expect(indicators.find((i) => i.key === 'kinderarmut')).toMatchObject({
		unit: '%',
		years: [2021, 2022, 2023, 2024, 2025]
	});

	const values = await request.get('/api/v1/indicators/kinderarmut/values?level=quartier&year=2024');
	expect(values.status()).toBe(200);
	const body = (await values.json()) as {
		level: string;
		year: number;
		cityAverage: { value: number };
		values: { key: string; value: number | null; reason: string | null }[];
	};
	expect(body).toMatchObject({ level: 'quartier', year: 2024 });
	expect(body.cityAverage.value).toBeGreaterThan(0);
	expect(body.values).toHaveLength(30);
	const hidden = body.values.filter((v) => v.value === null);
	expect(hidden.length).toBeGreaterThanOrEqual(2);
	for (const v of hidden) expect(['small_population', 'small_count', 'secondary']).toContain(v.reason);

	for (const key of INTERNAL_DEMO_INDICATORS)
		expect((await request.get(`/api/v1/indicators/${key}/values`)).status()).toBe(404);
	const bad = await request.get('/api/v1/indicators/kinderarmut/values?year=zweitausend');
	expect(bad.status()).toBe(400);
	expect(((await bad.json()) as { error: string }).error).toContain('Jahreszahl');

	const geo = await request.get('/api/v1/areas.geojson?level=quartier');
	expect(geo.status()).toBe(200);
	expect(geo.headers()['content-type']).toContain('application/geo+json');
	const fc = (await geo.json()) as { type: string; features: { properties: Record<string, unknown> }[] };
	expect(fc.type).toBe('FeatureCollection');
	expect(fc.features).toHaveLength(30);
	expect(Object.keys(fc.features[0].properties)).toEqual(
		expect.arrayContaining(['key', 'name', 'level', 'parentKey', 'population'])
	);
	const etag = geo.headers()['etag'];
	expect(etag).toBeTruthy();
	expect(
		(
			await request.get('/api/v1/areas.geojson?level=quartier', { headers: { 'if-none-match': etag } })
		).status()
	).toBe(304);
	const unknown = await request.get('/api/v1/areas.geojson?level=mond');
	expect(unknown.status()).toBe(400);
	expect(((await unknown.json()) as { error: string }).error).toContain('Unbekannte Ebene');

	const openapi = await request.get('/api/v1/openapi.json');
	expect(((await openapi.json()) as { openapi: string }).openapi).toBe('3.1.0');
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('the choices, the table and its sorting still work', async ({ page }) => {
		await page.goto('/karte');
		await page.getByLabel('Kennzahl').selectOption({ label: 'Kinderarmut' });
		await page.getByRole('button', { name: 'Anzeigen' }).click();
		await expect(
			page.getByRole('heading', { level: 2, name: 'Kinderarmut 2025 nach Quartier' })
		).toBeVisible();
		const table = page.getByTestId('values-table');
		await expect(table.locator('tbody tr')).toHaveCount(30);
		await table.getByRole('button', { name: /Wert \(%\)/ }).click();
		await expect(page).toHaveURL(/sortierung=wert-ab/);
		await expect(table.locator('thead th', { hasText: 'Wert (%)' })).toHaveAttribute(
			'aria-sort',
			'descending'
		);
		const first = Number(
			(await table.locator('tbody td.value').first().textContent())!.trim().replace(',', '.')
		);
		const all = (await table.locator('tbody td.value').allTextContents())
			.map((v) => v.trim())
			.filter((v) => /^\d/.test(v))
			.map((v) => Number(v.replace(',', '.')));
		expect(first).toBe(Math.max(...all));
	});
});

test('the list of social areas links every area to its profile', async ({ page }) => {
	await page.goto('/sozialraeume');
	await expect(page.getByRole('heading', { level: 1, name: 'Sozialräume' })).toBeVisible();
	for (const [level, count] of [
		['Stadtbezirk', 3],
		['Stadtteil', 8],
		['Quartier', 30]
	] as const)
		await expect(page.getByRole('heading', { level: 2, name: `${level} (${count} Gebiete)` })).toBeVisible();
	await page.getByRole('link', { name: 'Musterstadt' }).click();
	await expect(page.getByRole('heading', { level: 1, name: /Musterstadt/ })).toBeVisible();
	await expect(page.getByRole('heading', { level: 2, name: 'Gebiete in Musterstadt' })).toBeVisible();
	await expectNoAxeViolations(page);
});
