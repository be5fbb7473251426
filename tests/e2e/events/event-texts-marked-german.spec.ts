import { expect, test } from '@playwright/test';
import { clientAddress } from '../helpers';

// Event texts have no translations: on an English page they are marked as German, so screen readers
// read them with German pronunciation while the page around them is English.
test.use({ extraHTTPHeaders: clientAddress(661) });

test('an event’s own texts are marked German on the English pages', async ({ page }) => {
	await page.goto('/termine?lang=en');
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	const first = page.getByTestId('event-item').first().getByRole('link').first();
	await expect(first).toHaveAttribute('lang', 'de');
	const title = (await first.textContent())!.trim();
	await first.click();
	const heading = page.getByRole('heading', { level: 1 });
	await expect(heading).toHaveText(title);
	await expect(heading).toHaveAttribute('lang', 'de');
	// the page's own words stay English
	await expect(page.getByRole('heading', { name: 'Dates' })).not.toHaveAttribute('lang', 'de');
});
