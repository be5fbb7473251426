import { expect, test, type Browser, type Page } from '@playwright/test';
import { clientAddress, expectNoAxeViolations, signIn } from '../helpers';

// Demo accounts (src/lib/server/demo/accounts.ts) and the demo consultation "Marktplatz Altstadt".
const RESIDENT = 'bewohner@musterstadt.example';
const PLANNER = 'planung@musterstadt.example';
const ADMIN = 'admin@musterstadt.example';
const MAP = '/beteiligung/marktplatz-altstadt/karte';

test.use({ extraHTTPHeaders: clientAddress(230) });

async function person(browser: Browser, n: number, email: string): Promise<Page> {
	const context = await browser.newContext({ extraHTTPHeaders: clientAddress(n) });
	const page = await context.newPage();
	await signIn(page, email);
	return page;
}

test('a planner answers a contribution "wird umgesetzt"; the resident sees it in Meine Beiträge, the notifications and the mail', async ({
	page,
	browser
}) => {
	const stamp = Date.now().toString(36);
	const text = `Am Brunnen fehlt ein Fahrradständer ${stamp}`;
	const answer = `Zwölf Bügel werden im April aufgestellt ${stamp}`;

	// The resident posts a contribution.
	await signIn(page, RESIDENT);
	await page.goto(MAP);
	const form = page.locator('form[action="?/create"]');
	await form.getByLabel('Thema').selectOption({ index: 1 });
	await form.getByLabel('Ihr Beitrag').fill(text);
	await form.locator('fieldset.area-picker input[type="checkbox"]').first().check();
	await form.getByRole('button', { name: 'Beitrag absenden' }).click();
	await expect(page.getByRole('heading', { name: 'Danke für Ihren Beitrag' })).toBeVisible();
	const url = new URL(
		(await page.getByRole('link', { name: 'Beitrag ansehen' }).first().getAttribute('href'))!,
		page.url()
	).href;
	await page.goto(url);
	await expect(page.getByTestId('contribution-body')).toHaveText(text);
	await expect(page.getByTestId('outcome-history')).toContainText('Noch keine Rückmeldung');
	await expect(page.getByRole('heading', { name: 'Rückmeldung geben' })).toHaveCount(0);

	// The planner answers it: a decision without a text is refused, then "wird umgesetzt" with a text.
	const planner = await person(browser, 231, PLANNER);
	await planner.goto(url);
	await planner.waitForLoadState('networkidle');
	const respond = planner.getByRole('region', { name: 'Rückmeldung geben' });
	await expect(respond).toBeVisible();
	await expectNoAxeViolations(planner);
	await respond.getByLabel('Neuer Stand').selectOption({ label: 'wird umgesetzt' });
	await respond.getByLabel('Wer antwortet').fill('Amt für Stadtplanung');
	await respond.getByRole('button', { name: 'Rückmeldung veröffentlichen' }).click();
	await expect(respond.getByText('Bitte begründen Sie diesen Stand mit einer Rückmeldung.')).toBeVisible();
	await expect(respond.getByLabel('Rückmeldung', { exact: true })).toHaveAttribute('aria-invalid', 'true');
	await respond.getByLabel('Rückmeldung', { exact: true }).fill(answer);
	await respond.getByLabel('Nächste Schritte (freiwillig)').fill('Danach prüfen wir weitere Standorte.');
	await respond.getByRole('button', { name: 'Rückmeldung veröffentlichen' }).click();
	await expect(
		planner.getByRole('status').filter({ hasText: 'Die Rückmeldung ist veröffentlicht.' })
	).toBeVisible();
	const history = planner.getByTestId('outcome-history');
	await expect(history).toContainText('Neuer Stand: wird umgesetzt');
	await expect(history).toContainText(answer);
	await expect(history).toContainText('Amt für Stadtplanung');
	await expect(planner.getByTestId('outcome-badge').first()).toHaveText(
		'Stand der Bearbeitung: wird umgesetzt'
	);
	await planner.waitForLoadState('networkidle');
	await expectNoAxeViolations(planner);
	await planner.context().close();

	// Everyone sees the status and the public history; the planner's account name is not shown.
	await page.goto(url);
	await expect(page.getByTestId('outcome-history')).toContainText(answer);
	await expect(page.getByTestId('outcome-history')).not.toContainText('Paula Planung');

	// The list beside the map shows the status too.
	await page.goto(MAP);
	await expect(page.locator('ol.contributions article').filter({ hasText: text })).toContainText(
		'Stand der Bearbeitung: wird umgesetzt'
	);

	// The resident: a count in the menu, "Meine Beiträge" and the notifications.
	await expect(page.getByTestId('nav-unread')).toBeVisible();
	await page.getByRole('link', { name: /^Mein Konto/ }).click();
	await page.getByRole('link', { name: 'Meine Beiträge' }).click();
	await expect(page).toHaveURL('/konto/beitraege');
	const mine = page.getByTestId('my-contributions').getByRole('article').filter({ hasText: text });
	await expect(mine).toContainText('wird umgesetzt');
	await expect(mine).toContainText(answer);
	await expect(mine).toContainText('Letzte Rückmeldung von Amt für Stadtplanung');
	await page.waitForLoadState('networkidle');
	await expectNoAxeViolations(page);

	await page.goto('/konto');
	await page.getByRole('link', { name: 'Benachrichtigungen', exact: true }).click();
	await expect(page).toHaveURL('/konto/benachrichtigungen');
	const note = page
		.getByTestId('notifications')
		.getByRole('listitem')
		.filter({ hasText: text.slice(0, 30) });
	await expect(note.first()).toContainText('Neue Rückmeldung zu Ihrem Beitrag');
	await expect(note.first()).toContainText('wird umgesetzt (Amt für Stadtplanung)');
	await page.waitForLoadState('networkidle');
	await expectNoAxeViolations(page);
	await note.first().getByRole('button', { name: 'Als gelesen markieren' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Als gelesen markiert.' })).toBeVisible();
	await expect(note.first().getByRole('button', { name: 'Als gelesen markieren' })).toHaveCount(0);

	// The mail follows the resident's setting (the weekly digest by default): staff run the notification
	// job, and the digest in German (the resident's language) names the answered contribution.
	const admin = await person(browser, 232, ADMIN);
	await admin.goto('/admin/postausgang');
	await admin.getByRole('button', { name: 'Benachrichtigungen jetzt versenden' }).click();
	await expect(admin.getByRole('status')).toContainText('Postausgang');
	const mail = admin
		.getByRole('article')
		.filter({ hasText: RESIDENT })
		.filter({ hasText: 'Ihre Wochenzusammenfassung' });
	await expect(mail).toHaveCount(1);
	await expect(mail).toContainText(text.slice(0, 30));
	await expect(mail).toContainText('wird umgesetzt');
	await admin.context().close();
});
