// Screenshot set of the key pages for review: de, ar and tr at phone (390 px) and desktop (1366 px)
// width, with the page width measured (sideways scrolling shows as "WIDE").
//   node scripts/screenshots.mjs [baseUrl] [outDir]     (default http://localhost:3000, .tmp/screenshots)
// Start the app first (npm start). Uses the Debian Chromium like the tests.
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';

const base = process.argv[2] ?? 'http://localhost:3000';
const out = path.resolve(process.argv[3] ?? '.tmp/screenshots');
const PAGES = [
	['start', '/'],
	['karte', '/karte'],
	['sozialraeume', '/sozialraeume'],
	['profil', '/sozialraeume/01?ebene=stadtbezirk'],
	['beteiligung', '/beteiligung'],
	['verfahren', '/beteiligung/marktplatz-altstadt'],
	['beitragskarte', '/beteiligung/marktplatz-altstadt/karte'],
	['anmelden', '/anmelden'],
	['registrieren', '/registrieren'],
	['datenschutz', '/datenschutz']
];
const LANGS = ['de', 'ar', 'tr'];
const WIDTHS = [
	[390, 844],
	[1366, 900]
];

fs.mkdirSync(out, { recursive: true });
const browser = await chromium.launch({
	executablePath: '/usr/bin/chromium',
	args: [
		'--no-sandbox',
		'--headless',
		'--disable-gpu',
		'--disable-background-networking',
		'--disable-component-update',
		'--disable-sync'
	]
});
let wide = 0;
for (const [width, height] of WIDTHS) {
	const context = await browser.newContext({ viewport: { width, height } });
	const page = await context.newPage();
	for (const lang of LANGS) {
		for (const [name, p] of PAGES) {
			await page.goto(`${base}${p}${p.includes('?') ? '&' : '?'}lang=${lang}`);
			await page.waitForLoadState('networkidle');
			const { scroll, client } = await page.evaluate(() => ({
				scroll: document.documentElement.scrollWidth,
				client: document.documentElement.clientWidth
			}));
			const file = path.join(out, `${name}-${lang}-${width}.png`);
			await page.screenshot({ path: file, fullPage: width < 1000 });
			const flag = scroll > client + 1 ? `WIDE ${scroll}px` : 'ok';
			if (flag !== 'ok') wide++;
			console.log(`${flag.padEnd(12)} ${path.relative(process.cwd(), file)}`);
		}
	}
	await context.close();
}
await browser.close();
console.log(`${wide} page(s) scroll sideways.`);
