import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { clientAddress, expectNoAxeViolations, signIn } from '../helpers';

// Demo accounts (src/lib/server/demo/accounts.ts) and the demo consultation "Marktplatz Altstadt"
// (post-moderation, anonymous contributions allowed, hidden automatically after 3 reports).
const RESIDENT = 'bewohner@musterstadt.example';
const RESIDENT_NAME = 'Berta Bewohnerin (Demo)';
const PLANNER = 'planung@musterstadt.example';
const MODERATOR = 'moderation@musterstadt.example';
const MODERATOR_NAME = 'Mona Moderation (Demo)';
const MANAGER = 'quartier@musterstadt.example';
const ORGANISATION = 'traeger@musterstadt.example';
const SLUG = 'marktplatz-altstadt';
const CONSULTATION = `/beteiligung/${SLUG}`;
const MAP = `${CONSULTATION}/karte`;
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const BLOCKED =
	'Ihr Konto wurde für diese Beteiligung gesperrt. Bei Fragen wenden Sie sich an die Ansprechperson der Beteiligung.';

test.use({ extraHTTPHeaders: clientAddress(240) });

/** A second person in their own browser (own cookies, own client address), optionally signed in. */
async function person(browser: Browser, n: number, email?: string): Promise<Page> {
	const context = await browser.newContext({ extraHTTPHeaders: clientAddress(n) });
	const page = await context.newPage();
	if (email) await signIn(page, email);
	return page;
}

/** Presses Tab until the target has the focus, as a keyboard user would. */
async function tabTo(page: Page, target: Locator, max = 60): Promise<void> {
	for (let i = 0; i < max; i++) {
		if (await target.evaluate((el) => el === document.activeElement)) return;
		await page.keyboard.press('Tab');
	}
	await expect(target).toBeFocused();
}

/** A contribution on the demo consultation via the area picker; returns the contribution's address. */
async function contribute(page: Page, text: string): Promise<string> {
	await page.goto(MAP);
	const form = page.locator('form[action="?/create"]');
	await form.getByLabel('Thema').selectOption({ label: 'Sicherheit' });
	await form.getByLabel('Ihr Beitrag').fill(text);
	await form.locator('fieldset.area-picker input[type="checkbox"]').first().check();
	await form.getByRole('button', { name: 'Beitrag absenden' }).click();
	await expect(page.getByRole('heading', { name: 'Danke für Ihren Beitrag' })).toBeVisible();
	await page.getByRole('link', { name: 'Beitrag ansehen' }).first().click();
	await expect(page.getByTestId('contribution-body')).toHaveText(text);
	return page.url();
}

async function report(page: Page, url: string, reason: string): Promise<void> {
	await page.goto(url);
	await page.waitForLoadState('networkidle');
	await page.getByLabel('Warum melden Sie diesen Beitrag?').fill(reason);
	await page.getByRole('button', { name: 'Melden', exact: true }).click();
	await expect(page.getByText('Danke, wir sehen uns den Beitrag an.')).toBeVisible();
}

/** The moderator's way in: the consultation page links to its moderation queue. */
async function openQueue(page: Page, consultation: string): Promise<void> {
	await page.goto(consultation);
	await page.getByRole('link', { name: 'Beiträge moderieren' }).click();
	await expect(page).toHaveURL(`${consultation}/moderation`);
	await expect(page.getByRole('heading', { level: 1, name: 'Moderation' })).toBeVisible();
}

function queueItem(page: Page, text: string): Locator {
	return page
		.getByRole('region', { name: /^(Gemeldet|Zur Freigabe|Ausgeblendet)$/ })
		.getByRole('article')
		.filter({
			hasText: text
		});
}

test('a moderator hides a reported contribution with a public reason, the log names them, and they restore it', async ({
	page,
	browser
}) => {
	const stamp = Date.now().toString(36);
	const text = `Rufen Sie mich an: 0170 1234567, die Bank am Brunnen ist kaputt ${stamp}`;
	const reportReason = `Hier steht eine Telefonnummer ${stamp}`;
	const hideReason = 'Enthält eine private Telefonnummer';

	// The resident writes by keyboard only: topic, text, a Quartier from the picker, submit.
	await signIn(page, RESIDENT);
	await page.goto(MAP);
	const form = page.locator('form[action="?/create"]');
	const topic = form.getByLabel('Thema');
	await topic.focus();
	await page.keyboard.press('ArrowDown');
	await expect(topic).not.toHaveValue('');
	await page.keyboard.press('Tab');
	await expect(form.getByLabel('Ihr Beitrag')).toBeFocused();
	await page.keyboard.type(text);
	const quartier = form.locator('fieldset.area-picker input[type="checkbox"]').first();
	await tabTo(page, quartier);
	await page.keyboard.press('Space');
	await expect(quartier).toBeChecked();
	await tabTo(page, form.getByRole('button', { name: 'Beitrag absenden' }));
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { name: 'Danke für Ihren Beitrag' })).toBeVisible();
	await expect(page.getByText('Ihr Beitrag ist veröffentlicht.')).toBeVisible();
	await page.getByRole('link', { name: 'Beitrag ansehen' }).first().focus();
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('contribution-body')).toHaveText(text);
	const url = page.url();

	// Another person reports it with a reason.
	const planner = await person(browser, 241, PLANNER);
	await report(planner, url, reportReason);
	await planner.context().close();

	// The moderator finds it under "Gemeldet" with the reason and hides it.
	const mod = await person(browser, 242, MODERATOR);
	await openQueue(mod, CONSULTATION);
	await expect(mod.getByRole('link', { name: /^Gemeldet \(\d+\)$/ })).toHaveAttribute('aria-current', 'page');
	const reported = queueItem(mod, text);
	await expect(reported).toHaveCount(1);
	await expect(reported).toContainText('1 offene Meldung:');
	await expect(reported.getByRole('listitem')).toHaveText([reportReason]);
	await expect(reported).toContainText(RESIDENT_NAME);
	await mod.waitForLoadState('networkidle');
	await expectNoAxeViolations(mod);
	await reported.getByLabel('Grund für das Ausblenden').fill(hideReason);
	await reported.getByRole('button', { name: 'Ausblenden', exact: true }).click();
	await expect(mod.getByRole('status').filter({ hasText: 'Der Beitrag ist ausgeblendet.' })).toBeVisible();
	await expect(mod.getByRole('link', { name: /^Gemeldet \(\d+\)$/ })).toHaveAttribute('aria-current', 'page');
	await expect(queueItem(mod, text)).toHaveCount(0);

	// The log names the action, the moderator and the reason.
	const log = mod.getByRole('region', { name: 'Protokoll' });
	const hidRow = log.getByRole('row').filter({ hasText: hideReason }).first();
	await expect(hidRow.getByRole('cell').nth(1)).toHaveText('Ausgeblendet');
	await expect(hidRow.getByRole('cell').nth(2)).toHaveText(`Beitrag · ${RESIDENT_NAME}`);
	await expect(hidRow.getByRole('cell').nth(3)).toHaveText(MODERATOR_NAME);

	// The public page shows the reason instead of the text.
	const visitor = await person(browser, 243);
	await visitor.goto(url);
	await expect(visitor.getByTestId('hidden-placeholder')).toHaveText(`Ausgeblendet wegen: ${hideReason}`);
	await expect(visitor.getByText(text)).toHaveCount(0);
	await expect(visitor.getByRole('button', { name: 'Melden', exact: true })).toHaveCount(0);

	// The moderator restores it from "Ausgeblendet"; it is public again.
	await mod.getByRole('link', { name: /^Ausgeblendet \(\d+\)$/ }).click();
	await expect(mod).toHaveURL(/\?ansicht=hidden$/);
	const hidden = queueItem(mod, text);
	await expect(hidden).toContainText(`Ausgeblendet wegen: ${hideReason}`);
	await hidden.getByRole('button', { name: 'Wiederherstellen' }).click();
	await expect(mod.getByRole('status').filter({ hasText: 'Der Beitrag ist wieder sichtbar.' })).toBeVisible();
	// The moderator stays in the view they work through.
	await expect(mod.getByRole('link', { name: /^Ausgeblendet \(\d+\)$/ })).toHaveAttribute(
		'aria-current',
		'page'
	);
	await expect(queueItem(mod, text)).toHaveCount(0);
	const restoredRow = log.getByRole('row').nth(1);
	await expect(restoredRow.getByRole('cell').nth(1)).toHaveText('Wiederhergestellt');
	await expect(restoredRow.getByRole('cell').nth(2)).toHaveText(`Beitrag · ${RESIDENT_NAME}`);
	await expect(restoredRow.getByRole('cell').nth(3)).toHaveText(MODERATOR_NAME);
	await mod.context().close();

	await visitor.goto(url);
	await expect(visitor.getByTestId('contribution-body')).toHaveText(text);
	await expect(visitor.getByTestId('hidden-placeholder')).toHaveCount(0);
	await visitor.context().close();
});

test('a moderator hides an abusive reply from the contribution page; the author is told by mail', async ({
	page,
	browser
}) => {
	const stamp = Date.now().toString(36);
	await signIn(page, RESIDENT);
	const url = await contribute(page, `Der Spielplatz braucht Schatten ${stamp}`);
	const replier = await person(browser, 249, PLANNER);
	await replier.goto(url);
	await replier.getByLabel('Ihre Antwort').fill(`Unsinn, Sie Dummkopf ${stamp}`);
	await replier.getByRole('button', { name: 'Antworten', exact: true }).click();
	await expect(replier.getByText(`Unsinn, Sie Dummkopf ${stamp}`)).toBeVisible();
	await replier.context().close();

	// The contribution's author reports the reply; it waits in the queue with the reason.
	await page.goto(url);
	const theirReply = page.locator('ol.replies li').filter({ hasText: `Unsinn, Sie Dummkopf ${stamp}` });
	await theirReply.getByText('Diese Antwort melden …').click();
	await theirReply.getByLabel('Warum melden Sie diese Antwort?').fill(`Beleidigt mich ${stamp}`);
	await theirReply.getByRole('button', { name: 'Melden', exact: true }).click();
	await expect(page.getByText('Danke, wir sehen uns den Beitrag an.')).toBeVisible();

	const mod = await person(browser, 238, MODERATOR);
	await mod.goto(`${CONSULTATION}/moderation?ansicht=reported`);
	await expect(queueItem(mod, `Unsinn, Sie Dummkopf ${stamp}`)).toContainText(`Beleidigt mich ${stamp}`);
	await mod.goto(url);
	const reply = mod.locator('ol.replies li').filter({ hasText: `Unsinn, Sie Dummkopf ${stamp}` });
	await reply.getByLabel('Grund für das Ausblenden').fill('Beleidigung');
	await reply.getByRole('button', { name: 'Ausblenden' }).click();
	await expect(mod.getByRole('status').filter({ hasText: 'Der Beitrag ist ausgeblendet.' })).toBeVisible();
	await expectNoAxeViolations(mod);
	await mod.context().close();

	// The public sees the reason in the reply's place; the contribution itself stays.
	await page.goto(url);
	await expect(page.getByText(`Unsinn, Sie Dummkopf ${stamp}`)).toHaveCount(0);
	await expect(page.locator('ol.replies')).toContainText('Ausgeblendet wegen: Beleidigung');
	await expect(page.getByTestId('contribution-body')).toHaveText(`Der Spielplatz braucht Schatten ${stamp}`);

	// The reply's author (the planner's account) has a mail in the outbox, read by an admin.
	const admin = await person(browser, 237, 'admin@musterstadt.example');
	await admin.goto('/admin/postausgang');
	const mail = admin
		.getByRole('article')
		.filter({ hasText: PLANNER })
		.filter({ hasText: 'Ihr Beitrag wurde ausgeblendet' })
		.first();
	await expect(mail).toContainText('Grund: Beleidigung');
	await admin.context().close();
});

test('a moderator blocks an author in this consultation and lifts the block again', async ({
	page,
	browser
}) => {
	const stamp = Date.now().toString(36);
	const text = `Alle hier sind Idioten ${stamp}`;
	const blockReason = `Beleidigt wiederholt andere ${stamp}`;

	await signIn(page, RESIDENT);
	const url = await contribute(page, text);
	const planner = await person(browser, 241, PLANNER);
	await report(planner, url, `Beleidigung ${stamp}`);
	await planner.context().close();

	const mod = await person(browser, 242, MODERATOR);
	const unblock = mod.getByRole('button', { name: `Sperre für ${RESIDENT_NAME} aufheben` });
	try {
		await openQueue(mod, CONSULTATION);
		const item = queueItem(mod, text);
		// The block form stays folded away until the moderator opens it.
		await expect(item.getByRole('button', { name: 'Konto sperren' })).toBeHidden();
		await item.getByText('Konto in dieser Beteiligung sperren …').click();
		await item.getByLabel('Grund für die Sperre (nur für das Team sichtbar)').fill(blockReason);
		await item.getByRole('button', { name: 'Konto sperren' }).click();
		await expect(
			mod.getByRole('status').filter({ hasText: 'Das Konto ist in dieser Beteiligung gesperrt.' })
		).toBeVisible();
		await expect(queueItem(mod, text)).toContainText('Konto hier gesperrt');
		const blocked = mod.getByRole('region', { name: 'Gesperrte Konten' });
		await expect(blocked.getByRole('listitem').filter({ hasText: RESIDENT_NAME })).toContainText(blockReason);
		await expect(unblock).toBeVisible();
		const blockRow = mod.getByRole('region', { name: 'Protokoll' }).getByRole('row').nth(1);
		await expect(blockRow.getByRole('cell').nth(1)).toHaveText('Konto gesperrt');
		await expect(blockRow.getByRole('cell').nth(2)).toContainText(RESIDENT_NAME);
		await expect(blockRow).toContainText(MODERATOR_NAME);
		await expect(blockRow).toContainText(blockReason);

		// The resident can no longer write here: the form says why, what was typed is kept.
		await page.goto(MAP);
		const form = page.locator('form[action="?/create"]');
		await form.getByLabel('Thema').selectOption({ label: 'Sicherheit' });
		await form.getByLabel('Ihr Beitrag').fill(`Noch ein Versuch ${stamp}`);
		await form.locator('fieldset.area-picker input[type="checkbox"]').first().check();
		await form.getByRole('button', { name: 'Beitrag absenden' }).click();
		await expect(page.getByRole('alert')).toHaveText(BLOCKED);
		await expect(form.getByLabel('Ihr Beitrag')).toHaveValue(`Noch ein Versuch ${stamp}`);
		await expect(page.getByRole('heading', { name: 'Danke für Ihren Beitrag' })).toHaveCount(0);

		await unblock.click();
		await expect(mod.getByRole('status').filter({ hasText: 'Die Sperre ist aufgehoben.' })).toBeVisible();
		await expect(unblock).toHaveCount(0);
		const unblockRow = mod.getByRole('region', { name: 'Protokoll' }).getByRole('row').nth(1);
		await expect(unblockRow.getByRole('cell').nth(1)).toHaveText('Sperre aufgehoben');
		await expect(unblockRow.getByRole('cell').nth(2)).toHaveText(RESIDENT_NAME);
	} finally {
		// bewohner@ is shared with other specs: never leave the account blocked.
		await mod.goto(`${CONSULTATION}/moderation`);
		if (await unblock.count()) await unblock.click();
	}

	await contribute(page, `Entschuldigung, das war nicht in Ordnung ${stamp}`);

	// The reports are handled: the contribution stays visible and leaves the queue.
	await mod.goto(`${CONSULTATION}/moderation`);
	await queueItem(mod, text)
		.getByRole('button', { name: 'Meldungen erledigt, Beitrag bleibt sichtbar' })
		.click();
	await expect(mod.getByRole('status').filter({ hasText: 'Die Meldungen sind erledigt.' })).toBeVisible();
	await expect(queueItem(mod, text)).toHaveCount(0);
	await mod.context().close();
	await page.goto(url);
	await expect(page.getByTestId('contribution-body')).toHaveText(text);
});

test('pre-moderation: an anonymous contribution waits until a moderator from the team approves it', async ({
	page,
	browser
}) => {
	test.slow();
	const stamp = Date.now().toString(36);
	const title = `Spielstraße vorab geprüft ${stamp}`;
	const text = `Hier fehlt ein Zebrastreifen ${stamp}`;

	// The quarter manager creates and publishes a consultation that checks contributions first.
	await signIn(page, MANAGER);
	await page.goto('/beteiligung/neu');
	await page.getByLabel('Titel *').fill(title);
	await page.getByLabel('Stufe der Beteiligung *').selectOption('konsultation');
	await page.getByLabel('Was kann noch beeinflusst werden? *').fill('Wo die Spielstraße beginnt.');
	await page.getByLabel('Was ist schon entschieden? *').fill('Die Straße wird verkehrsberuhigt.');
	await page.getByLabel('Was passiert mit den Beiträgen – und wann? *').fill('Wir antworten im Sommer.');
	await page.getByRole('group', { name: 'Quartier' }).getByRole('checkbox').first().check();
	await page.getByLabel('Themen', { exact: true }).fill('Verkehr\nSpielen');
	const phase1 = page.getByRole('group', { name: 'Phase 1' });
	await phase1.getByLabel('Name').fill('Hinweise sammeln');
	await phase1.getByLabel('Beginn').fill(day(-1));
	await phase1.getByLabel('Ende').fill(day(30));
	await page.getByLabel('Name *').fill('Quirin Quartier');
	await page.getByLabel('Beiträge auch ohne Konto erlauben').check();
	await page.getByLabel('Beiträge erst nach Prüfung veröffentlichen (Vorab-Moderation)').check();
	await page.getByRole('button', { name: 'Als Entwurf anlegen' }).click();
	await expect(page.getByRole('status')).toContainText('Die Beteiligung ist als Entwurf angelegt.');
	const slug = new URL(page.url()).pathname.split('/')[2];
	const consultation = `/beteiligung/${slug}`;
	await page.getByRole('button', { name: 'Veröffentlichen' }).click();
	await expect(page.getByRole('status')).toContainText('Die Beteiligung ist veröffentlicht.');

	// An anonymous visitor places a point and writes; it waits for approval.
	const visitor = await person(browser, 245);
	await visitor.goto(`${consultation}/karte`);
	await expect(visitor.getByTestId('contribution-map')).toHaveAttribute('data-status', 'ready');
	await visitor.waitForLoadState('networkidle');
	await expect(visitor.getByText('Sie können ohne Konto mitmachen.')).toBeVisible();
	await expect(visitor.getByText('Beiträge werden vor der Veröffentlichung geprüft.')).toBeVisible();
	await visitor.getByRole('button', { name: 'Punkt setzen' }).click();
	const box = (await visitor.getByTestId('contribution-map').boundingBox())!;
	await visitor.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
	await expect(visitor.getByText('Ort gesetzt: Punkt.')).toBeVisible();
	const form = visitor.locator('form[action="?/create"]');
	await form.getByLabel('Thema').selectOption({ label: 'Verkehr' });
	await form.getByLabel('Ihr Beitrag').fill(text);
	await form.getByRole('button', { name: 'Beitrag absenden' }).click();
	await expect(visitor.getByRole('heading', { name: 'Danke für Ihren Beitrag' })).toBeVisible();
	await expect(visitor.getByText('Ihr Beitrag wird geprüft und dann veröffentlicht.')).toBeVisible();
	// Pending and anonymous: only the private link leads to it.
	await expect(visitor.getByRole('link', { name: 'Beitrag ansehen' })).toHaveCount(0);
	const editLink = (await visitor.getByTestId('edit-link').getAttribute('href'))!;
	const id = editLink.match(/\/beitrag\/([0-9a-f-]+)\/bearbeiten/)![1];

	// Not public yet: not in the list, not in the map's GeoJSON, its page is not found.
	const publicView = async (expected: boolean) => {
		await visitor.goto(`${consultation}/karte#liste`);
		const list = visitor.getByRole('region', { name: 'Beiträge als Liste' });
		await expect(list.getByRole('status')).toHaveText(expected ? '1 Beitrag' : '0 Beiträge');
		await expect(list.getByText(text)).toHaveCount(expected ? 1 : 0);
		const geojson = await visitor.request.get(`${consultation}/karte/beitraege.geojson?bbox=-180,-90,180,90`);
		expect(geojson.status()).toBe(200);
		const ids = ((await geojson.json()) as { features: { id: string }[] }).features.map((f) => f.id);
		expect(ids).toEqual(expected ? [id] : []);
		const opened = await visitor.goto(`${consultation}/beitrag/${id}`);
		expect(opened?.status()).toBe(expected ? 200 : 404);
	};
	await publicView(false);

	// The manager adds the moderator (and an organisation member) to the team as "Moderation".
	const organisation = await person(browser, 247, ORGANISATION);
	expect((await organisation.goto(`${consultation}/moderation`))?.status()).toBe(404);
	await page.goto(`${consultation}/bearbeiten`);
	const team = page.getByRole('region', { name: 'Team dieser Beteiligung' });
	await expect(team.getByText('Noch niemand sonst gehört zum Team.')).toBeVisible();
	for (const email of [MODERATOR, ORGANISATION]) {
		await team.getByLabel('E-Mail-Adresse der Person').fill(email);
		await team.getByLabel('Aufgabe').selectOption({ label: 'Moderation' });
		await team.getByRole('button', { name: 'Hinzufügen' }).click();
		await expect(team.getByRole('status')).toHaveText('Die Person moderiert jetzt diese Beteiligung.');
		const row = team
			.getByRole('table', { name: 'Bisher im Team' })
			.getByRole('row')
			.filter({ hasText: email });
		await expect(row.getByRole('cell').nth(1)).toHaveText('Moderation');
	}
	await expectNoAxeViolations(page);
	// A team moderator without any other role can open the queue now.
	await organisation.goto(`${consultation}/moderation`);
	await expect(organisation.getByRole('heading', { level: 1, name: 'Moderation' })).toBeVisible();
	await expect(organisation.getByRole('link', { name: 'Zur Freigabe (1)' })).toBeVisible();

	// The moderator approves it under "Zur Freigabe".
	const mod = await person(browser, 242, MODERATOR);
	await openQueue(mod, consultation);
	await expect(mod.getByText('Neue Beiträge erscheinen erst, wenn Sie sie freigeben.')).toBeVisible();
	await mod.getByRole('link', { name: 'Zur Freigabe (1)' }).click();
	const pending = queueItem(mod, text);
	await expect(pending).toContainText('Ohne Namen');
	await pending.getByRole('link', { name: /^Beitrag öffnen/ }).click();
	await expect(mod.getByText('Dieser Beitrag wartet auf Freigabe.')).toBeVisible();
	await expect(mod.getByTestId('contribution-body')).toHaveText(text);
	await mod.goBack();
	await queueItem(mod, text).getByRole('button', { name: 'Freigeben' }).click();
	await expect(mod.getByRole('status').filter({ hasText: 'Der Beitrag ist freigegeben.' })).toBeVisible();
	await expect(mod.getByRole('link', { name: 'Zur Freigabe (0)' })).toHaveAttribute('aria-current', 'page');
	await expect(mod.getByText('Kein Beitrag wartet auf Freigabe.')).toBeVisible();
	const approved = mod.getByRole('region', { name: 'Protokoll' }).getByRole('row').nth(1);
	await expect(approved.getByRole('cell').nth(1)).toHaveText('Freigegeben');
	await expect(approved.getByRole('cell').nth(3)).toHaveText(MODERATOR_NAME);
	await mod.context().close();

	await publicView(true);
	await expect(visitor.getByTestId('contribution-body')).toHaveText(text);
	await visitor.context().close();

	// The manager removes both again, each after a confirmation; the organisation member loses access.
	for (const name of [MODERATOR_NAME, 'Tarek Träger (Demo)']) {
		const row = team.getByRole('row').filter({ hasText: name });
		await row.getByText(`${name} entfernen …`).click();
		await expect(row.getByText(`Soll ${name} wirklich nicht mehr zum Team gehören?`)).toBeVisible();
		await row.getByRole('button', { name: 'Ja, entfernen' }).click();
		await expect(team.getByRole('status')).toHaveText('Die Person gehört nicht mehr zum Team.');
		await expect(team.getByRole('row').filter({ hasText: name })).toHaveCount(0);
	}
	await expect(team.getByText('Noch niemand sonst gehört zum Team.')).toBeVisible();
	expect((await organisation.goto(`${consultation}/moderation`))?.status()).toBe(404);
	await organisation.context().close();

	// A resident never sees the queue.
	const resident = await person(browser, 248, RESIDENT);
	expect((await resident.goto(`${consultation}/moderation`))?.status()).toBe(404);
	await resident.context().close();
});

test('the moderation page and the netiquette work in English and German', async ({ page }) => {
	await signIn(page, MODERATOR);
	await page.goto(`${CONSULTATION}/moderation`);
	await expect(page.getByRole('heading', { level: 1, name: 'Moderation' })).toBeVisible();
	await page.getByRole('button', { name: 'English' }).click();
	await expect(page).toHaveURL(`${CONSULTATION}/moderation`);
	await expect(page.getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'true');
	await expect(page.getByRole('heading', { level: 1, name: 'Moderation' })).toBeVisible();
	const queue = page.getByRole('navigation', { name: 'Queue' });
	await expect(queue.getByRole('link', { name: /^Reported \(\d+\)$/ })).toHaveAttribute(
		'aria-current',
		'page'
	);
	await expect(queue.getByRole('link', { name: /^Awaiting approval \(\d+\)$/ })).toBeVisible();
	await expect(queue.getByRole('link', { name: /^Hidden \(\d+\)$/ })).toBeVisible();
	await expect(page.getByRole('heading', { level: 2, name: 'Reported' })).toBeVisible();
	await expect(page.getByRole('region', { name: 'Blocked accounts', exact: true })).toBeVisible();
	await expect(page.getByRole('region', { name: 'Log', exact: true })).toBeVisible();
	await expect(page.getByText('Contributions appear at once. After 3 reports')).toBeVisible();
	await expectNoAxeViolations(page);

	// The footer's netiquette link, in English …
	await page.getByRole('contentinfo').getByRole('link', { name: 'Netiquette' }).click();
	await expect(page).toHaveURL('/netiquette');
	await expect(
		page.getByRole('heading', { level: 1, name: 'Netiquette: how we talk to each other here' })
	).toBeVisible();
	await expectNoAxeViolations(page);

	// … and in German, also from the moderation page's own link.
	await page.getByRole('button', { name: 'Deutsch' }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Netiquette: So reden wir hier miteinander' })
	).toBeVisible();
	await expectNoAxeViolations(page);
	await page.goto(`${CONSULTATION}/moderation`);
	await expect(page.getByRole('link', { name: /^Gemeldet \(\d+\)$/ })).toBeVisible();
	await page.getByRole('link', { name: 'Unsere Netiquette' }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Netiquette: So reden wir hier miteinander' })
	).toBeVisible();
	await page.goto(MAP);
	await page.getByRole('contentinfo').getByRole('link', { name: 'Netiquette' }).click();
	await expect(page).toHaveURL('/netiquette');
});
