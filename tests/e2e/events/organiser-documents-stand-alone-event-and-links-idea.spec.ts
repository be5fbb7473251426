import { expect, test } from '@playwright/test';
import { clientAddress, signIn } from '../helpers';

// A planner holds a Sozialraumforum standing alone for Altstadt (no consultation), enters a table's
// result into the Marktplatz consultation that covers Altstadt, finds it on that public map tagged
// Werkstatt and on the event page, and links it to an idea — which then lists it. A resident sees the
// link but cannot change it.
const PLANNER = 'planung@musterstadt.example';
const RESIDENT = 'bewohner@musterstadt.example';

test.use({ extraHTTPHeaders: clientAddress(700) });

test('organiser enters results of a stand-alone event, sees them tagged Werkstatt on the map, links one to an idea', async ({
	page,
	browser,
	baseURL
}) => {
	const stamp = Date.now().toString(36);
	await signIn(page, PLANNER);

	// A stand-alone event for the Stadtteil Altstadt.
	await page.goto('/termine/neu');
	await page.waitForLoadState('networkidle');
	await page.getByLabel('Titel', { exact: true }).fill(`Sozialraumforum ${stamp}`);
	await page.getByLabel('Adresse').fill('Stadtteilzentrum, Kirchgasse 2');
	await page.getByLabel('Gebiet (für Termine ohne Verfahren)').selectOption({ label: 'Altstadt' });
	await page.getByLabel('Beginn', { exact: true }).fill('2026-11-26T18:00');
	await page.getByLabel('Ende', { exact: true }).fill('2026-11-26T20:00');
	await page.getByRole('button', { name: 'Termin anlegen' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('verwalten');
	const managePath = new URL(page.url()).pathname;
	const eventPath = managePath.replace(/\/verwalten$/, '');
	const eventId = eventPath.split('/').at(-1)!;

	// No consultation of its own: the manage page offers the open consultations covering Altstadt.
	await expect(page.getByTestId('enter-results')).toHaveCount(0);
	const homes = page.getByTestId('result-homes');
	await homes.getByRole('link', { name: /Neugestaltung des Marktplatzes/ }).click();
	await expect(page).toHaveURL(new RegExp(`/beteiligung/marktplatz-altstadt/erfassen\\?termin=${eventId}`));

	// The staff entry: channel Werkstatt, this event pre-selected, placed on the map.
	await expect(page.locator('#s-eventId')).toHaveValue(eventId);
	await expect(page.getByTestId('contribution-map')).toHaveAttribute('data-status', 'ready');
	const form = page.locator('form[action="?/save"]');
	await page.waitForLoadState('networkidle');
	await page.getByRole('button', { name: 'Punkt setzen' }).click();
	await page.getByTestId('contribution-map').scrollIntoViewIfNeeded();
	const box = (await page.getByTestId('contribution-map').boundingBox())!;
	await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
	await expect(page.getByText('Ort gesetzt: Punkt.')).toBeVisible();
	await expect(form.getByLabel('Kanal')).toHaveValue('workshop');
	await form.getByLabel('Gesammelt am').fill('2026-11-26');
	await form.getByLabel('Thema').selectOption({ index: 1 });
	// the text never says "Werkstatt", so only the channel tag can
	const resultText = `Forum-Tisch ${stamp}: ein Treffpunkt für Ältere am Markt`;
	await form.getByLabel('Text des Beitrags').fill(resultText);
	await form.getByRole('button', { name: 'Analogen Beitrag speichern' }).click();
	await expect(page.getByTestId('saved')).toBeVisible();

	// On the public consultation map, tagged Werkstatt.
	await page.goto('/beteiligung/marktplatz-altstadt/karte');
	const item = page.locator('ol.contributions li').filter({ hasText: resultText });
	await expect(item).toHaveCount(1);
	const channel = item.getByTestId('contribution-channel');
	await expect(channel).toHaveText('Werkstatt');
	await expect(channel).toHaveAttribute('data-channel', 'workshop');

	// On the event page, under the event's results.
	await page.goto(eventPath);
	const results = page.getByTestId('workshop-results');
	await expect(results).toContainText(resultText);

	// The result links to an idea of the consultation.
	await results.getByRole('link', { name: resultText }).click();
	await expect(page.getByTestId('contribution-body')).toHaveText(resultText);
	const resultPath = new URL(page.url()).pathname;
	await expect(
		page.getByTestId('result-event').getByRole('link', { name: `Sozialraumforum ${stamp}` })
	).toHaveAttribute('href', eventPath);
	const linked = page.getByTestId('linked-ideas');
	await expect(linked).toContainText('noch mit keiner Idee verknüpft');
	await page.waitForLoadState('networkidle');
	// nothing chosen: told so, nothing linked
	await linked.getByRole('button', { name: 'Verknüpfen', exact: true }).click();
	await expect(page.getByText('Bitte wählen Sie eine Idee.')).toBeVisible();
	const picker = page.getByLabel('Mit einer Idee verknüpfen, die dieses Ergebnis unterstützt oder betrifft');
	const ideaTitle = (await picker.locator('option').nth(1).textContent())!.trim();
	await picker.selectOption({ label: ideaTitle });
	await page.getByTestId('linked-ideas').getByRole('button', { name: 'Verknüpfen', exact: true }).click();
	await expect(page.getByText('Verknüpft. Die Idee zeigt dieses Ergebnis jetzt an.')).toBeVisible();
	// ... and to a published measure, from the result's side too
	const measurePicker = page.getByLabel('Mit einer Maßnahme verknüpfen, die aus diesem Ergebnis folgt');
	const measureTitle = (await measurePicker
		.locator('option:not([value=""])')
		.filter({ hasNotText: 'Entwurf' })
		.first()
		.textContent())!.trim();
	await measurePicker.selectOption({ label: measureTitle });
	await page.getByRole('button', { name: 'Mit Maßnahme verknüpfen' }).click();
	await expect(page.getByText('Mit der Maßnahme verknüpft.')).toBeVisible();
	await expect(page.getByTestId('measure-badges')).toContainText(measureTitle);
	await page.getByTestId('linked-ideas').getByRole('link', { name: ideaTitle }).click();

	// The idea lists the workshop result, with the event it came from.
	await expect(page.getByTestId('idea-title')).toHaveText(ideaTitle);
	const onIdea = page.getByTestId('idea-workshop-results');
	await expect(onIdea).toContainText(resultText);
	await expect(onIdea.getByRole('link', { name: `Sozialraumforum ${stamp}` })).toHaveAttribute(
		'href',
		eventPath
	);

	// A resident sees the link but gets no form to change it.
	const resident = await (
		await browser.newContext({ baseURL, extraHTTPHeaders: clientAddress(701) })
	).newPage();
	await signIn(resident, RESIDENT);
	await resident.goto(resultPath);
	await expect(resident.getByTestId('linked-ideas').getByRole('link', { name: ideaTitle })).toBeVisible();
	await expect(resident.getByRole('button', { name: 'Verknüpfen', exact: true })).toHaveCount(0);
	await expect(resident.getByRole('button', { name: 'Verknüpfung lösen' })).toHaveCount(0);
	await resident.goto(managePath);
	await expect(resident.getByTestId('result-homes')).toHaveCount(0);
	await resident.context().close();

	// The planner unlinks again (after confirming): the idea no longer lists it.
	await page.goto(resultPath);
	await page.waitForLoadState('networkidle');
	page.once('dialog', (d) => d.accept());
	await page.getByTestId('linked-ideas').getByRole('button', { name: 'Verknüpfung lösen' }).click();
	await expect(page.getByTestId('linked-ideas')).toContainText('noch mit keiner Idee verknüpft');
});
