// A resident answers the map question on a phone: one place by tapping the map, one by keyboard only
// (crosshair, arrow keys, "Punkt hier setzen"); going back and forth shows the saved places again. The
// organiser then finds them on the results map and in its table twin, and the reach choropleth with its
// table (areas with fewer than k answers suppressed).
import { expect, test } from '@playwright/test';
import { clientAddress, expectNoAxeViolations, signIn } from '../helpers';

test.use({ viewport: { width: 390, height: 844 }, extraHTTPHeaders: clientAddress(400) });

test('a resident marks places on the survey map by touch and by keyboard; the organiser sees them', async ({
	page
}) => {
	test.setTimeout(120_000);
	await page.goto('/beteiligung/gruene-wege-musterstadt/befragung');
	await page.getByRole('link', { name: 'Unterwegs in Musterstadt' }).click();
	await page.getByRole('button', { name: 'Befragung beginnen' }).click();
	await page.waitForURL(/\/seite\/1$/);
	const base = new URL(page.url()).pathname.replace(/\/seite\/1$/, '');
	const area = page.getByLabel('Gebiet aus der Liste wählen');
	await area.selectOption({ index: 1 });
	const areaName = (await area.locator('option:checked').textContent())!.trim();
	await page.getByLabel('zu Fuß').check();
	await page.getByRole('button', { name: 'Weiter' }).click();
	await expect(page.getByText('Seite 2 von 2', { exact: true })).toBeVisible();
	await page.waitForLoadState('networkidle');

	const question = page.getByRole('group', { name: 'Wo fehlt ein sicherer oder schattiger Weg?' });
	const map = question.getByTestId('survey-map');
	await expect(map).toHaveAttribute('data-status', 'ready');
	// only what the question allows: point and line, no area
	await expect(question.getByRole('button', { name: 'Fläche zeichnen' })).toHaveCount(0);

	// by touch: "Punkt setzen", then tap the map
	await question.getByRole('button', { name: 'Punkt setzen' }).click();
	await map.click();
	const places = question.getByTestId('map-answer-places');
	await expect(places.getByRole('listitem')).toHaveCount(1);
	await expect(places).toContainText('Ort 1: Punkt');

	// by keyboard: crosshair on, pan with the arrow keys, set the place at the centre
	await question.getByRole('button', { name: 'Mit der Tastatur setzen' }).focus();
	await page.keyboard.press('Enter');
	await map.focus();
	for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
	await question.getByRole('button', { name: 'Punkt hier setzen' }).focus();
	await page.keyboard.press('Enter');
	await expect(places.getByRole('listitem')).toHaveCount(2);
	await expect(question.getByTestId('map-answer-status')).toHaveText('Ort 2 von höchstens 3 eingezeichnet.');
	await expectNoAxeViolations(page);
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

	// back and forth: the saved places come back
	await page.getByRole('button', { name: 'Zurück' }).click();
	await expect(page.getByText('Seite 1 von 2', { exact: true })).toBeVisible();
	await page.getByRole('button', { name: 'Weiter' }).click();
	await expect(page.getByText('Seite 2 von 2', { exact: true })).toBeVisible();
	await expect(page.getByTestId('map-answer-places').getByRole('listitem')).toHaveCount(2);
	await page.getByRole('button', { name: 'Antworten absenden' }).click();
	await expect(page.getByRole('heading', { name: 'Vielen Dank!' })).toBeVisible();

	// the organiser: both places on the results map and in its table; the reach map beside its table
	await signIn(page, 'admin@musterstadt.example');
	await page.goto(`${base}/ergebnisse`);
	await page.waitForLoadState('networkidle');
	const answerMap = page.getByTestId('answer-map');
	await expect(answerMap).toHaveAttribute('data-status', 'ready');
	expect(Number(await answerMap.getAttribute('data-count'))).toBeGreaterThanOrEqual(2);
	const table = page.getByTestId('map-answers-table');
	// each place names the area it lies in (not the area the resident lives in)
	const placeRows = table.getByRole('row', { name: /^\d+ Punkt / });
	await expect(placeRows).toHaveCount(2);
	await expect(table).not.toContainText('kein Gebiet');
	await expect(page.getByTestId('reach-map').getByRole('region')).toHaveAttribute('data-status', 'ready');
	// Other specs in the shared city answer this survey too, so the resident's area may have reached k
	// by now: its count is either suppressed or at least k; no row anywhere shows a count below k, and
	// the uneven demo reach leaves some area suppressed.
	const reachTable = page.getByTestId('reach-table');
	const k = Number(
		(await page
			.getByText(/^weniger als \d+$/)
			.first()
			.textContent())!.match(/\d+/)![0]
	);
	const counts = await reachTable.locator('tbody tr td:nth-child(2)').allTextContents();
	expect(counts.some((c) => c.startsWith('weniger als'))).toBe(true);
	const shownBelowK = counts.filter((c) => !c.startsWith('weniger als') && Number(c) > 0 && Number(c) < k);
	expect(shownBelowK).toEqual([]);
	const ownCount = await reachTable
		.getByRole('row', { name: new RegExp(`^${areaName}`) })
		.locator('td')
		.first()
		.textContent();
	expect(ownCount!.startsWith('weniger als') || Number(ownCount) >= k).toBe(true);
	await expectNoAxeViolations(page);
});
