import { expect, test, type Browser, type Page } from '@playwright/test';
import { clientAddress, expectNoAxeViolations, signIn } from '../helpers';

// The demo moderator (moderation@musterstadt.example) holds a platform-wide moderator grant: the
// administration page leads to one queue across both demo consultations.
const RESIDENT = 'bewohner@musterstadt.example';
const MODERATOR = 'moderation@musterstadt.example';
const CONSULTATIONS = [
	{ slug: 'marktplatz-altstadt', title: 'Neugestaltung des Marktplatzes in der Altstadt' },
	{ slug: 'gruene-wege-musterstadt', title: 'Grüne Wege durch Musterstadt' }
];

test.use({ extraHTTPHeaders: clientAddress(226) });

async function person(browser: Browser, n: number, email: string): Promise<Page> {
	const context = await browser.newContext({ extraHTTPHeaders: clientAddress(n) });
	const page = await context.newPage();
	await signIn(page, email);
	return page;
}

/** Reports the first published contribution of a consultation; returns its text. */
async function reportFirst(page: Page, slug: string, reason: string): Promise<string> {
	await page.goto(`/beteiligung/${slug}/karte`);
	await page.getByRole('link', { name: 'Beitrag ansehen' }).first().click();
	await page.waitForLoadState('networkidle');
	const body = (await page.getByTestId('contribution-body').textContent())!.trim();
	await page.getByLabel('Warum melden Sie diesen Beitrag?').fill(reason);
	await page.getByRole('button', { name: 'Melden', exact: true }).click();
	await expect(page.getByText('Danke, wir sehen uns den Beitrag an.')).toBeVisible();
	return body;
}

test('a platform moderator works one queue across two consultations', async ({ page, browser }) => {
	const stamp = Date.now().toString(36);
	const resident = await person(browser, 227, RESIDENT);
	const reasons = CONSULTATIONS.map((c, i) => `Meldung ${i + 1} ${stamp}`);
	const bodies: string[] = [];
	for (const [i, c] of CONSULTATIONS.entries()) bodies.push(await reportFirst(resident, c.slug, reasons[i]));

	// Verwaltung → Moderation: one queue, reported items of both consultations, each named.
	await signIn(page, MODERATOR);
	await page.goto('/admin');
	await page.getByRole('link', { name: 'Moderation' }).click();
	await expect(page).toHaveURL('/moderation');
	await expect(
		page.getByRole('heading', { level: 1, name: 'Moderation aller Beteiligungsverfahren' })
	).toBeVisible();
	const queue = page.getByRole('region', { name: 'Gemeldet' });
	const items = CONSULTATIONS.map((c, i) => queue.getByRole('article').filter({ hasText: reasons[i] }));
	for (const [i, item] of items.entries()) {
		await expect(item).toHaveCount(1);
		await expect(item.getByRole('link', { name: CONSULTATIONS[i].title })).toBeVisible();
	}
	await expectNoAxeViolations(page);

	// Hide the first with a public reason, dismiss the reports on the second; each keeps the view.
	const hideReason = `Beleidigend ${stamp}`;
	await items[0].getByLabel('Grund für das Ausblenden').fill(hideReason);
	await items[0].getByRole('button', { name: 'Ausblenden', exact: true }).click();
	await expect(page.getByRole('status')).toContainText('ausgeblendet');
	await expect(items[0]).toHaveCount(0);
	await items[1].getByRole('button', { name: 'Meldungen erledigt, Beitrag bleibt sichtbar' }).click();
	await expect(items[1]).toHaveCount(0);

	// The log names both consultations; the first contribution is hidden with the reason in public.
	const log = page.getByRole('table', { name: 'Protokoll' });
	await expect(log.getByRole('row').filter({ hasText: hideReason })).toContainText(CONSULTATIONS[0].title);
	await expect(log.getByRole('row').filter({ hasText: CONSULTATIONS[1].title }).first()).toBeVisible();

	await page.getByRole('link', { name: /^Ausgeblendet \(\d+\)$/ }).click();
	const hidden = page
		.getByRole('region', { name: 'Ausgeblendet' })
		.getByRole('article')
		.filter({ hasText: hideReason });
	await expect(hidden).toContainText(bodies[0].slice(0, 30));
	// Restore it again, so other walks see the demo city as seeded.
	await hidden.getByRole('button', { name: 'Wiederherstellen' }).click();
	await expect(hidden).toHaveCount(0);

	// A resident has no queue.
	await resident.goto('/moderation');
	await expect(resident.getByRole('heading', { level: 1 })).not.toHaveText(
		'Moderation aller Beteiligungsverfahren'
	);
});
