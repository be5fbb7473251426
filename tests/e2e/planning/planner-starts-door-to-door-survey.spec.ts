// A planner opens "Wer wurde erreicht?", follows the door-to-door survey suggestion for a quarter
// that was hardly reached: the create form shows the area, the pre-filled title and code access;
// the planner creates the survey and its manage page names the area.
import { expect, test } from '@playwright/test';
import { clientAddress, expectNoAxeViolations, signIn } from '../helpers';

test.use({ extraHTTPHeaders: clientAddress(760) });

test('a planner starts a door-to-door survey tied to a quarter from an outreach suggestion', async ({
	page
}) => {
	await signIn(page, 'planung@musterstadt.example');
	await page.goto('/planung/erreicht');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Wer wurde erreicht, wer nicht?');
	await page.waitForLoadState('networkidle');
	await page.getByLabel('Gebietsebene').selectOption({ label: 'Quartier' });
	// A period before the platform started: nobody was reached, so every high-need Quartier is suggested.
	await page.getByLabel('Bis (Datum)').fill('2001-12-31');
	await page.getByRole('button', { name: 'Anwenden' }).click();
	await expect(page).toHaveURL(/bis=2001-12-31/);
	await page.waitForLoadState('networkidle');

	const outreach = page.getByTestId('outreach');
	const link = outreach.getByRole('link', { name: /^Haustürbefragung in .+ anlegen$/ }).first();
	const areaName = (await link.textContent())!.replace(/^Haustürbefragung in (.+) anlegen$/, '$1');
	await link.click();
	await expect(page).toHaveURL(/\/beteiligung\/[^/]+\/befragung\?gebiet=.+&zugang=code/);
	await page.waitForLoadState('networkidle');

	// The form is pre-filled for the area: its title, code access, the area in the picker.
	await expect(page.getByRole('heading', { name: 'Neue Befragung' })).toBeVisible();
	await expect(page.getByLabel('Titel', { exact: true })).toHaveValue(`Haustürbefragung ${areaName}`);
	await expect(page.getByRole('radio', { name: /^Mit Einmal-Code/ })).toBeChecked();
	await expect(page.getByLabel('Gebiet (freiwillig)')).toBeVisible();
	await expect(page.locator('#s-areaId option:checked')).toHaveText(areaName);
	await expectNoAxeViolations(page);

	const title = `Haustürbefragung ${areaName} ${Date.now().toString(36)}`;
	await page.getByLabel('Titel', { exact: true }).fill(title);
	await page.getByRole('button', { name: 'Befragung anlegen' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Befragung verwalten: ${title}`);
	await expect(page.getByText(new RegExp(`^Gebiet: ${areaName} \\(Quartier\\)$`))).toBeVisible();
	await expect(page.locator('#s-areaId option:checked')).toHaveText(areaName);
	await expect(page.getByRole('radio', { name: /^Mit Einmal-Code/ })).toBeChecked();
});
