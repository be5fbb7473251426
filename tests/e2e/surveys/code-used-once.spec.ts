import { expect, test } from '@playwright/test';
import { clientAddress, signIn } from '../helpers';

test.use({ extraHTTPHeaders: clientAddress(302) });

test('an organiser generates one-time codes; a code answers once and is refused the second time', async ({
	page,
	browser
}) => {
	await signIn(page, 'admin@musterstadt.example');
	await page.goto('/beteiligung/gruene-wege-musterstadt/befragung');
	await page
		.locator('ul.surveys li', { hasText: 'Aktivierende Befragung' })
		.getByRole('link', { name: 'Verwalten' })
		.click();
	await page.getByLabel('Wie viele neue Codes?').fill('2');
	await page.getByRole('button', { name: 'Codes erzeugen' }).click();
	const codes = page.getByTestId('new-codes').locator('code');
	await expect(codes).toHaveCount(2);
	const code = (await codes.first().textContent())!.trim();
	const survey = page.url().replace(/\/verwalten(\?.*)?$/, '');

	const resident = await browser.newContext({ extraHTTPHeaders: clientAddress(303) });
	const p = await resident.newPage();
	await p.goto(survey);
	// the e2e server asks anonymous answers for a proof-of-work; a person sees when it is done
	await expect(p.getByTestId('proof-of-work')).toHaveText('Bereit zum Absenden.');
	await p.getByLabel('Ihr Code').fill(code.toLowerCase());
	await p.getByRole('button', { name: 'Befragung beginnen' }).click();
	await p.getByLabel('Gebiet aus der Liste wählen').selectOption({ index: 1 });
	await p.getByLabel('Ja', { exact: true }).check();
	await p.getByRole('button', { name: 'Antworten absenden' }).click();
	await expect(p.getByRole('heading', { name: 'Vielen Dank!' })).toBeVisible();
	await resident.close();

	const someoneElse = await browser.newContext({ extraHTTPHeaders: clientAddress(304) });
	const q = await someoneElse.newPage();
	await q.goto(survey);
	await expect(q.getByTestId('proof-of-work')).toHaveText('Bereit zum Absenden.');
	await q.getByLabel('Ihr Code').fill(code);
	await q.getByRole('button', { name: 'Befragung beginnen' }).click();
	await expect(q.getByRole('alert')).toHaveText('Dieser Code ist unbekannt oder wurde schon verwendet.');
	await someoneElse.close();

	// the organiser sees how many codes were used, not which response used one
	await page.goto(`${survey}/verwalten`);
	await expect(page.getByText(/davon verwendet: 1\./)).toBeVisible();
});
