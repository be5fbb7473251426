import { expect, test, type Browser, type Page } from '@playwright/test';
import { clientAddress, expectNoAxeViolations } from '../helpers';

// The demo admin from the demo seed (src/lib/server/demo/accounts.ts) reads the outbox: the e2e
// server has no SMTP_URL, so mails are collected at /admin/postausgang.
const DEMO_PASSWORD = 'Musterstadt-Demo-2026';
const ADMIN = 'admin@musterstadt.example';
const RESIDENT = 'bewohner@musterstadt.example';

async function logIn(page: Page, email: string, password: string): Promise<void> {
	const form = page.locator('form[action="?/login"]');
	await form.getByLabel('E-Mail-Adresse').fill(email);
	await form.getByLabel('Passwort', { exact: true }).fill(password);
	await form.getByRole('button', { name: 'Anmelden' }).click();
}

/** An admin (in their own browser context) opens the outbox and copies the link from the newest mail to `to`. */
async function linkFromOutbox(browser: Browser, baseURL: string, to: string, path: string): Promise<string> {
	const context = await browser.newContext({ baseURL, extraHTTPHeaders: clientAddress(42) });
	try {
		const admin = await context.newPage();
		await admin.goto('/anmelden');
		await logIn(admin, ADMIN, DEMO_PASSWORD);
		await expect(admin.getByRole('button', { name: 'Abmelden' })).toBeVisible();
		await admin.goto('/admin/postausgang');
		await expect(admin.getByRole('heading', { level: 1, name: 'Postausgang' })).toBeVisible();
		await expectNoAxeViolations(admin);
		const mail = admin.getByRole('listitem').filter({ hasText: to }).first();
		await expect(
			mail.getByRole('heading', { name: 'Bitte bestätigen Sie Ihre E-Mail-Adresse' })
		).toBeVisible();
		const text = (await mail.locator('pre').textContent()) ?? '';
		const match = new RegExp(`https?://[^\\s]+${path}/[a-z2-7]+`).exec(text);
		expect(match, text).not.toBeNull();
		return new URL(match![0]).pathname;
	} finally {
		await context.close();
	}
}

test('a resident registers, confirms the address with the mailed link, logs in, switches to English and logs out', async ({
	page,
	browser,
	baseURL
}) => {
	await page.setExtraHTTPHeaders(clientAddress(40));
	const email = `e2e-${Date.now()}@example.org`;
	const password = 'Mein sicheres Passwort 2026';

	await page.goto('/registrieren');
	await expect(page.getByRole('heading', { level: 1, name: 'Registrieren' })).toBeVisible();
	await expectNoAxeViolations(page);

	// A too short password is explained in German, next to the field.
	await page.getByLabel('Anzeigename').fill('Erika E2E');
	await page.getByLabel('E-Mail-Adresse').fill(email);
	await page.getByLabel('Passwort').fill('kurz');
	await page.getByRole('button', { name: 'Konto anlegen' }).click();
	await expect(page.getByText('Das Passwort muss mindestens 10 Zeichen lang sein.')).toBeVisible();
	await expect(page.getByLabel('Passwort')).toHaveAttribute('aria-invalid', 'true');
	await expect(page.getByLabel('E-Mail-Adresse')).toHaveValue(email);
	await expectNoAxeViolations(page);

	await page.getByLabel('Passwort').fill(password);
	await page.getByRole('button', { name: 'Konto anlegen' }).click();
	await expect(page.getByRole('status')).toHaveText('Wir haben Ihnen eine E-Mail geschickt.');

	const verifyPath = await linkFromOutbox(browser, baseURL!, email, '/bestaetigen');
	await page.goto(verifyPath);
	await expect(page.getByRole('heading', { level: 1, name: 'E-Mail-Adresse bestätigen' })).toBeVisible();
	await page.getByRole('button', { name: 'E-Mail-Adresse bestätigen' }).click();
	await expect(page).toHaveURL(/\/anmelden\?hinweis=bestaetigt$/);
	await expect(page.getByRole('status')).toHaveText(
		'Ihre E-Mail-Adresse ist bestätigt. Sie können sich jetzt anmelden.'
	);
	await expectNoAxeViolations(page);

	// The link works only once.
	await page.goto(verifyPath);
	await expect(page.getByRole('alert')).toHaveText(
		'Dieser Bestätigungslink ist ungültig oder wurde schon benutzt.'
	);

	await page.goto('/anmelden');
	await logIn(page, email, password);
	await expect(page).toHaveURL(/\/konto$/);
	await expect(page.getByRole('heading', { level: 1, name: 'Mein Konto' })).toBeVisible();
	await expect(page.getByText('Angemeldet als Erika E2E')).toBeVisible();
	await expect(page.getByText('Bitte bestätigen Sie Ihre E-Mail-Adresse')).toHaveCount(0);
	await expectNoAxeViolations(page);

	// "Meine Daten herunterladen": a JSON attachment with the profile, never a password hash.
	await expect(page.getByRole('link', { name: 'Meine Daten herunterladen' })).toBeVisible();
	const download = await page.request.get('/konto/daten.json');
	expect(download.headers()['content-disposition']).toMatch(/^attachment; filename="[^"]+\.json"$/);
	const data = await download.json();
	expect(data.profile).toMatchObject({ email, displayName: 'Erika E2E' });
	expect(JSON.stringify(data)).not.toContain('argon2');

	await page.getByRole('button', { name: 'English' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'My account' })).toBeVisible();
	// The account remembers the language (mails follow it).
	expect((await (await page.request.get('/konto/daten.json')).json()).profile.language).toBe('en');
	await page.getByRole('button', { name: 'Log out' }).click();
	await expect(page).toHaveURL(/\/$/);
	await expect(page.getByRole('link', { name: 'Log in' })).toBeVisible();
	// The session is gone: the account page sends us to the login.
	await page.goto('/konto');
	await expect(page).toHaveURL(/\/anmelden\?weiter=(%2F|\/)konto$/);
});

test('a wrong password shows the German error, and the sixth rapid attempt is refused', async ({ page }) => {
	await page.setExtraHTTPHeaders(clientAddress(41));
	await page.goto('/anmelden');
	await expectNoAxeViolations(page);
	const passwordField = page.locator('form[action="?/login"]').getByLabel('Passwort', { exact: true });
	for (let attempt = 1; attempt <= 5; attempt++) {
		await logIn(page, RESIDENT, `falsches Passwort ${attempt}`);
		// The answer page has arrived once the password field is empty again (never echoed back).
		await expect(passwordField).toHaveValue('');
		await expect(page.getByRole('alert')).toHaveText('E-Mail-Adresse oder Passwort ist falsch.');
	}
	await expectNoAxeViolations(page);
	// Even the right password is refused now: no password check happens while the limit holds.
	await logIn(page, RESIDENT, DEMO_PASSWORD);
	await expect(page.getByRole('alert')).toHaveText(
		/^Zu viele Anmeldeversuche\. Bitte versuchen Sie es in 1[45] Minuten noch einmal/
	);
	await expect(page).toHaveURL(/\/anmelden/);
});
