import { expect, test, type Page } from '@playwright/test';
import { clientAddress, expectNoAxeViolations, signIn } from '../helpers';
import { installMapProbe, readMap } from '../map-probe';

// A planner opens "Wer wurde erreicht?" for the quarters, with the keyboard, and reads the map beside
// its table twin: the same areas in both, and an area whose figures are protected (small numbers) is
// hatched on the map, says so in its tooltip, and reads "geschützt" in the table, its total included.
// The legend explains the hatching. The same after switching the map to one figure (supports).
const PROTECTED_TOOLTIP = 'Wert geschützt (kleine Zahl)';

test.use({ extraHTTPHeaders: clientAddress(940) });

/** Map areas against table rows; `figure` is the column group of one figure, or null for all. */
async function expectMapMatchesTable(page: Page, figure: string | null): Promise<void> {
	await page.waitForLoadState('networkidle');
	const table = page.getByTestId('reach-table');
	const groups = (
		await table.locator('thead tr').first().locator('th[scope="colgroup"]').allTextContents()
	).map((s) => s.trim());
	const index = figure === null ? null : groups.indexOf(figure);
	expect(index).not.toBe(-1);
	const rows = await table.locator('tbody tr[data-area]').evaluateAll(
		(trs, fig) =>
			trs.map((tr) => {
				const tds = [...tr.querySelectorAll('td')];
				// population, index class, then two cells (online, analog) per figure, then the total
				const cells = fig === null ? tds.slice(2) : tds.slice(2 + 2 * fig, 4 + 2 * fig);
				return {
					key: (tr as HTMLElement).dataset.area ?? '',
					protected: cells.some((td) => td.classList.contains('protected')),
					total: tds.at(-1)?.textContent?.trim() ?? ''
				};
			}),
		index
	);
	expect(rows.length).toBeGreaterThan(0);
	const map = page.locator('.map-frame .map');
	await expect(map).toHaveAttribute('data-status', 'ready');
	// The same areas on the map as rows in the table.
	await expect
		.poll(async () =>
			(await readMap(map)).areas
				.map((a) => a.key)
				.sort()
				.join(' ')
		)
		.toBe(
			rows
				.map((r) => r.key)
				.sort()
				.join(' ')
		);
	const areas = (await readMap(map)).areas;
	const hatched = areas
		.filter((a) => a.hatched)
		.map((a) => a.key)
		.sort();
	const protectedRows = rows.filter((r) => r.protected).map((r) => r.key);
	if (figure === null) expect(protectedRows.length).toBeGreaterThan(0);
	expect(hatched).toEqual([...protectedRows].sort());
	for (const a of areas)
		if (a.hatched) expect(a.label).toContain(PROTECTED_TOOLTIP);
		else expect(a.label).not.toContain(PROTECTED_TOOLTIP);
	if (figure === null)
		for (const r of rows) if (r.protected) expect(r.total, `total of ${r.key}`).toBe('geschützt');
}

test('reach view: the map and its table show the same areas, protected ones in both', async ({ page }) => {
	await installMapProbe(page);
	await signIn(page, 'planung@musterstadt.example');
	await page.goto('/planung/erreicht');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Wer wurde erreicht, wer nicht?');
	await page.waitForLoadState('networkidle');

	// Quarters, chosen by keyboard and sent with Enter on "Anwenden".
	const level = page.getByLabel('Gebietsebene');
	await level.focus();
	await level.selectOption({ label: 'Quartier' });
	await page.getByRole('button', { name: 'Anwenden' }).focus();
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/ebene=quartier/);
	await expectMapMatchesTable(page, null);

	// The legend says what the hatching means; the note names the threshold.
	const legend = page.getByRole('list', { name: 'Legende (je 1.000 Einwohner)' });
	await expect(legend.getByText(PROTECTED_TOOLTIP)).toBeVisible();
	await expect(legend.getByText('keine Daten')).toBeVisible();
	await expect(page.getByText(/Zahlen unter \d+ \(außer 0\) werden nicht gezeigt/)).toBeVisible();
	await expectNoAxeViolations(page);

	// One figure on the map: supports. Map and table still agree, on that figure's columns.
	const metric = page.getByLabel('Kennzahl für die Karte');
	await metric.focus();
	await metric.selectOption({ label: 'Unterstützungen' });
	await page.getByRole('button', { name: 'Anwenden' }).focus();
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/zahl=supports/);
	await expect(
		page.getByRole('heading', { level: 2, name: /^Unterstützungen je 1.000 Einwohner/ })
	).toBeVisible();
	await expectMapMatchesTable(page, 'Unterstützungen');
});
