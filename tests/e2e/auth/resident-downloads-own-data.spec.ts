import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import { clientAddress, signIn } from '../helpers';

// DSGVO Art. 15/20: the demo resident contributes, replies, supports and reports on the demo
// consultation, then downloads their data from /konto; the file holds all four.
const RESIDENT = 'bewohner@musterstadt.example';
const MAP = '/beteiligung/marktplatz-altstadt/karte';

test.use({ extraHTTPHeaders: clientAddress(228) });

test("a resident's data download contains their contributions, replies, supports and reports", async ({
	page
}) => {
	const stamp = Date.now().toString(36);
	await signIn(page, RESIDENT);

	// A contribution of their own, placed by the area picker.
	await page.goto(MAP);
	await page.waitForLoadState('networkidle');
	const form = page.locator('form[action="?/create"]');
	await form.getByLabel('Thema').selectOption({ label: 'Sicherheit' });
	await form.getByLabel('Ihr Beitrag').fill(`Eigener Hinweis ${stamp}`);
	await form.locator('.area-picker input[type="checkbox"]').first().check();
	await form.getByRole('button', { name: 'Beitrag absenden' }).click();
	await expect(page.getByRole('heading', { name: 'Danke für Ihren Beitrag' })).toBeVisible();

	// Someone else's contribution: a reply, a support and a report.
	await page.goto(MAP);
	const others = page.getByRole('link', { name: 'Beitrag ansehen' });
	await others.nth(3).click();
	await page.waitForLoadState('networkidle');
	const otherUrl = page.url();
	const otherId = otherUrl.split('/').pop()!;
	await page.getByLabel('Ihre Antwort').fill(`Meine Antwort ${stamp}`);
	await page.getByRole('button', { name: 'Antworten', exact: true }).click();
	await expect(page.getByText(`Meine Antwort ${stamp}`)).toBeVisible();
	await page.goto(otherUrl);
	await page.waitForLoadState('networkidle');
	const support = page.getByRole('button', { name: 'Sehe ich auch so' });
	if (await support.isVisible()) await support.click();
	await expect(page.getByRole('button', { name: '„Sehe ich auch so“ zurücknehmen' })).toBeVisible();
	await page.getByLabel('Warum melden Sie diesen Beitrag?').fill(`Mein Meldegrund ${stamp}`);
	await page.getByRole('button', { name: 'Melden', exact: true }).click();
	await expect(page.getByText('Danke, wir sehen uns den Beitrag an.')).toBeVisible();

	// The download from the account page.
	await page.goto('/konto');
	const downloading = page.waitForEvent('download');
	await page.getByRole('link', { name: /Daten herunterladen/ }).click();
	const file = await (await downloading).path();
	const data = JSON.parse(fs.readFileSync(file!, 'utf8')) as {
		profile: { email: string };
		sections: {
			contributions: { kind: string; text: string }[];
			supports: { contributionId: string }[];
			reports: { itemId: string; reason: string }[];
		};
	};
	expect(data.profile.email).toBe(RESIDENT);
	const texts = data.sections.contributions.map((c) => [c.kind, c.text]);
	expect(texts).toContainEqual(['map_comment', `Eigener Hinweis ${stamp}`]);
	expect(texts).toContainEqual(['reply', `Meine Antwort ${stamp}`]);
	expect(data.sections.supports.map((s) => s.contributionId)).toContain(otherId);
	expect(data.sections.reports).toContainEqual(
		expect.objectContaining({ itemId: otherId, reason: `Mein Meldegrund ${stamp}` })
	);
	// Nothing secret in it.
	expect(JSON.stringify(data)).not.toMatch(/password_hash|passwordHash|token_hash|tokenHash|\$argon2/);
});
