import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { clientAddress, signIn } from '../helpers';

// A planner imports a LimeSurvey 6 structure (.lss), sees what was and was not mapped, confirms, opens
// the survey — and a resident answers the imported survey.
const PLANNER = 'planung@musterstadt.example';
const RESIDENT = 'bewohner@musterstadt.example';
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
	// One answer per account (the anonymous path with its proof-of-work is the engine's spec).
	await page.locator('input[name="accessMode"][value="account"]').check();
	await page.getByRole('button', { name: 'Einstellungen speichern' }).click();
	await expect(page.locator('input[name="accessMode"][value="account"]')).toBeChecked();
	await page.getByRole('button', { name: 'Befragung starten' }).click();
	await expect(page.getByRole('button', { name: 'Befragung beenden' })).toBeVisible();

	const resident = await browser.newContext({ extraHTTPHeaders: clientAddress(312) });
	const visitor = await resident.newPage();
	await signIn(visitor, RESIDENT);
	await visitor.goto(survey);
	await visitor.getByRole('button', { name: 'Befragung beginnen' }).click();
	await visitor.getByLabel(/Wie kommen Sie meistens zur Arbeit/).selectOption({ label: 'mit dem Fahrrad' });
	// Once answered, the imported conditions apply: the cycle-path rating (relevance G01Q01 == "AO02")
	// shows on this page, and the second page (group relevance !is_empty(G01Q01)) follows.
	await visitor.getByRole('button', { name: /^(Weiter|Antworten absenden)$/ }).click();
	await expect(visitor.getByText('Seite 1 von 2', { exact: true })).toBeVisible();
	await visitor
		.getByRole('group', { name: /Wie bewerten Sie die Radwege/ })
		.getByLabel('4')
		.check();
	await visitor.getByRole('button', { name: 'Weiter' }).click();
	await expect(visitor.getByRole('heading', { name: 'Ihre Ideen' })).toBeVisible();
	await visitor.getByLabel(/Ihr Vorschlag für ein Leitbild-Motto/).fill('Grün verbindet');
	// G02Q06 is shown only for bus/train or car (mapped relevance): not for a cyclist.
	await expect(visitor.getByText(/Sie fahren meist mit/)).toHaveCount(0);
	await visitor.getByRole('button', { name: 'Antworten absenden' }).click();
	await expect(visitor.getByRole('heading', { name: 'Vielen Dank!' })).toBeVisible();
	await resident.close();
});
