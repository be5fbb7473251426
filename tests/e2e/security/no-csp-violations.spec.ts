import { expect, test, type Page } from '@playwright/test';
import { clientAddress } from '../helpers';

test.use({ extraHTTPHeaders: clientAddress(241) });

/** Collects CSP violations: the DOM event and Chromium's console report ("Refused to …"). */
function watchCsp(page: Page): string[] {
	const violations: string[] = [];
	page.on('console', (m) => {
		if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
	});
	void page.exposeFunction('__qkCspViolation', (v: string) => violations.push(v));
	void page.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', (e) =>
			(window as unknown as { __qkCspViolation(v: string): void }).__qkCspViolation(
				`${e.violatedDirective} ${e.blockedURI}`
			)
		);
	});
	return violations;
}

test('maps, profiles and forms run under the strict Content-Security-Policy', async ({ page }) => {
	const violations = watchCsp(page);
	const home = await page.goto('/');
	expect(home?.headers()['content-security-policy']).toContain("script-src 'self' 'nonce-");

	await page.goto('/karte');
	await expect(page.locator('.map[data-status="ready"]')).toBeVisible({ timeout: 60_000 });
	// Client-side navigation (hydrated router) to an area profile.
	await page.goto('/sozialraeume');
	await page.locator('main a[href^="/sozialraeume/"]').first().click();
	await expect(page).toHaveURL(/\/sozialraeume\/.+/);
	await page.waitForLoadState('networkidle');

	await page.goto('/beteiligung/marktplatz-altstadt/karte');
	await expect(page.getByTestId('contribution-map')).toHaveAttribute('data-status', 'ready');
	await page.waitForLoadState('networkidle');

	expect(violations).toEqual([]);
});
