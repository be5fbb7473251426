// A planner opens the area view of the Altstadt: an indicator value beside the city average and the index
// class; a full-text search finds a survey free-text answer, a workshop's documented results and a
// measure, each by a word only it contains; consultation and channel filters narrow the list and its
// pages keep them; the page works at 390 px and in Arabic (right to left).
import { expect, test } from '@playwright/test';
import { clientAddress, expectNoAxeViolations, signIn } from '../helpers';

test.use({ extraHTTPHeaders: clientAddress(740) });

test('a planner reads everything said in an area beside its indicators', async ({ page }) => {
	await signIn(page, 'planung@musterstadt.example');
	await page.goto('/planung');
	await page.waitForLoadState('networkidle');
	await page.getByLabel('Gebiet', { exact: true }).selectOption({ label: 'Altstadt' });
	await page.getByRole('button', { name: 'Gebiet öffnen' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Gebietsansicht: Altstadt');

	// An indicator value beside the city average, and the index class.
	const indicators = page.getByRole('table', { name: /Kennzahlen/ });
	await expect(indicators.getByRole('columnheader', { name: 'Durchschnitt Musterstadt' })).toBeVisible();
	const firstRow = indicators.locator('tbody tr').first();
	const [own, average] = await firstRow.locator('td').allTextContents();
	expect(own.trim()).toMatch(/\d/);
	expect(average.trim()).toMatch(/\d/);
	await expect(page.getByTestId('index-class')).toContainText('Sozialindex');

	const entries = page.getByTestId('area-entries').locator('> li');
	const search = async (word: string) => {
		await page.waitForLoadState('networkidle');
		await page.getByLabel('Volltextsuche').fill(word);
		await page.getByLabel('Volltextsuche').press('Enter');
		await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(word)}`));
		await expect(entries.first()).toBeVisible();
	};

	// "Bolzplatz" is only ever a wish in the residents' survey: free-text answers, no names.
	await search('Bolzplatz');
	const kinds = await entries.evaluateAll((items) => items.map((li) => li.getAttribute('data-kind')));
	expect(new Set(kinds)).toEqual(new Set(['survey_text']));
	await expect(entries.first()).toContainText('Freitext-Antwort einer Befragung');
	await expect(entries.first()).toContainText('Bolzplatz');

	// "Thementische" is in the documentation of the Planungswerkstatt (other walks of this run may
	// add workshop results from a "Thementisch" — the German stemmer finds those too).
	await search('Thementische');
	const workshops = entries.and(page.locator('[data-kind="event"]'));
	await expect(workshops).toHaveCount(1);
	await expect(workshops).toContainText('Planungswerkstatt Marktplatz');
	await expect(workshops).toContainText('Stattgefunden, Ergebnisse dokumentiert');
	for (const text of await entries.allTextContents()) expect(text).toMatch(/Thementisch/);

	// "Sitzgelegenheiten" is in one measure's description only, shown with its progress.
	await search('Sitzgelegenheiten');
	await expect(entries).toHaveCount(1);
	await expect(entries.first()).toHaveAttribute('data-kind', 'measure');
	await expect(entries.first()).toContainText('Sitzbänke mit Lehne und Schatten am Marktplatz');
	await expect(entries.first()).toContainText('% umgesetzt');
	await expectNoAxeViolations(page);

	// The Marktplatz consultation, analog only: paper answers, interviews, workshop results.
	await page.getByLabel('Volltextsuche').fill('');
	await page.getByLabel('Beteiligungsverfahren').selectOption('marktplatz-altstadt');
	await page.getByLabel('Weg der Beteiligung').selectOption('analog');
	await page.getByRole('button', { name: 'Anwenden' }).click();
	await expect(page).toHaveURL(/verfahren=marktplatz-altstadt/);
	await expect(page).toHaveURL(/kanal=analog/);
	await expect(entries.first()).toBeVisible();
	const channels = async () =>
		new Set(await entries.evaluateAll((items) => items.map((li) => li.getAttribute('data-channel'))));
	expect(await channels()).toEqual(new Set(['analog']));
	await expect(page.getByText('Ergebnis einer Werkstatt').first()).toBeVisible();

	// Paging through keeps the filters.
	await expect(page.getByText(/^Seite 1 von \d+$/)).toBeVisible();
	const firstPage = await entries.allTextContents();
	await page.getByRole('link', { name: 'Nächste Seite' }).click();
	await expect(page).toHaveURL(/seite=2/);
	await expect(page).toHaveURL(/kanal=analog/);
	await expect(page).toHaveURL(/verfahren=marktplatz-altstadt/);
	await expect(page.getByText(/^Seite 2 von \d+$/)).toBeVisible();
	expect(await channels()).toEqual(new Set(['analog']));
	expect(await entries.allTextContents()).not.toEqual(firstPage);
	await page.getByRole('link', { name: 'Vorherige Seite' }).click();
	await expect(page).toHaveURL(/seite=1/);

	// 390 px wide and in Arabic: right to left, nothing wider than the screen.
	await page.setViewportSize({ width: 390, height: 844 });
	await page.goto(`${page.url()}&lang=ar`);
	await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Altstadt');
	await expect(entries.first()).toBeVisible();
	const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
	expect(overflow).toBeLessThanOrEqual(0);
});
