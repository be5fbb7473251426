import { expect, test, type Browser, type Page } from '@playwright/test';
import { clientAddress, expectNoAxeViolations, signIn } from '../helpers';

// Demo accounts and the idea board of "Marktplatz Altstadt" (src/lib/server/ideas/demo.ts).
const RESIDENT = 'bewohner@musterstadt.example';
const PLANNER = 'planung@musterstadt.example';
const BOARD = '/beteiligung/marktplatz-altstadt/ideen';

test.use({ extraHTTPHeaders: clientAddress(330) });

async function person(browser: Browser, n: number, email: string): Promise<Page> {
	const context = await browser.newContext({ extraHTTPHeaders: clientAddress(n) });
	const page = await context.newPage();
	await signIn(page, email);
	return page;
}

test('a resident posts an idea with a place after seeing a similar one; two others support it; the planner answers "nicht umsetzbar"', async ({
	page,
	browser
}) => {
	const stamp = Date.now().toString(36);
	const title = `Sitzbänke am Brunnen im Schatten ${stamp}`;
	const answer = `Am Brunnen ist wegen des Marktes kein Platz für Bänke ${stamp}`;

	// The resident starts a new idea: while typing, the form names the similar demo idea.
	await signIn(page, RESIDENT);
	await page.goto(BOARD);
	await page.getByRole('link', { name: 'Neue Idee einreichen' }).click();
	await page.waitForLoadState('networkidle');
	await page.getByLabel('Titel Ihrer Idee').fill(title);
	await page.getByLabel('Beschreibung: Was schlagen Sie vor, und warum?').fill('Bänke mit Lehne im Schatten der Bäume.');
	const similar = page.getByTestId('similar-ideas');
	await expect(similar).toContainText('Mehr Sitzbänke mit Lehne rund um den Brunnen');
	await expect(similar).toContainText('unterstützen statt neu posten?');
	await page.getByLabel('Thema').selectOption({ index: 1 });
	// A place on the map (the middle of the consultation's area).
	const map = page.getByRole('region', { name: 'Karte: Ort der Idee wählen' });
	await map.click();
	await expect(page.getByTestId('picked-place')).toBeVisible();
	await expectNoAxeViolations(page);
	await page.getByRole('button', { name: 'Idee einreichen' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Ihre Idee ist veröffentlicht' })).toBeVisible();
	await expect(page.getByTestId('idea-title')).toHaveText(title);
	await expect(page.getByTestId('idea-areas')).toContainText('Altstadt');
	const url = page.url().replace(/\?.*$/, '');

	// Two others support it (a second click would withdraw: the button says so).
	for (const [n, email] of [
		[331, 'traeger@musterstadt.example'],
		[332, 'quartier@musterstadt.example']
	] as const) {
		const other = await person(browser, n, email);
		await other.goto(url);
		await other.getByRole('button', { name: 'Unterstützen' }).click();
		await expect(other.getByRole('button', { name: 'Unterstützung zurückziehen' })).toBeVisible();
		await other.context().close();
	}
	await page.goto(url);
	await expect(page.getByTestId('support-count')).toHaveText('2 Unterstützungen');

	// The planner: "nicht umsetzbar" without a response is refused, with one it is published.
	const planner = await person(browser, 333, PLANNER);
	await planner.goto(url);
	const respond = planner.getByRole('region', { name: 'Rückmeldung geben' });
	await respond.getByLabel('Neuer Stand').selectOption({ label: 'nicht umsetzbar' });
	await respond.getByLabel('Wer antwortet').fill('Amt für Stadtplanung');
	await respond.getByRole('button', { name: 'Rückmeldung veröffentlichen' }).click();
	await expect(respond.getByText('Bitte begründen Sie diesen Stand mit einer Rückmeldung.')).toBeVisible();
	await respond.getByLabel('Rückmeldung', { exact: true }).fill(answer);
	await respond.getByLabel('Nächste Schritte (freiwillig)').fill('Wir prüfen Bänke in der Kirchgasse.');
	await respond.getByRole('button', { name: 'Rückmeldung veröffentlichen' }).click();
	await expect(planner.getByTestId('outcome-history')).toContainText(answer);
	await expect(planner.getByTestId('outcome-badge').first()).toContainText('nicht umsetzbar');
	await planner.waitForLoadState('networkidle');
	await expectNoAxeViolations(planner);

	// The author sees it under "Meine Beiträge"; the mail waits in the outbox.
	await page.goto('/konto/beitraege');
	const mine = page.getByTestId('my-contributions').getByRole('article').filter({ hasText: title });
	await expect(mine).toContainText('nicht umsetzbar');
	await expect(mine).toContainText(answer);
	await planner.context().close();
	const admin = await person(browser, 334, 'admin@musterstadt.example');
	await admin.goto('/admin/postausgang');
	// One to the author, one to each supporter.
	const mails = admin.getByRole('article').filter({ hasText: answer });
	await expect(mails).toHaveCount(3);
	const mail = mails.filter({ hasText: RESIDENT });
	await expect(mail.getByRole('heading', { name: 'Rückmeldung zu Ihrem Beitrag: nicht umsetzbar' })).toBeVisible();
	await expect(mail).toContainText('Wir prüfen Bänke in der Kirchgasse.');
	await admin.context().close();
});
