import { expect, test } from '@playwright/test';
import { clientAddress, expectNoAxeViolations, signIn } from '../helpers';
import { installMapProbe, markerPlaces, readMap } from '../map-probe';

// An organiser puts two dates on one far-off day: one step-free at the town hall, one without facts a
// little further north. A resident on a phone looks up that day on /termine, sees both in the list and
// both on the map, then asks by keyboard for step-free places only: the list and the map both keep just
// the step-free date (the map follows the filter; it is not drawn once and left). The same on the
// consultation's own dates page.
const ADMIN = 'admin@musterstadt.example';
const STEP_FREE = { lat: 51.20013, lon: 7.10021 };
const OTHER = { lat: 51.22034, lon: 7.08047 };
const place = (p: { lat: number; lon: number }) => `${p.lat.toFixed(5)},${p.lon.toFixed(5)}`;

test.use({ extraHTTPHeaders: clientAddress(920) });

test('the map of /termine shows the filtered dates only, like the list, on a phone', async ({
	page,
	browser,
	baseURL
}) => {
	const stamp = Date.now().toString(36);
	// A day far ahead that no other spec uses (a different one per run).
	const day = new Date(Date.UTC(2034, 0, 1) + (Date.now() % 3000) * 86_400_000);
	const date = day.toISOString().slice(0, 10);
	const next = new Date(day.getTime() + 86_400_000).toISOString().slice(0, 10);
	const stepFree = `Sprechstunde stufenlos ${stamp}`;
	const other = `Sprechstunde Turm ${stamp}`;

	await signIn(page, ADMIN);
	for (const e of [
		{ title: stepFree, point: STEP_FREE, stepFree: true },
		{ title: other, point: OTHER, stepFree: false }
	]) {
		await page.goto('/termine/neu?verfahren=marktplatz-altstadt');
		await page.waitForLoadState('networkidle');
		await page.getByLabel('Titel', { exact: true }).fill(e.title);
		await page.getByLabel('Adresse').fill('Marktplatz 1');
		await page.getByLabel('Beginn', { exact: true }).fill(`${date}T10:00`);
		await page.getByLabel('Ende', { exact: true }).fill(`${date}T12:00`);
		await page.getByLabel('Kartenpunkt').fill(`${e.point.lat}, ${e.point.lon}`);
		if (e.stepFree) await page.getByLabel('Stufenlos erreichbar').check();
		await page.getByRole('button', { name: 'Termin anlegen' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toContainText('verwalten');
	}

	const resident = await (
		await browser.newContext({
			baseURL,
			viewport: { width: 390, height: 844 },
			extraHTTPHeaders: clientAddress(921)
		})
	).newPage();
	await installMapProbe(resident);
	await resident.goto('/termine');
	await resident.waitForLoadState('networkidle');
	const filters = resident.getByRole('form', { name: 'Termine filtern' });
	await filters.getByLabel('Von', { exact: true }).fill(date);
	await filters.getByLabel('Bis', { exact: true }).fill(next);
	await filters.getByLabel('Bis', { exact: true }).press('Enter');
	await expect(resident).toHaveURL(new RegExp(`from=${date}`));
	const items = resident.getByTestId('event-item');
	await expect(items).toHaveCount(2);
	await expect(items.filter({ hasText: stepFree })).toHaveCount(1);
	await expect(items.filter({ hasText: other })).toHaveCount(1);
	const map = resident.getByTestId('events-map');
	await expect(map).toHaveAttribute('data-status', 'ready');
	await expect
		.poll(async () => markerPlaces(await readMap(map)))
		.toEqual([place(STEP_FREE), place(OTHER)].sort());

	// Step-free only, by keyboard: Space on the box, Enter on "Anzeigen".
	const box = filters.getByLabel('Stufenlos erreichbar');
	await box.focus();
	await box.press('Space');
	await expect(box).toBeChecked();
	await filters.getByRole('button', { name: 'Anzeigen' }).focus();
	await resident.keyboard.press('Enter');
	await expect(resident).toHaveURL(/facts=step_free/);
	await expect(items).toHaveCount(1);
	await expect(items.first()).toContainText(stepFree);
	await expect(resident.getByRole('status').filter({ hasText: 'Termin' })).toContainText('1 Termin');
	// The map now holds exactly the listed date, and it is in view.
	await expect.poll(async () => markerPlaces(await readMap(map))).toEqual([place(STEP_FREE)]);
	expect((await readMap(map)).markers.every((m) => m.inView)).toBe(true);
	await expect(filters.getByLabel('Stufenlos erreichbar')).toBeChecked();
	await expectNoAxeViolations(resident);
	expect(await resident.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

	// Taking the filter off again brings the second place back onto the map.
	await filters.getByLabel('Stufenlos erreichbar').uncheck();
	await filters.getByRole('button', { name: 'Anzeigen' }).click();
	await expect(items).toHaveCount(2);
	await expect
		.poll(async () => markerPlaces(await readMap(map)))
		.toEqual([place(STEP_FREE), place(OTHER)].sort());

	// The consultation's dates page uses the same map: the filter works there too.
	await resident.goto(`/beteiligung/marktplatz-altstadt/termine?from=${date}&to=${next}`);
	await resident.waitForLoadState('networkidle');
	await expect(items).toHaveCount(2);
	await expect
		.poll(async () => markerPlaces(await readMap(map)))
		.toEqual([place(STEP_FREE), place(OTHER)].sort());
	await filters.getByLabel('Stufenlos erreichbar').check();
	await filters.getByRole('button', { name: 'Anzeigen' }).click();
	await expect(items).toHaveCount(1);
	await expect.poll(async () => markerPlaces(await readMap(map))).toEqual([place(STEP_FREE)]);
	await resident.context().close();
});
