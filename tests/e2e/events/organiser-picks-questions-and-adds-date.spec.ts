import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { clientAddress, expectNoAxeViolations, signIn } from '../helpers';

// The quarter manager of "Marktplatz Altstadt" creates a workshop asking only two of the four
// registration questions; a resident's registration form shows exactly those two. The organiser adds
// one more date ("Termin hinzufügen", first typed wrong): the public page and the .ics list it, and the
// resident registers for it.
const ORGANISER = 'quartier@musterstadt.example';
const RESIDENT = 'bewohner@musterstadt.example';
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

test.use({ extraHTTPHeaders: clientAddress(900) });

test('two picked registration questions, and one more date added to the workshop', async ({
	page,
	browser,
	baseURL
}) => {
	const stamp = Date.now().toString(36);
	const title = `Werkstatt Fragen ${stamp}`;
	await signIn(page, ORGANISER);
	await page.goto('/termine/neu?verfahren=marktplatz-altstadt');
	await page.waitForLoadState('networkidle');
	await page.getByLabel('Titel', { exact: true }).fill(title);
	await page.getByLabel('Adresse').fill('Bürgerhaus, Marktplatz 1');
	await page.getByLabel('Beginn', { exact: true }).fill('2027-09-14T18:00');
	await page.getByLabel('Ende', { exact: true }).fill('2027-09-14T20:00');
	const picker = page.getByRole('group', { name: 'Fragen bei der Anmeldung' });
	await expect(picker.getByRole('checkbox')).toHaveCount(4);
	await picker.getByLabel('Sprache, in der jemand teilnehmen möchte').check();
	await picker.getByLabel('Wohngebiet (Stadtteil)').check();
	await expectNoAxeViolations(page);
	await page.getByRole('button', { name: 'Termin anlegen' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('verwalten');
	const managePath = new URL(page.url()).pathname;
	const eventPath = managePath.replace(/\/verwalten$/, '');

	// The edit form shows the pick.
	await page.getByText('Angaben bearbeiten').click();
	const editPicker = page.getByTestId('question-picker');
	await expect(editPicker.getByLabel('Kinderbetreuung benötigt (Ja/Nein)')).not.toBeChecked();
	await expect(editPicker.getByLabel('Sprache, in der jemand teilnehmen möchte')).toBeChecked();
	await expect(editPicker.getByLabel(/Barrierefreiheit/)).not.toBeChecked();
	await expect(editPicker.getByLabel('Wohngebiet (Stadtteil)')).toBeChecked();

	// "Termin hinzufügen": an end before the start says so and keeps what was typed.
	const add = page.getByTestId('add-date-form');
	await add.getByLabel('Beginn').fill('2027-10-05T18:00');
	await add.getByLabel('Ende').fill('2027-10-05T17:00');
	await add.getByRole('button', { name: 'Termin hinzufügen' }).click();
	await expect(page.locator('#add-endsAt-error')).toHaveText('Das Ende muss nach dem Beginn liegen.');
	await expect(add.getByLabel('Beginn')).toHaveValue('2027-10-05T18:00');
	await expect(add.getByLabel('Ende')).toHaveValue('2027-10-05T17:00');
	await expect(add.getByLabel('Ende')).toHaveAttribute('aria-invalid', 'true');
	await expectNoAxeViolations(page);
	await add.getByLabel('Ende').fill('2027-10-05T20:30');
	await add.getByRole('button', { name: 'Termin hinzufügen' }).click();
	await expect(page.getByText('Gespeichert.')).toBeVisible();
	const dates = page.locator('section.occurrence h3');
	await expect(dates).toHaveCount(2);
	await expect(dates.nth(1)).toContainText('05.10.2027, 18:00–20:30');
	await expect(page.locator('#add-endsAt-error')).toHaveCount(0);

	// The resident sees both dates, and a registration form asking exactly the two questions.
	const resident = await (
		await browser.newContext({ baseURL, extraHTTPHeaders: clientAddress(901) })
	).newPage();
	await signIn(resident, RESIDENT);
	await resident.goto(eventPath);
	await resident.waitForLoadState('networkidle');
	await expect(resident.getByRole('heading', { level: 1 })).toHaveText(title);
	await expect(resident.getByTestId('occurrences')).toContainText('14.09.2027, 18:00–20:00');
	await expect(resident.getByTestId('occurrences')).toContainText('05.10.2027, 18:00–20:30');
	const later = resident.locator('section').filter({
		has: resident.getByRole('heading', { name: /Anmeldung für 05\.10\.2027/ })
	});
	const questions = later.getByRole('group', { name: 'Fragen zur Anmeldung (freiwillig)' });
	await expect(questions.locator('.field')).toHaveCount(2);
	await expect(questions.getByLabel('In welcher Sprache möchten Sie teilnehmen?')).toBeVisible();
	await expect(questions.getByLabel('In welchem Stadtteil wohnen Sie?')).toBeVisible();
	await expect(questions).not.toContainText('Kinderbetreuung');
	await expect(questions).not.toContainText('Was brauchen Sie');
	await expectNoAxeViolations(resident);

	// …and registers for the added date.
	await later.getByLabel('Name oder Spitzname').fill(`Nachbarin ${stamp}`);
	await questions
		.getByLabel('In welcher Sprache möchten Sie teilnehmen?')
		.selectOption({ label: 'Türkisch' });
	await later.getByRole('button', { name: 'Anmelden' }).click();
	await expect(resident.getByText('Sie sind angemeldet.', { exact: false })).toBeVisible();
	await resident.context().close();

	// The organiser's check-in list of the added date has her, with her answer.
	await page.reload();
	const added = page.locator('section.occurrence').nth(1);
	await expect(added.getByTestId('checkin-row')).toHaveCount(1);
	await expect(added.getByTestId('checkin-answers')).toHaveText('Türkisch');

	// Both dates in the .ics, read by a second parser: the added one with its own UID.
	const ics = await (await page.request.get(`${eventPath}/kalender.ics`)).text();
	const out = execFileSync(
		PYTHON,
		[
			'-c',
			`import sys, icalendar, zoneinfo
tz = zoneinfo.ZoneInfo('Europe/Berlin')
events = icalendar.Calendar.from_ical(sys.stdin.read()).walk('VEVENT')
print(len({str(e['UID']) for e in events}))
for e in events:
    print(e.decoded('dtstart').astimezone(tz).strftime('%Y-%m-%d %H:%M'), e.decoded('dtend').astimezone(tz).strftime('%H:%M'), int(e.get('SEQUENCE', 0)))`
		],
		{ input: ics, encoding: 'utf8' }
	);
	expect(out.trim().split('\n')).toEqual(['2', '2027-09-14 18:00 20:00 0', '2027-10-05 18:00 20:30 0']);
});
