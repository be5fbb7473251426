import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { clientAddress, expectNoAxeViolations, signIn } from '../helpers';

// The admin organises a workshop of "Marktplatz Altstadt"; residents answer and register without an account.
const ADMIN = 'admin@musterstadt.example';
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

test.use({ extraHTTPHeaders: clientAddress(370) });

async function register(page: Page, eventPath: string, name: string, email: string) {
	await page.goto(eventPath);
	await page.waitForLoadState('networkidle');
	const form = page.locator('form[action="?/register"]').first();
	await form.getByLabel('Name oder Spitzname').fill(name);
	await form.getByLabel(/E-Mail-Adresse/).fill(email);
	await form.getByRole('button', { name: 'Anmelden' }).click();
}

test('propose three slots, answer without an account, fix the date; fill up, wait, move up by the mail link; .ics; results tagged Werkstatt', async ({
	page,
	browser,
	baseURL
}) => {
	const stamp = Date.now().toString(36);
	await signIn(page, ADMIN);
	await page.goto('/termine/neu?verfahren=marktplatz-altstadt');
	await page.waitForLoadState('networkidle');
	await page.getByLabel('Titel', { exact: true }).fill(`Werkstatt ${stamp}`);
	await page.getByLabel('Adresse').fill('Bürgerhaus, Marktplatz 1');
	await page.getByLabel('Plätze je Termin (leer: unbegrenzt)').fill('2');
	// Two weekly dates across the summer-time change (27 March 2027: winter, 3 April: summer).
	await page.getByLabel('Beginn', { exact: true }).fill('2027-03-27T18:00');
	await page.getByLabel('Ende', { exact: true }).fill('2027-03-27T20:00');
	await page.locator('select[name="repeatUnit"]').selectOption('week');
	await page.getByLabel('Abstand (n)').fill('1');
	await page.getByLabel('Anzahl der Termine').fill('2');
	await page.getByRole('button', { name: 'Termin anlegen' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('verwalten');
	const managePath = new URL(page.url()).pathname;
	const eventPath = managePath.replace(/\/verwalten$/, '');

	// Date finding: three slots, one answer without an account, fix the best.
	// each slot with its own start and end (two, three and one hour)
	for (const [row, start, end] of [
		[1, '2027-05-10T18:00', '2027-05-10T20:00'],
		[2, '2027-05-11T18:00', '2027-05-11T21:00'],
		[3, '2027-05-12T18:00', '2027-05-12T19:00']
	] as const) {
		await page.locator(`#slot-${row}-start`).fill(start);
		await page.locator(`#slot-${row}-end`).fill(end);
	}
	await page.getByRole('button', { name: 'Terminumfrage anlegen' }).click();
	const pollPath = new URL((await page.getByTestId('poll-link').getAttribute('href'))!, baseURL).pathname;
	const guest = await (await browser.newContext({ baseURL, extraHTTPHeaders: clientAddress(371) })).newPage();
	await guest.goto(pollPath);
	await guest.waitForLoadState('networkidle');
	await guest.getByLabel('Name oder Spitzname').fill('Nachbarin');
	const slots = guest.getByTestId('poll-slot');
	await slots.nth(1).getByLabel('Ja').check();
	await slots.nth(0).getByLabel('Wenn nötig').check();
	await guest.getByRole('button', { name: 'Antwort speichern' }).click();
	await expect(guest.getByTestId('poll-saved')).toBeVisible();
	await expectNoAxeViolations(guest);
	await page.reload();
	const best = page.getByTestId('poll-tally').first();
	await expect(best).toContainText('11.05.2027');
	// Fixing the date mails everyone who answered: the page asks first.
	let asked = '';
	page.once('dialog', (dialog) => {
		asked = `${dialog.type()}: ${dialog.message()}`;
		void dialog.accept();
	});
	await best.getByRole('button', { name: 'Diesen Termin festlegen' }).click();
	await expect.poll(() => asked).toContain('confirm: ');
	expect(asked).toContain('E-Mail');
	await expect(page.locator('section.occurrence')).toHaveCount(3);

	// Register up to capacity; the next lands on the waiting list.
	await register(guest, eventPath, 'Anna', `anna-${stamp}@example.org`);
	await expect(guest.getByTestId('registered')).toBeVisible();
	await register(guest, eventPath, 'Ben', `ben-${stamp}@example.org`);
	await register(guest, eventPath, 'Cem', `cem-${stamp}@example.org`);
	await expect(guest.getByTestId('waiting')).toContainText('Platz 1');
	await expectNoAxeViolations(guest);

	// Anna cancels through the link in her confirmation mail (read from the outbox); Cem moves up.
	await page.goto('/admin/postausgang');
	const mail = page
		.getByRole('listitem')
		.filter({ hasText: `anna-${stamp}@example.org` })
		.first();
	const text = (await mail.locator('pre').textContent()) ?? '';
	const link = /https?:\/\/\S+\/termine\/abmelden\/[A-Za-z0-9_-]+/.exec(text);
	expect(link, text).not.toBeNull();
	const cancelPath = new URL(link![0]).pathname;
	await guest.goto(cancelPath);
	await guest.waitForLoadState('networkidle');
	await guest.getByRole('button', { name: 'Ja, Anmeldung zurückziehen' }).click();
	await expect(guest.getByTestId('cancel-done')).toBeVisible();
	await guest.goto(cancelPath);
	await expect(guest.getByTestId('cancel-invalid')).toBeVisible();
	await page.goto(managePath);
	const first = page.locator('section.occurrence').first();
	await expect(first).toContainText('2 angemeldet, 0 auf der Warteliste');
	await expect(first.getByTestId('checkin-row').filter({ hasText: 'Cem' })).not.toContainText('Warteliste');

	// The .ics parses with python3-icalendar at 18:00 Berlin on both sides of the change.
	const ics = await (await page.request.get(`${eventPath}/kalender.ics`)).text();
	const out = execFileSync(
		PYTHON,
		[
			'-c',
			`import sys, icalendar, zoneinfo
tz = zoneinfo.ZoneInfo('Europe/Berlin')
for e in icalendar.Calendar.from_ical(sys.stdin.read()).walk('VEVENT'):
    print(e.decoded('dtstart').astimezone(tz).strftime('%Y-%m-%d %H:%M %z'))`
		],
		{ input: ics, encoding: 'utf8' }
	);
	expect(out.trim().split('\n').sort()).toEqual([
		'2027-03-27 18:00 +0100',
		'2027-04-03 18:00 +0200',
		'2027-05-11 18:00 +0200'
	]);

	// Texts edited after creation: people are registered, so calendars get a higher SEQUENCE.
	await page.goto(managePath);
	await page.getByText('Angaben bearbeiten').click();
	await page.locator('#edit-description').fill(`Neue Beschreibung ${stamp}`);
	await page.getByRole('button', { name: 'Angaben speichern' }).click();
	await expect(page.getByText('Gespeichert.')).toBeVisible();
	expect(await (await page.request.get(`${eventPath}/kalender.ics`)).text()).toContain('SEQUENCE:1');

	// Workshop results as contributions, channel Werkstatt (the event pre-selected), on the map list.
	await page.getByTestId('enter-results').click();
	await expect(page.locator('#s-eventId')).toHaveValue(eventPath.split('/').at(-1)!);
	await expect(page.getByTestId('contribution-map')).toHaveAttribute('data-status', 'ready');
	const form = page.locator('form[action="?/save"]');
	await page.waitForLoadState('networkidle');
	await page.getByRole('button', { name: 'Punkt setzen' }).click();
	await page.getByTestId('contribution-map').scrollIntoViewIfNeeded();
	const box = (await page.getByTestId('contribution-map').boundingBox())!;
	await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
	await expect(page.getByText('Ort gesetzt: Punkt.')).toBeVisible();
	await expect(form.getByLabel('Kanal')).toHaveValue('workshop');
	await form.getByLabel('Gesammelt am').fill('2026-11-28');
	await form.getByLabel('Thema').selectOption({ index: 1 });
	// the body never says "Werkstatt", so only the channel tag can
	const resultText = `Ergebnis vom Thementisch ${stamp}: mehr Bänke`;
	await form.getByLabel('Text des Beitrags').fill(resultText);
	await form.getByRole('button', { name: 'Analogen Beitrag speichern' }).click();
	await expect(page.getByTestId('saved')).toBeVisible();
	await page.goto('/beteiligung/marktplatz-altstadt/karte');
	const item = page.locator('ol.contributions li').filter({ hasText: resultText });
	await expect(item).toHaveCount(1);
	await expect(item.locator('.body')).not.toContainText('Werkstatt');
	const channel = item.getByTestId('contribution-channel');
	await expect(channel).toHaveText('Werkstatt');
	await expect(channel).toHaveAttribute('data-channel', 'workshop');
	await page.goto(eventPath);
	await expect(page.getByTestId('workshop-results')).toContainText(resultText);
});
