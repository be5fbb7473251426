import { expect, test, type Browser } from '@playwright/test';
import { clientAddress, signIn } from '../helpers';

// The planner turns an idea into a measure and moves it to 40 %; the demo resident, who follows the
// Altstadt, sees both in "Was passiert in meinem Quartier?" and, after the notification run, in her
// weekly digest in the outbox.
const TITLE = `Schattenbäume am Spielplatz ${Date.now().toString(36)}`;

async function signedIn(browser: Browser, email: string, n: number) {
	const context = await browser.newContext({ extraHTTPHeaders: clientAddress(n) });
	const page = await context.newPage();
	await signIn(page, email);
	return { context, page };
}

test('a planner links an idea to a new measure at 40 %; the area follower sees it and gets the digest', async ({
	browser
}) => {
	const resident = await signedIn(browser, 'bewohner@musterstadt.example', 340);
	// The Altstadt's roll-up: the resident follows it (demo); an answered idea is listed.
	await resident.page.goto('/sozialraeume');
	const profile = new URL(
		(await resident.page.getByRole('link', { name: 'Altstadt', exact: true }).first().getAttribute('href'))!,
		'http://x'
	);
	const rollUp = `${profile.pathname}/was-passiert${profile.search}`;
	await resident.page.goto(rollUp);
	await expect(resident.page.getByTestId('follow-button')).toContainText('Nicht mehr folgen');
	const ideaLink = resident.page.getByTestId('area-activity').locator('a[href*="/ideen/"]').first();
	const ideaTitle = (await ideaLink.textContent())!.trim();
	const ideaHref = (await ideaLink.getAttribute('href'))!;

	const planner = await signedIn(browser, 'planung@musterstadt.example', 341);
	await planner.page.goto('/massnahmen/neu');
	await planner.page.getByLabel('Titel').fill(TITLE);
	await planner.page.getByLabel('Zuständiges Amt oder zuständiger Träger').fill('Grünflächenamt Musterstadt');
	const areas = planner.page.getByRole('group', { name: 'Gebiete' });
	await areas.locator('summary', { hasText: 'Stadtteil' }).click();
	await areas.getByLabel('Altstadt', { exact: true }).check();
	await planner.page.getByLabel('Veröffentlicht').check();
	await planner.page.getByRole('button', { name: 'Maßnahme anlegen' }).click();
	await expect(planner.page.getByRole('heading', { level: 1 })).toHaveText(TITLE);

	await planner.page.getByLabel('Art des Beitrags').selectOption({ label: 'Idee' });
	await planner.page.getByLabel('Adresse oder Kennung des Beitrags').fill(`http://localhost${ideaHref}`);
	await planner.page.getByRole('button', { name: 'Verknüpfen', exact: true }).click();
	await expect(planner.page.getByTestId('measure-origin')).toContainText(ideaTitle);
	await planner.page.getByLabel('Umgesetzt in Prozent (0–100)').fill('40');
	await planner.page.getByLabel('Was ist geschehen? (freiwillig)').fill('Bäume bestellt');
	await planner.page.getByRole('button', { name: 'Stand speichern' }).click();
	await expect(planner.page.getByTestId('milestones')).toContainText('von 0 % auf 40 %');
	// The idea's page shows the measure.
	await planner.page.goto(ideaHref);
	await expect(planner.page.getByTestId('measure-badges')).toContainText(TITLE);

	// The resident's roll-up: the measure with its progress, and the idea.
	await resident.page.goto(rollUp);
	const activity = resident.page.getByTestId('area-activity');
	await expect(activity.locator('li', { hasText: TITLE })).toContainText('Umgesetzt: 40 %');
	await expect(activity).toContainText(ideaTitle);

	// Staff run the notification job; the weekly digest lies in the outbox.
	const admin = await signedIn(browser, 'admin@musterstadt.example', 342);
	await admin.page.goto('/admin/postausgang');
	await admin.page.getByRole('button', { name: 'Benachrichtigungen jetzt versenden' }).click();
	await expect(admin.page.getByRole('status')).toContainText('Postausgang');
	const mail = admin.page
		.locator('article')
		.filter({ hasText: 'bewohner@musterstadt.example' })
		.filter({ hasText: 'Ihre Wochenzusammenfassung' })
		.first();
	await expect(mail).toContainText(TITLE);
	await expect(mail).toContainText('40 % umgesetzt');
	await expect(mail).toContainText('/benachrichtigungen/abbestellen/');
	await Promise.all([resident.context.close(), planner.context.close(), admin.context.close()]);
});
