import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** Fails the test with a readable list when axe finds any WCAG 2.1 A/AA violation. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
		.analyze();
	const summary = results.violations.map(
		(v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`
	);
	expect(summary).toEqual([]);
}

/** A distinct loopback client address per spec, so rate limits of one spec never trip another. */
export function clientAddress(n: number): Record<string, string> {
	return { 'x-forwarded-for': `127.0.${Math.floor(n / 250) + 1}.${(n % 250) + 2}` };
}

export const DEMO_PASSWORD = 'Musterstadt-Demo-2026';

/** Signs a demo account in through the login form, and waits until the page has settled. */
export async function signIn(page: Page, email: string): Promise<void> {
	await page.goto('/anmelden');
	await page.waitForLoadState('networkidle');
	const form = page.locator('form[action="?/login"]');
	await form.getByLabel('E-Mail-Adresse').fill(email);
	await form.getByLabel('Passwort', { exact: true }).fill(DEMO_PASSWORD);
	await form.getByRole('button', { name: 'Anmelden' }).click();
	await expect(page.getByRole('button', { name: 'Abmelden' })).toBeVisible();
	await page.waitForLoadState('networkidle');
}
