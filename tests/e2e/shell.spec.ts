import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './helpers';

test('a visitor sees the German home page, switches to English and Arabic, and finds no accessibility problem', async ({
	page
}) => {
	await page.goto('/');
	await expect(page.locator('html')).toHaveAttribute('lang', 'de');
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Zum Inhalt springen' })).toBeAttached();
	await expectNoAxeViolations(page);

	await page.getByRole('button', { name: 'English' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByRole('link', { name: 'Skip to content' })).toBeAttached();

	await page.getByRole('button', { name: 'العربية' }).click();
	await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
	await expectNoAxeViolations(page);

	await page.getByRole('button', { name: 'Deutsch' }).click();
	await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
});

test('the skip link moves keyboard focus to the main content', async ({ page }) => {
	await page.goto('/');
	await page.keyboard.press('Tab');
	await expect(page.getByRole('link', { name: 'Zum Inhalt springen' })).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(page.locator('main#inhalt')).toBeFocused();
});

test('an unknown address shows a German 404 page and the health endpoint reports the database', async ({
	page,
	request
}) => {
	const response = await page.goto('/gibt-es-nicht');
	expect(response?.status()).toBe(404);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Seite nicht gefunden');
	const health = await request.get('/healthz');
	expect(health.status()).toBe(200);
	expect(await health.json()).toMatchObject({ status: 'ok', database: { kind: 'pglite', reachable: true } });
});
