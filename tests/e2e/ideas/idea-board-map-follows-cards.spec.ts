import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { clientAddress, expectNoAxeViolations } from '../helpers';
import { installMapProbe, readMap } from '../map-probe';

// A visitor on a phone reads the demo idea board (only reads: other specs post to it) and filters it
// by status, theme and area, starting from a shared link. After every step the map shows exactly the
// ideas of the cards that have a place, all in view; card links and the way back keep the filters.
const SLUG = 'marktplatz-altstadt';
const BOARD = `/beteiligung/${SLUG}/ideen`;

test.use({ extraHTTPHeaders: clientAddress(930), viewport: { width: 390, height: 844 } });

/** Titles of the board's published ideas that have a place (open data, the same source as the cards). */
async function titlesWithPlace(request: APIRequestContext): Promise<Set<string>> {
	const res = await request.get(`/api/v1/ideas.geojson?consultation=${SLUG}`);
	expect(res.ok()).toBe(true);
	const data = (await res.json()) as {
		features: { geometry: unknown; properties: { title: string } }[];
	};
	return new Set(data.features.filter((f) => f.geometry).map((f) => f.properties.title));
}

/** The map holds one marker per card with a place, labelled with its title, all in view. */
async function expectMapFollowsCards(page: Page, request: APIRequestContext): Promise<string[]> {
	await page.waitForLoadState('networkidle');
	const cards = page.getByTestId('idea-cards').locator(':scope > li h2');
	const titles = (await cards.allTextContents()).map((s) => s.trim());
	const placed = await titlesWithPlace(request);
	const expected = titles.filter((t) => placed.has(t)).sort();
	const map = page.getByRole('region', { name: 'Karte der Ideen auf dieser Seite' });
	if (expected.length === 0) {
		await expect(map).toHaveCount(0);
		return expected;
	}
	await expect
		.poll(async () =>
			(await readMap(map)).markers
				.map((m) => m.label)
				.sort()
				.join(' | ')
		)
		.toBe(expected.join(' | '));
	await expect.poll(async () => (await readMap(map)).markers.every((m) => m.inView)).toBe(true);
	return expected;
}

test('idea board: cards and map follow the same filters; links keep them', async ({ page, request }) => {
	await installMapProbe(page);
	const filters = page.getByRole('form', { name: 'Ideen filtern und sortieren' });
	const apply = async () => {
		await filters.getByRole('button', { name: 'Anwenden' }).focus();
		await page.keyboard.press('Enter');
	};

	// A shared link to the accepted ideas only.
	await page.goto(`${BOARD}?status=accepted`);
	const accepted = await expectMapFollowsCards(page, request);
	expect(accepted.length).toBeGreaterThan(0);
	for (const badge of await page.getByTestId('outcome-badge').all())
		await expect(badge).toHaveAttribute('data-status', 'accepted');

	// All statuses again: every placed card comes onto the map, the far ones in view too.
	await filters.getByLabel('Stand der Bearbeitung').selectOption('');
	await apply();
	await expect(page).toHaveURL(/status=(&|$)/);
	const all = await expectMapFollowsCards(page, request);
	expect(all.length).toBeGreaterThan(accepted.length);
	await expectNoAxeViolations(page);
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

	// One theme, by keyboard.
	const theme = filters.getByLabel('Thema');
	const themeValue = await theme.locator('option').nth(1).getAttribute('value');
	expect(themeValue).toBeTruthy();
	await theme.focus();
	await theme.selectOption(themeValue!);
	await apply();
	await expect(page).toHaveURL(new RegExp(`category=${themeValue}`));
	const themed = await expectMapFollowsCards(page, request);
	expect(themed.length).toBeLessThan(all.length);

	// Plus the status "accepted": both filters at once.
	await filters.getByLabel('Stand der Bearbeitung').selectOption('accepted');
	await apply();
	await expect(page).toHaveURL(/status=accepted/);
	await expect(page).toHaveURL(new RegExp(`category=${themeValue}`));
	await expectMapFollowsCards(page, request);

	// An area instead of the status: an area the ideas lie in.
	await filters.getByLabel('Stand der Bearbeitung').selectOption('');
	await filters.getByLabel('Thema').selectOption('');
	const area = filters.getByLabel('Gebiet');
	const areaValue = await area.locator('option').nth(1).getAttribute('value');
	await area.selectOption(areaValue!);
	await apply();
	await expect(page).toHaveURL(new RegExp(`area=${encodeURIComponent(areaValue!)}`));
	await expectMapFollowsCards(page, request);

	// The same area and theme: a card's link and the way back keep both.
	await filters.getByLabel('Thema').selectOption(themeValue!);
	await apply();
	await expect(page).toHaveURL(new RegExp(`category=${themeValue}`));
	const shown = await expectMapFollowsCards(page, request);
	const firstCard = page.getByTestId('idea-cards').locator(':scope > li h2 a').first();
	if ((await firstCard.count()) === 0) expect(shown).toEqual([]);
	else {
		const href = await firstCard.getAttribute('href');
		expect(href).toContain(`category=${themeValue}`);
		expect(href).toContain(`area=${encodeURIComponent(areaValue!)}`);
		await firstCard.focus();
		await page.keyboard.press('Enter');
		await expect(page).toHaveURL(new RegExp(`${BOARD}/[0-9a-f-]+\\?`));
		await page.getByRole('link', { name: 'Zurück zur Liste' }).click();
		await expect(page).toHaveURL(new RegExp(`category=${themeValue}`));
		await expect(page).toHaveURL(new RegExp(`area=${encodeURIComponent(areaValue!)}`));
		await expect(filters.getByLabel('Thema')).toHaveValue(themeValue!);
		expect(await expectMapFollowsCards(page, request)).toEqual(shown);
	}
});
