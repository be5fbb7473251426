import { expect, test } from '@playwright/test';
import { clientAddress, expectNoAxeViolations, signIn } from '../helpers';

// A planner gives the demo consultation an English title and summary; English readers see them,
// Turkish readers see the German text marked as German with a note.
const SLUG = 'gruene-wege-musterstadt';

test.use({ extraHTTPHeaders: clientAddress(223) });

test('a consultation in English where translated, German with a note elsewhere', async ({
	page,
	browser
}) => {
	await signIn(page, 'planung@musterstadt.example');
	await page.goto(`/beteiligung/${SLUG}/bearbeiten?sprache=en`);
	// Typed before hydration, the text would be reset by it (seen on a loaded machine).
	await page.waitForLoadState('networkidle');
	const section = page.getByRole('region', { name: 'Texte in anderen Sprachen' });
	await section.getByLabel('Titel (English)').fill('Green paths through Musterstadt');
	await section.getByLabel('Kurzbeschreibung (English)').fill('Where should new paths and trees go?');
	await section.getByRole('button', { name: 'Übersetzung speichern' }).click();
	await expect(section.getByRole('status')).toHaveText('Die Übersetzung ist gespeichert.');
	await expect(section.getByLabel('Titel (English)')).toHaveValue('Green paths through Musterstadt');

	const reader = await (await browser.newContext({ extraHTTPHeaders: clientAddress(222) })).newPage();
	await reader.goto(`/beteiligung/${SLUG}?lang=en`);
	await expect(reader.getByRole('heading', { level: 1 })).toHaveText('Green paths through Musterstadt');
	await expect(reader.getByRole('heading', { level: 1 })).toHaveAttribute('lang', 'en');
	// The description has no English text yet: shown in German, marked, with a note.
	await expect(reader.getByRole('note')).toContainText('not yet fully available in English');
	await expectNoAxeViolations(reader);
	await reader.goto('/beteiligung?lang=en');
	await expect(reader.getByRole('link', { name: 'Green paths through Musterstadt' })).toBeVisible();

	await reader.goto(`/beteiligung/${SLUG}?lang=tr`);
	const title = reader.getByRole('heading', { level: 1 });
	await expect(title).toHaveText('Grüne Wege durch Musterstadt');
	await expect(title).toHaveAttribute('lang', 'de');
	await expect(reader.getByRole('note')).toBeVisible();
});
