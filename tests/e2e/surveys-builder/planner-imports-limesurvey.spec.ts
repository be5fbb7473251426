import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { clientAddress, signIn } from '../helpers';

// A planner imports a LimeSurvey 6 structure (.lss), sees what was and was not mapped, confirms, opens
// the survey — and a resident answers the imported survey without an account.
const PLANNER = 'planung@musterstadt.example';
const SLUG = 'gruene-wege-musterstadt';
const LSS = fileURLToPath(new URL('../../fixtures/lss/limesurvey6-leitbild.lss', import.meta.url));

test.use({ extraHTTPHeaders: clientAddress(311) });

test('import a .lss file and answer the imported survey', async ({ page, browser }) => {
	await signIn(page, PLANNER);
	await page.goto(`/beteiligung/${SLUG}/befragung/import`);
	await page.getByLabel('Datei (.lss)').setInputFiles(path.resolve(LSS));
	await page.getByRole('button', { name: 'Datei prüfen' }).click();
	await expect(page.getByRole('heading', { name: 'Vorschau: Leitbild-Befragung Grüne Wege' })).toBeVisible();
	await expect(page.getByTestId('mapped')).toContainText('G01Q01: Einfachauswahl');
	await expect(page.getByTestId('not-mapped')).toContainText(
		'G02Q05: Fragetyp nicht übertragbar (multiple_numeric)'
	);
	await expect(page.getByTestId('not-mapped')).toContainText('sum(G01Q02, 1) > 3');
	await page.getByRole('button', { name: 'Befragung anlegen' }).click();
	await page.waitForURL(/\/bearbeiten\?gespeichert=import$/);
	await expect(page.locator('.qlist .qkey').first()).toHaveText('SEITE1');
	const survey = page.url().replace(/\/bearbeiten.*$/, '');

	// Open the survey (the demo consultation offers surveys).
	await page.goto(`${survey}/verwalten`);
	await page.getByRole('button', { name: 'Befragung starten' }).click();
	await expect(page.getByRole('button', { name: 'Befragung beenden' })).toBeVisible();

	const resident = await browser.newContext({ extraHTTPHeaders: clientAddress(312) });
	const visitor = await resident.newPage();
	await visitor.goto(survey);
	await visitor.getByRole('button', { name: 'Befragung beginnen' }).click();
	await visitor.getByLabel(/Wie kommen Sie meistens zur Arbeit/).selectOption({ label: 'mit dem Fahrrad' });
	await visitor.getByRole('button', { name: 'Weiter' }).click();
	await expect(visitor.getByRole('heading', { name: /Ihre Ideen/ })).toBeVisible();
	await visitor.getByLabel(/Ihr Vorschlag für ein Leitbild-Motto/).fill('Grün verbindet');
	for (
		let i = 0;
		i < 5 && !(await visitor.getByRole('button', { name: 'Antworten absenden' }).isVisible());
		i++
	)
		await visitor.getByRole('button', { name: 'Weiter' }).click();
	await visitor.getByRole('button', { name: 'Antworten absenden' }).click();
	await expect(visitor.getByText('Vielen Dank!')).toBeVisible();
	await resident.close();
});
