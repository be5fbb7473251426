import { expect, test, type Browser, type Page } from '@playwright/test';
import { clientAddress, expectNoAxeViolations, signIn } from '../helpers';

// Demo accounts from the demo seed (src/lib/server/demo/accounts.ts).
const MANAGER = 'quartier@musterstadt.example';
const RESIDENT = 'bewohner@musterstadt.example';

test.use({ extraHTTPHeaders: clientAddress(221) });

async function axe(page: Page): Promise<void> {
	await page.waitForLoadState('networkidle');
	await expectNoAxeViolations(page);
}

// A 1×1 PNG.
const PNG = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
	'base64'
);

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

async function residentContext(browser: Browser) {
	return browser.newContext({ extraHTTPHeaders: clientAddress(222) });
}

test('a quarter manager creates and publishes a consultation for a Quartier in Altstadt; residents find it by area', async ({
	page,
	browser
}) => {
	const title = `Sitzbänke am Kirchplatz ${Date.now().toString(36)}`;
	const payload = '<b>Standorte</b> der Bänke <script>alert(1)</script>';

	await signIn(page, MANAGER);
	await page.goto('/beteiligung');
	await page.getByRole('link', { name: 'Neue Beteiligung anlegen' }).click();
	await expect(page).toHaveURL(/\/beteiligung\/neu$/);
	await expect(page.getByRole('heading', { level: 1, name: 'Neue Beteiligung anlegen' })).toBeVisible();
	await axe(page);

	// Only the manager's own areas are offered: Altstadt and its Quartiere.
	const stadtteile = page.getByRole('group', { name: 'Stadtteil' });
	await expect(stadtteile.getByRole('checkbox')).toHaveCount(1);
	await expect(stadtteile.getByLabel('Altstadt')).toBeVisible();
	const quartier = page.getByRole('group', { name: 'Quartier' }).getByRole('checkbox').first();
	const quartierName = (
		await page.locator(`label[for="${await quartier.getAttribute('id')}"]`).innerText()
	).trim();

	// Submitting without the required fields keeps what was typed and names the problems.
	await page.getByLabel('Titel *').fill(title);
	await page.getByRole('button', { name: 'Als Entwurf anlegen' }).click();
	await expect(page.getByRole('alert')).toContainText('Bitte prüfen Sie die markierten Felder.');
	await expect(page.getByText('Bitte wählen Sie mindestens ein Gebiet.')).toBeVisible();
	await expect(page.getByLabel('Titel *')).toHaveValue(title);

	await page.getByLabel('Stufe der Beteiligung *').selectOption('konsultation');
	await page.getByLabel('Was kann noch beeinflusst werden? *').fill(payload);
	await page.getByLabel('Was ist schon entschieden? *').fill('Die Bänke kommen auf den Kirchplatz.');
	await page
		.getByLabel('Was passiert mit den Beiträgen – und wann? *')
		.fill('Wir werten bis Monatsende aus.');
	await quartier.check();
	await page.getByLabel('Themen', { exact: true }).fill('Sitzen\nSchatten');
	const phase1 = page.getByRole('group', { name: 'Phase 1' });
	await phase1.getByLabel('Name').fill('Konsultation');
	await phase1.getByLabel('Beginn').fill(day(-1));
	await phase1.getByLabel('Ende').fill(day(30));
	await page.getByLabel('Name *').fill('Quirin Quartier');
	await page
		.getByLabel(/^Bilddatei/)
		.setInputFiles({ name: 'platz.png', mimeType: 'image/png', buffer: PNG });
	await page.getByLabel('Bildbeschreibung (Alternativtext)').fill('Der Kirchplatz mit alten Bänken');
	await page.getByRole('button', { name: 'Als Entwurf anlegen' }).click();

	await expect(page).toHaveURL(/\/beteiligung\/sitzbaenke-am-kirchplatz-[a-z0-9]+\/bearbeiten\?angelegt=1$/);
	await expect(page.getByRole('status')).toContainText('Die Beteiligung ist als Entwurf angelegt.');
	await expect(page.getByText('Aktueller Status: Entwurf')).toBeVisible();
	await axe(page);
	const slug = new URL(page.url()).pathname.split('/')[2];

	// The manager finds the draft above the public list.
	await page.goto('/beteiligung');
	await page
		.getByRole('region', { name: 'Ihre Entwürfe (nur für Sie sichtbar)' })
		.getByRole('link', { name: title })
		.click();
	await expect(page).toHaveURL(`/beteiligung/${slug}/bearbeiten`);

	// Drafts are invisible to residents.
	const residentContextDraft = await residentContext(browser);
	const anonymous = await residentContextDraft.newPage();
	expect((await anonymous.goto(`/beteiligung/${slug}`))?.status()).toBe(404);
	await residentContextDraft.close();

	await page.getByRole('button', { name: 'Veröffentlichen' }).click();
	await expect(page.getByRole('status')).toContainText('Die Beteiligung ist veröffentlicht.');
	await expect(page.getByText('Aktueller Status: Läuft')).toBeVisible();
	// Closing asks for a confirmation first (the checkbox is required; without it the server refuses too).
	await expect(page.getByLabel(/Ja, ich möchte die Beteiligung abschließen/)).toBeVisible();

	// The public page: the statements come first, as text.
	await page.goto(`/beteiligung/${slug}`);
	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
	await expect(page.locator('article h2').first()).toHaveText('Das sollten Sie vorher wissen');
	const facts = page.locator('#vorab');
	await expect(facts).toContainText('Konsultation');
	await expect(facts.getByText(payload)).toBeVisible();
	await expect(facts).toContainText('Die Bänke kommen auf den Kirchplatz.');
	await expect(facts).toContainText('Wir werten bis Monatsende aus.');
	await expect(page.locator('[aria-current="step"]')).toContainText('Konsultation');
	const image = page.getByRole('img', { name: 'Der Kirchplatz mit alten Bänken' });
	await expect(image).toHaveAttribute('src', `/beteiligung/${slug}/bild`);
	expect(await image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
	await expect(page.getByRole('link', { name: quartierName })).toHaveAttribute('href', /\/sozialraeume\//);
	await expect(page.getByRole('link', { name: 'Zur Karte mit den Beiträgen' })).toHaveAttribute(
		'href',
		`/beteiligung/${slug}/karte`
	);
	await axe(page);

	// The Quartier's profile lists the consultations touching it.
	await page.getByRole('link', { name: quartierName }).click();
	const onProfile = page.getByRole('region', { name: 'Beteiligungen in diesem Gebiet' });
	await expect(onProfile.getByRole('link', { name: title })).toBeVisible();
	await page.goto(`/beteiligung/${slug}`);

	// A resident finds it in the list filtered by the Quartier (GET form, filter in the URL).
	const residentCtx = await residentContext(browser);
	const resident = await residentCtx.newPage();
	await signIn(resident, RESIDENT);
	await resident.goto('/beteiligung');
	await expect(resident.getByRole('heading', { level: 1, name: 'Beteiligungsverfahren' })).toBeVisible();
	await expect(resident.getByRole('link', { name: 'Neue Beteiligung anlegen' })).toHaveCount(0);
	await resident.getByLabel('Gebiet').selectOption({ label: quartierName });
	await resident.getByRole('button', { name: 'Filter anwenden' }).click();
	await expect(resident).toHaveURL(/\/beteiligung\?gebiet=[^&]+&status=$/);
	await expect(resident.getByRole('link', { name: title })).toBeVisible();
	await axe(resident);
	await resident.getByLabel('Status').selectOption('closed');
	await resident.getByRole('button', { name: 'Filter anwenden' }).click();
	await expect(resident.getByText('Zu dieser Auswahl gibt es keine Beteiligungen.')).toBeVisible();
	// The resident cannot open the manager pages: a forbidden consultation looks missing.
	expect((await resident.goto(`/beteiligung/${slug}/bearbeiten`))?.status()).toBe(404);

	// English UI for the public page.
	await resident.goto(`/beteiligung/${slug}?lang=en`);
	await expect(resident.locator('article h2').first()).toHaveText('What you should know first');
	await expect(resident.locator('#vorab')).toContainText('Level of participation');
	await expect(resident.locator('#vorab')).toContainText('What happens with your input – and when');
	await axe(resident);
	await residentCtx.close();

	// Closing needs the confirmation; afterwards the consultation is read-only but still visible.
	await page.goto(`/beteiligung/${slug}/bearbeiten`);
	await page.getByLabel(/Ja, ich möchte die Beteiligung abschließen/).check();
	await page.getByRole('button', { name: 'Beteiligung abschließen' }).click();
	await expect(page.getByRole('status')).toContainText('Die Beteiligung ist abgeschlossen.');
	await expect(page.getByText('kann nicht mehr bearbeitet werden')).toBeVisible();
	await expect(page.getByLabel('Titel *')).toHaveCount(0);
	await page.goto(`/beteiligung/${slug}`);
	await expect(page.getByText('Diese Beteiligung ist abgeschlossen.')).toBeVisible();
	await expect(page.locator('[aria-current="step"]')).toHaveCount(0);
});
