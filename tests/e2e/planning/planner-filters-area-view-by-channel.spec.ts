// A planner opens the area view of the Altstadt, searches and filters residents' input by channel; the
// filters live in the URL (a link reproduces the view) and work by keyboard.
import { expect, test } from '@playwright/test';
import { clientAddress, expectNoAxeViolations, signIn } from '../helpers';

test.use({ extraHTTPHeaders: clientAddress(542) });

test('the area view lists what residents said there, filtered by channel', async ({ page }) => {
	await signIn(page, 'planung@musterstadt.example');
	await page.goto('/planung');
	await page.waitForLoadState('networkidle');
	await page.getByLabel('Gebiet', { exact: true }).selectOption({ label: 'Altstadt' });
	await page.getByRole('button', { name: 'Gebiet öffnen' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Gebietsansicht: Altstadt');
	await expect(page.getByTestId('index-class')).toContainText('Sozialindex');
	const entries = page.getByTestId('area-entries').locator('> li');
	await expect(entries).not.toHaveCount(0);
	await expect(page.getByTestId('by-category')).toBeVisible();
	await expectNoAxeViolations(page);

	// Only analog input (paper forms, Infostand): chosen by keyboard, sent with Enter.
	await page.waitForLoadState('networkidle');
	await page.getByLabel('Weg der Beteiligung').focus();
	await page.getByLabel('Weg der Beteiligung').selectOption('analog');
	await page.getByLabel('Volltextsuche').press('Enter');
	await expect(page).toHaveURL(/kanal=analog/);
	await expect(entries.first()).toBeVisible();
	const channels = await entries.evaluateAll((items) => items.map((li) => li.getAttribute('data-channel')));
	expect(channels.length).toBeGreaterThan(0);
	expect(new Set(channels)).toEqual(new Set(['analog']));
	await expect(page.getByLabel('Weg der Beteiligung')).toHaveValue('analog');

	// Online only gives other entries; the URL reproduces the view.
	await page.goto(page.url().replace('kanal=analog', 'kanal=online'));
	const online = await entries.evaluateAll((items) => items.map((li) => li.getAttribute('data-channel')));
	expect(new Set(online)).toEqual(new Set(['online']));
});
