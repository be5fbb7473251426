import { expect, test, type Page } from '@playwright/test';
import { clientAddress, signIn } from '../helpers';

// On a slow phone the page is shown before its scripts have run. What a resident types in that time
// must still be there once the scripts take over (Svelte's hydration used to reset `value=` fields).
test.use({ extraHTTPHeaders: clientAddress(660) });

/** Holds the page's scripts until the returned function is called. */
async function holdScripts(page: Page): Promise<() => void> {
	let release!: () => void;
	const held = new Promise<void>((resolve) => (release = resolve));
	await page.route('**/_app/immutable/**', async (route) => {
		// stylesheets pass: they block rendering, scripts do not
		if (route.request().resourceType() !== 'stylesheet') await held;
		await route.continue();
	});
	return release;
}

test('a code typed before the page’s scripts have loaded is kept', async ({ page }) => {
	await page.goto('/beteiligung/gruene-wege-musterstadt/befragung');
	const survey = await page.getByRole('link', { name: 'Aktivierende Befragung' }).getAttribute('href');
	const release = await holdScripts(page);
	await page.goto(survey!, { waitUntil: 'commit' });
	const code = page.getByLabel('Ihr Code');
	await code.fill('ABCD-2345');
	await expect(page.getByTestId('proof-of-work')).not.toHaveText('Bereit zum Absenden.');

	release();
	// the proof-of-work runs in the page's scripts: once it is done, hydration is over
	await expect(page.getByTestId('proof-of-work')).toHaveText('Bereit zum Absenden.', { timeout: 30_000 });
	await expect(code).toHaveValue('ABCD-2345');
});

test('a contribution typed before the map has loaded is kept', async ({ page }) => {
	await signIn(page, 'bewohner@musterstadt.example');
	const release = await holdScripts(page);
	await page.goto('/beteiligung/marktplatz-altstadt/karte', { waitUntil: 'commit' });
	const body = page.getByLabel('Ihr Beitrag');
	await body.fill('Die Bänke am Brunnen fehlen seit dem Umbau.');
	await expect(page.getByTestId('contribution-map')).not.toHaveAttribute('data-status', 'ready');

	release();
	await expect(page.getByTestId('contribution-map')).toHaveAttribute('data-status', 'ready', {
		timeout: 30_000
	});
	await expect(body).toHaveValue('Die Bänke am Brunnen fehlen seit dem Umbau.');
});

test('a choice ticked before the page’s scripts have loaded stays ticked', async ({ page }) => {
	await signIn(page, 'planung@musterstadt.example');
	const release = await holdScripts(page);
	await page.goto('/beteiligung/gruene-wege-musterstadt/befragung', { waitUntil: 'commit' });
	const account = page.locator('input[name="accessMode"][value="account"]');
	await account.check();
	await page.locator('input[name="anonymous"]').uncheck();

	release();
	// hydration runs as soon as the held modules arrive; once the network is quiet it is over
	await page.waitForLoadState('networkidle');
	await expect(account).toBeChecked();
	await expect(page.locator('input[name="anonymous"]')).not.toBeChecked();
});
