import { expect, test } from '@playwright/test';
import { clientAddress, expectNoAxeViolations } from '../helpers';

test.use({ viewport: { width: 390, height: 844 }, extraHTTPHeaders: clientAddress(300) });

test('a resident answers a survey on a phone without an account, reloads midway and resumes', async ({
	page,
	browser
}) => {
	await page.goto('/beteiligung/gruene-wege-musterstadt/befragung');
	await page.getByRole('link', { name: 'Unterwegs in Musterstadt' }).click();
	// the weak one-per-browser rule is said honestly
	await expect(page.getByText(/schwacher Schutz/)).toBeVisible();
	const start = page.url();
	await page.getByRole('button', { name: 'Befragung beginnen' }).click();
	await expect(page.getByText('Seite 1 von 2', { exact: true })).toBeVisible();

	// nothing answered: the errors are listed and linked
	await page.getByRole('button', { name: 'Weiter' }).click();
	await expect(page.getByRole('alert')).toContainText('Bitte beantworten Sie diese Frage.');
	await page.getByLabel('Gebiet aus der Liste wählen').selectOption({ index: 1 });
	await page.getByLabel('mit dem Auto').check();
	await page.getByRole('button', { name: 'Weiter' }).click();
	// the answer revealed a question on the same page (no JavaScript needed for that)
	await page.getByLabel('Was müsste sich ändern, damit Sie öfter Rad fahren?').fill('Sichere Radwege');
	await page.getByRole('button', { name: 'Weiter' }).click();
	await expect(page.getByText('Seite 2 von 2', { exact: true })).toBeVisible();
	// piping: the earlier answer appears in a later question
	await expect(page.getByText('Was ist Ihnen am wichtigsten? (mit dem Auto unterwegs)')).toBeVisible();
	await expectNoAxeViolations(page);
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

	// reload midway: still on page 2; the private link resumes in another browser too
	const link = await page.getByLabel('Ihr Link zum Weitermachen').inputValue();
	await page.reload();
	await expect(page.getByText('Seite 2 von 2', { exact: true })).toBeVisible();
	const other = await browser.newContext({ extraHTTPHeaders: clientAddress(301) });
	const second = await other.newPage();
	await second.goto(link);
	await second.getByRole('link', { name: 'Weitermachen' }).click();
	await expect(second.getByText('Seite 2 von 2', { exact: true })).toBeVisible();
	await other.close();

	await page.getByRole('group', { name: 'Sicherheit' }).getByLabel('gut').check();
	await page.getByLabel('mehr Bäume').selectOption({ label: 'Platz 1' });
	await page.getByLabel('Sitzbänke').selectOption({ label: 'Platz 2' });
	await page.getByRole('button', { name: 'Zurück' }).click();
	await expect(page.getByText('Seite 1 von 2', { exact: true })).toBeVisible();
	await expect(page.getByLabel('mit dem Auto')).toBeChecked();
	await page.getByRole('button', { name: 'Weiter' }).click();
	await expect(page.getByLabel('mehr Bäume')).toHaveValue('1');
	await page.getByRole('button', { name: 'Antworten absenden' }).click();
	await expect(page.getByRole('heading', { name: 'Vielen Dank!' })).toBeVisible();

	// one answer per browser
	await page.goto(start);
	await expect(page.getByText(/schon teilgenommen/)).toBeVisible();
	await expect(page.getByRole('button', { name: 'Befragung beginnen' })).toHaveCount(0);
});
