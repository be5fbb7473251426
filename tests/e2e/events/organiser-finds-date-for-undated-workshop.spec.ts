import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { clientAddress, expectNoAxeViolations, signIn } from '../helpers';

// An organiser creates a workshop whose date is still open, proposes three slots of different lengths
// (one row first typed wrong), a neighbour answers without an account, the organiser fixes the best
// slot, and the workshop's date has that slot's start and end.
const ADMIN = 'admin@musterstadt.example';
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

test.use({ extraHTTPHeaders: clientAddress(720) });

test('a workshop without a date: three slots of different lengths, an answer without an account, the fixed slot becomes its date', async ({
	page,
	browser,
	baseURL
}) => {
	const stamp = Date.now().toString(36);
	await signIn(page, ADMIN);
	await page.goto('/termine/neu?verfahren=marktplatz-altstadt');
	await page.waitForLoadState('networkidle');
	await page.getByLabel('Titel', { exact: true }).fill(`Werkstatt offen ${stamp}`);
	await page.getByLabel('Adresse').fill('Bürgerhaus, Marktplatz 1');
	await page.getByTestId('date-open').check();
	await page.getByRole('button', { name: 'Termin anlegen' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('verwalten');
	const managePath = new URL(page.url()).pathname;
	const eventPath = managePath.replace(/\/verwalten$/, '');
	await expect(page.getByTestId('no-dates')).toBeVisible();

	// Three empty rows, a fourth through "Weitere Zeile" (left empty: skipped).
	const rows = page.getByTestId('slot-row');
	await expect(rows).toHaveCount(3);
	await page.getByTestId('slot-add-row').click();
	await expect(rows).toHaveCount(4);
	await page.locator('#slot-1-start').fill('2027-06-14T18:00');
	await page.locator('#slot-1-end').fill('2027-06-14T19:30');
	await page.locator('#slot-2-start').fill('2027-06-15T10:00');
	await page.locator('#slot-2-end').fill('2027-06-15T09:00');
	await page.locator('#slot-2-cap').fill('4');
	await page.locator('#slot-3-start').fill('2027-06-16T17:00');
	await page.locator('#slot-3-end').fill('2027-06-16T21:00');
	await page.getByRole('button', { name: 'Terminumfrage anlegen' }).click();
	// The error names the row; everything typed stays.
	await expect(page.locator('#slot-2-end-error')).toHaveText(
		'Vorschlag 2: Das Ende muss nach dem Beginn liegen.'
	);
	await expect(rows).toHaveCount(4);
	await expect(page.locator('#slot-1-start')).toHaveValue('2027-06-14T18:00');
	await expect(page.locator('#slot-2-cap')).toHaveValue('4');
	await expect(page.locator('#slot-3-end')).toHaveValue('2027-06-16T21:00');
	await page.locator('#slot-2-end').fill('2027-06-15T16:00');
	await page.getByRole('button', { name: 'Terminumfrage anlegen' }).click();
	const link = page.getByTestId('poll-link');
	await expect(link).toBeVisible();
	// after creating, the editor is empty again
	await expect(page.locator('#slot-1-start')).toHaveValue('');
	const tallies = page.getByTestId('poll-tally');
	await expect(tallies).toHaveCount(3);
	await expect(page.locator('section[aria-labelledby="poll-h"]')).toContainText('14.06.2027, 18:00–19:30');
	await expect(page.locator('section[aria-labelledby="poll-h"]')).toContainText('höchstens 4 Zusagen');
	await expectNoAxeViolations(page);

	// A neighbour answers without an account.
	const pollPath = new URL((await link.getAttribute('href'))!, baseURL).pathname;
	const guest = await (await browser.newContext({ baseURL, extraHTTPHeaders: clientAddress(721) })).newPage();
	await guest.goto(pollPath);
	await guest.waitForLoadState('networkidle');
	await guest.getByLabel('Name oder Spitzname').fill('Nachbar');
	await guest.getByLabel(/E-Mail-Adresse/).fill(`nachbar-${stamp}@example.org`);
	const slots = guest.getByTestId('poll-slot');
	await expect(slots.nth(1)).toContainText('15.06.2027, 10:00–16:00');
	await expect(slots.nth(1)).toContainText('höchstens 4 Zusagen');
	await slots.nth(1).getByLabel('Ja').check();
	await slots.nth(0).getByLabel('Wenn nötig').check();
	await guest.getByRole('button', { name: 'Antwort speichern' }).click();
	await expect(guest.getByTestId('poll-saved')).toBeVisible();
	await expectNoAxeViolations(guest);

	// The organiser fixes the best slot (it mails the neighbour: the page asks first).
	await page.reload();
	const best = tallies.first();
	await expect(best).toContainText('15.06.2027, 10:00–16:00');
	page.once('dialog', (d) => void d.accept());
	await best.getByRole('button', { name: 'Diesen Termin festlegen' }).click();
	await expect(page.locator('section.occurrence')).toHaveCount(1);
	await expect(page.getByTestId('no-dates')).toHaveCount(0);
	await expect(page.locator('section.occurrence h3')).toContainText('15.06.2027, 10:00–16:00');

	// The date has the slot's start and end (read back from the .ics by a second parser).
	const ics = await (await page.request.get(`${eventPath}/kalender.ics`)).text();
	const out = execFileSync(
		PYTHON,
		[
			'-c',
			`import sys, icalendar, zoneinfo
tz = zoneinfo.ZoneInfo('Europe/Berlin')
for e in icalendar.Calendar.from_ical(sys.stdin.read()).walk('VEVENT'):
    print(e.decoded('dtstart').astimezone(tz).strftime('%Y-%m-%d %H:%M'), e.decoded('dtend').astimezone(tz).strftime('%Y-%m-%d %H:%M'))`
		],
		{ input: ics, encoding: 'utf8' }
	);
	expect(out.trim()).toBe('2027-06-15 10:00 2027-06-15 16:00');
	await guest.goto(eventPath);
	await expect(guest.getByTestId('no-dates')).toHaveCount(0);
	await expect(guest.getByTestId('occurrences')).toContainText('15.06.2027, 10:00–16:00');
	await guest.context().close();
});

test('without JavaScript, "Weitere Zeile" adds a row and keeps what was typed', async ({
	browser,
	baseURL
}) => {
	const context = await browser.newContext({
		baseURL,
		javaScriptEnabled: false,
		extraHTTPHeaders: clientAddress(722)
	});
	const page = await context.newPage();
	await signIn(page, ADMIN);
	await page.goto('/termine');
	const first = await page.locator('main a[href^="/termine/"][href*="-"]').first().getAttribute('href');
	await page.goto(`${first}/verwalten`);
	const rows = page.getByTestId('slot-row');
	await expect(rows).toHaveCount(3);
	await page.locator('#slot-1-start').fill('2027-07-01T18:00');
	await page.locator('#slot-1-end').fill('2027-07-01T20:00');
	await page.locator('#slot-1-cap').fill('9');
	await page.getByTestId('slot-add-row').click();
	await expect(rows).toHaveCount(4);
	await expect(page.locator('#slot-1-start')).toHaveValue('2027-07-01T18:00');
	await expect(page.locator('#slot-1-cap')).toHaveValue('9');
	await expect(page.locator('#slot-4-start')).toHaveValue('');
	await context.close();
});
