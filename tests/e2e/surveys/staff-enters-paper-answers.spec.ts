import { expect, test } from '@playwright/test';
import { clientAddress, signIn } from '../helpers';

test.use({ extraHTTPHeaders: clientAddress(305) });

test('staff type in two paper questionnaires in a row', async ({ page }) => {
	await signIn(page, 'admin@musterstadt.example');
	await page.goto('/beteiligung/marktplatz-altstadt/befragung');
	await page.getByRole('link', { name: 'Verwalten' }).first().click();
	await page.getByRole('link', { name: 'Papier- und Interviewantworten erfassen' }).click();
	const status = page.getByRole('status');
	const before = Number((await status.textContent())!.match(/(\d+)/)![1]);

	for (const [i, age] of ['18 bis 39', '65 und älter'].entries()) {
		await page.getByLabel('Weg').selectOption('paper');
		await page.getByLabel('Datum der Antwort').fill('2026-11-20');
		await page.getByLabel('Gebiet aus der Liste wählen').selectOption({ index: i + 1 });
		await page
			.getByRole('group', { name: /Wie zufrieden/ })
			.getByLabel('4', { exact: true })
			.check();
		await page.getByLabel(age).check();
		await page.getByRole('button', { name: 'Antwort speichern und nächste erfassen' }).click();
		await expect(status).toContainText('Antwort gespeichert.');
		await expect(status).toContainText(`Erfasste Antworten bisher: ${before + i + 1}`);
		// an empty form for the next questionnaire; channel and date stay
		await expect(page.getByLabel(age)).not.toBeChecked();
		await expect(page.getByLabel('Datum der Antwort')).toHaveValue('2026-11-20');
	}
});
