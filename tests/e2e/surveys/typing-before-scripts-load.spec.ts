import { expect, test } from '@playwright/test';
import { clientAddress } from '../helpers';

// On a slow phone the page is shown before its scripts have run. What a resident types in that time
// must still be there once the scripts take over (Svelte's hydration used to reset `value=` fields).
test.use({ extraHTTPHeaders: clientAddress(660) });

test('a code typed before the page’s scripts have loaded is kept', async ({ page }) => {
	await page.goto('/beteiligung/gruene-wege-musterstadt/befragung');
	const survey = await page.getByRole('link', { name: 'Aktivierende Befragung' }).getAttribute('href');

	let release!: () => void;
	const scriptsHeld = new Promise<void>((resolve) => (release = resolve));
	await page.route('**/_app/immutable/**', async (route) => {
		await scriptsHeld;
		await route.continue();
	});
	await page.goto(survey!, { waitUntil: 'commit' });
	const code = page.getByLabel('Ihr Code');
	await code.fill('ABCD-2345');
	await expect(page.getByTestId('proof-of-work')).not.toHaveText('Bereit zum Absenden.');

	release();
	// the proof-of-work runs in the page's scripts: once it is done, hydration is over
	await expect(page.getByTestId('proof-of-work')).toHaveText('Bereit zum Absenden.', { timeout: 30_000 });
	await expect(code).toHaveValue('ABCD-2345');
});
