import { expect, test } from '@playwright/test';
import { clientAddress, expectNoAxeViolations, signIn } from '../helpers';

// The organiser sets up an Infostand on two Tuesdays of June 2027 and cancels the second; a resident on
// a phone opens the calendar, keeps the type filter while moving between months, reaches a day by
// keyboard and sees the cancelled date as cancelled; a month without dates says so.
const ADMIN = 'admin@musterstadt.example';

test.use({ extraHTTPHeaders: clientAddress(725) });

test('month calendar: filters kept across months, keyboard to a day, cancelled shown, empty month, 390 px', async ({
	page,
	browser,
	baseURL
}) => {
	const stamp = Date.now().toString(36);
	const title = `Infostand Kalender ${stamp}`;
	await signIn(page, ADMIN);
	await page.goto('/termine/neu?verfahren=marktplatz-altstadt');
	await page.waitForLoadState('networkidle');
	await page.getByLabel('Titel', { exact: true }).fill(title);
	await page.locator('select[name="type"]').selectOption('infostand');
	await page.getByLabel('Adresse').fill('Marktplatz');
	await page.getByLabel('Beginn', { exact: true }).fill('2027-06-15T10:00');
	await page.getByLabel('Ende', { exact: true }).fill('2027-06-15T13:00');
	await page.locator('select[name="repeatUnit"]').selectOption('week');
	await page.getByLabel('Abstand (n)').fill('1');
	await page.getByLabel('Anzahl der Termine').fill('2');
	await page.getByRole('button', { name: 'Termin anlegen' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('verwalten');
	page.once('dialog', (d) => void d.accept());
	await page.locator('section.occurrence').nth(1).getByRole('button', { name: 'Termin absagen' }).click();
	await expect(page.locator('section.occurrence').nth(1)).toContainText('Abgesagt');

	const resident = await (
		await browser.newContext({
			baseURL,
			viewport: { width: 390, height: 844 },
			extraHTTPHeaders: clientAddress(726)
		})
	).newPage();
	await resident.goto('/termine?type=infostand');
	await resident.waitForLoadState('networkidle');
	await resident.getByTestId('view-month').click();
	await expect(resident).toHaveURL(/ansicht=kalender/);
	await expect(resident).toHaveURL(/type=infostand/);
	await expect(resident.getByTestId('event-month')).toBeVisible();

	// From May to June with the "next month" link: the filter stays.
	await resident.goto('/termine?ansicht=kalender&monat=2027-05&type=infostand');
	await expect(resident.getByRole('heading', { level: 2, name: 'Mai 2027' })).toBeVisible();
	await resident.getByTestId('month-next').click();
	await expect(resident).toHaveURL(/monat=2027-06/);
	await expect(resident).toHaveURL(/type=infostand/);
	await expect(resident.getByRole('heading', { level: 2, name: 'Juni 2027' })).toBeVisible();
	const table = resident.locator('table.grid');
	await expect(table.getByRole('columnheader')).toHaveCount(7);
	await expect(table.getByRole('columnheader').first()).toContainText('Mo');

	// Keyboard: Tab to the 15th and follow it to the day's entry.
	const dayLink = table.getByRole('link', { name: /15\. Juni 2027/ });
	await dayLink.focus();
	await resident.keyboard.press('Enter');
	await expect(resident).toHaveURL(/#tag-2027-06-15$/);
	const day15 = resident.locator('#tag-2027-06-15');
	await expect(day15).toContainText(title);
	await expect(day15).toContainText('10:00–13:00');
	const day22 = resident.locator('#tag-2027-06-22');
	await expect(day22.getByTestId('month-item').filter({ hasText: title })).toContainText('Abgesagt');
	await expect(day22.locator('s')).toContainText('10:00–13:00');

	// Nothing wider than the phone.
	const overflow = await resident.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
	expect(overflow).toBeLessThanOrEqual(0);
	await expectNoAxeViolations(resident);

	// The filter form keeps the month view; the list link leads back to the list with the filter.
	await resident.locator('form.filters').getByRole('button', { name: 'Anzeigen' }).click();
	await expect(resident).toHaveURL(/ansicht=kalender/);
	await expect(resident).toHaveURL(/monat=2027-06/);
	await resident.getByTestId('view-list').click();
	await expect(resident).not.toHaveURL(/ansicht=/);
	await expect(resident).toHaveURL(/type=infostand/);
	await expect(resident.getByTestId('event-list')).toBeVisible();

	// A month without dates.
	await resident.goto('/termine?ansicht=kalender&monat=2031-01&type=infostand');
	await expect(resident.getByTestId('month-empty')).toBeVisible();

	// The consultation's own date page has the same calendar.
	await resident.goto('/beteiligung/marktplatz-altstadt/termine?ansicht=kalender&monat=2027-06');
	await expect(resident.locator('#tag-2027-06-15')).toContainText(title);
	await resident.context().close();
});
