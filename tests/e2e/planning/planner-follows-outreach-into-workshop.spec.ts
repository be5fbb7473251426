// A planner opens "Wer wurde erreicht?" for the demo city, reads the table and the scatter plot's
// table twin, follows an outreach suggestion into a pre-filled event form and saves the workshop.
// A quarter manager gets no planner page.
import { expect, test } from '@playwright/test';
import { clientAddress, expectNoAxeViolations, signIn } from '../helpers';

test.use({ extraHTTPHeaders: clientAddress(540) });

test('a planner sees who was reached and starts a workshop where participation is low', async ({
	page,
	browser,
	baseURL
}) => {
	await signIn(page, 'planung@musterstadt.example');
	await page.getByRole('navigation').getByRole('link', { name: 'Planung' }).click();
	await page.getByRole('link', { name: '„Wer wurde erreicht?“ öffnen' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Wer wurde erreicht, wer nicht?');
	await page.waitForLoadState('networkidle');
	await page.getByLabel('Gebietsebene').selectOption({ label: 'Quartier' });
	await page.getByRole('button', { name: 'Anwenden' }).click();
	await expect(page).toHaveURL(/ebene=quartier/);

	// The table: online and analog apart; small numbers protected.
	const table = page.getByTestId('reach-table');
	await expect(table.locator('tbody tr')).not.toHaveCount(0);
	await expect(table.getByRole('columnheader', { name: 'online' }).first()).toBeVisible();
	await expect(table.getByRole('columnheader', { name: 'analog' }).first()).toBeVisible();
	await expect(table.getByText('geschützt').first()).toBeVisible();
	// The scatter plot is an image with a text alternative and a table twin.
	await expect(page.getByRole('img', { name: /Beteiligung und Sozialindex/ })).toBeVisible();
	await expect(page.getByTestId('scatter-table').locator('tbody tr')).toHaveCount(
		await table.locator('tbody tr').count()
	);
	await expectNoAxeViolations(page);

	// A period before the platform started: nobody was reached, so every high-need Quartier is suggested.
	await page.getByLabel('Bis (Datum)').fill('2001-12-31');
	await page.getByRole('button', { name: 'Anwenden' }).click();
	await expect(page).toHaveURL(/bis=2001-12-31/);
	await page.waitForLoadState('networkidle');

	// Outreach: an area with high need and low participation, one click to a pre-filled workshop.
	const outreach = page.getByTestId('outreach');
	const link = outreach.getByRole('link', { name: /^Planungswerkstatt in .+ anlegen$/ }).first();
	const areaName = (await link.textContent())!.replace(/^Planungswerkstatt in (.+) anlegen$/, '$1');
	await link.click();
	await expect(page).toHaveURL(/\/termine\/neu\?area=.+&type=planungswerkstatt/);
	await page.waitForLoadState('networkidle');
	await expect(page.getByLabel('Art', { exact: true })).toHaveValue('planungswerkstatt');
	await expect(page.locator('#area option:checked')).toHaveText(areaName);
	const title = `Werkstatt ${areaName} ${Date.now().toString(36)}`;
	await page.getByLabel('Titel', { exact: true }).fill(title);
	await page.getByLabel('Adresse').fill('Nachbarschaftstreff, Ringstraße 12');
	await page.getByLabel('Beginn', { exact: true }).fill('2027-04-20T17:00');
	await page.getByLabel('Ende', { exact: true }).fill('2027-04-20T19:00');
	await page.getByRole('button', { name: 'Termin anlegen' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('verwalten');
	await expect(page.getByText(title).first()).toBeVisible();

	// A quarter manager has no planner rights: the pages do not exist for them.
	const other = await (await browser.newContext({ baseURL, extraHTTPHeaders: clientAddress(541) })).newPage();
	await signIn(other, 'quartier@musterstadt.example');
	await expect(other.getByRole('navigation').getByRole('link', { name: 'Planung' })).toHaveCount(0);
	const response = await other.goto('/planung/erreicht');
	expect(response?.status()).toBe(404);
	await other.context().close();
});
