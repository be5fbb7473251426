import { expect, test, type Browser, type Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { clientAddress, expectNoAxeViolations, signIn } from '../helpers';

// Every page of the site, as visitor and as staff, at 390 × 844 in German and Arabic and at
// 1366 × 900 in all six languages: no sideways scrolling, no untranslated key, and (de, ar) nothing
// axe finds. The route table below must name every +page.svelte: a new page without an entry fails.

type Who = 'visitor' | 'admin';
interface Entry {
	who: Who;
	/** A concrete address, or how to find one from another page. */
	path: string | ((page: Page) => Promise<string>);
}

const firstLink = (from: string, selector: string) => async (page: Page) => {
	await page.goto(from);
	const href = await page.locator(selector).first().getAttribute('href');
	if (!href) throw new Error(`no link ${selector} on ${from}`);
	return href;
};

const SLUG = 'marktplatz-altstadt';

/** The first demo survey (any demo consultation with the surveys module) plus a sub-path. */
const demoSurveyPath = (rest: string) => async (page: Page) => {
	for (const slug of [SLUG, 'gruene-wege-musterstadt']) {
		await page.goto(`/beteiligung/${slug}/befragung`);
		for (const href of await page
			.locator('main a[href*="/befragung/"]')
			.evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''))) {
			const m = /^\/beteiligung\/[^/]+\/befragung\/[0-9a-f-]{36}/.exec(href);
			if (m) return `${m[0]}${rest}`;
		}
	}
	throw new Error('no demo survey');
};
const ROUTES: Record<string, Entry | { skip: string }> = {
	'/': { who: 'visitor', path: '/' },
	'/[page=page]': { who: 'visitor', path: '/datenschutz' },
	'/admin': { who: 'admin', path: '/admin' },
	'/admin/benutzer': { who: 'admin', path: '/admin/benutzer' },
	'/admin/benutzer/[id]': {
		who: 'admin',
		path: firstLink('/admin/benutzer', 'table a[href^="/admin/benutzer/"]')
	},
	'/admin/benutzer/[id]/entziehen/[grantId]': {
		who: 'admin',
		path: async (page) => {
			await page.goto('/admin/benutzer?q=quartier%40');
			const user = await page.locator('table a[href^="/admin/benutzer/"]').first().getAttribute('href');
			return firstLink(user!, 'a[href*="/entziehen/"]')(page);
		}
	},
	'/admin/gebiete': { who: 'admin', path: '/admin/gebiete' },
	'/admin/gebiete/import': { who: 'admin', path: '/admin/gebiete/import' },
	'/admin/gebiete/import/[id]': {
		skip: 'needs an uploaded boundary file: walked by area-import/planner-imports-shapefile'
	},
	'/admin/indikatoren': { who: 'admin', path: '/admin/indikatoren' },
	'/admin/indikatoren/[id]': {
		who: 'admin',
		path: firstLink(
			'/admin/indikatoren',
			'a[href^="/admin/indikatoren/"]:not([href$="/neu"]):not([href$="/import"])'
		)
	},
	'/admin/indikatoren/import': { who: 'admin', path: '/admin/indikatoren/import' },
	'/admin/indikatoren/import/[id]': {
		skip: 'needs an uploaded table: walked by indicators/planner-imports-long-csv'
	},
	'/admin/indikatoren/neu': { who: 'admin', path: '/admin/indikatoren/neu' },
	'/admin/postausgang': { who: 'admin', path: '/admin/postausgang' },
	'/admin/seiten': { who: 'admin', path: '/admin/seiten' },
	'/admin/seiten/[slug]': { who: 'admin', path: '/admin/seiten/impressum' },
	'/anmelden': { who: 'visitor', path: '/anmelden' },
	'/anmelden/link/[token]': { who: 'visitor', path: '/anmelden/link/ungueltig' },
	'/benachrichtigungen/abbestellen/[token]': {
		who: 'visitor',
		path: '/benachrichtigungen/abbestellen/ungueltig'
	},
	'/bestaetigen/[token]': { who: 'visitor', path: '/bestaetigen/ungueltig' },
	'/beteiligung': { who: 'visitor', path: '/beteiligung' },
	'/beteiligung/[slug]': { who: 'visitor', path: `/beteiligung/${SLUG}` },
	'/beteiligung/[slug]/bearbeiten': { who: 'admin', path: `/beteiligung/${SLUG}/bearbeiten` },
	'/beteiligung/[slug]/beitrag/[id]': {
		who: 'visitor',
		path: firstLink(`/beteiligung/${SLUG}/karte`, 'a[href*="/beitrag/"]')
	},
	'/beteiligung/[slug]/beitrag/[id]/bearbeiten': {
		skip: "only the author's own contribution: walked by contributions/anonymous-and-analog-contributions"
	},
	'/beteiligung/[slug]/befragung': { who: 'visitor', path: `/beteiligung/${SLUG}/befragung` },
	'/beteiligung/[slug]/befragung/[id]': {
		who: 'visitor',
		path: firstLink(`/beteiligung/${SLUG}/befragung`, 'ul.surveys a[href*="/befragung/"]')
	},
	'/beteiligung/[slug]/befragung/[id]/erfassen': {
		who: 'admin',
		path: async (page) =>
			(await firstLink(`/beteiligung/${SLUG}/befragung`, 'a[href$="/verwalten"]')(page)).replace(
				/verwalten$/,
				'erfassen'
			)
	},
	'/beteiligung/[slug]/befragung/[id]/seite/[page]': {
		skip: 'needs a started response (cookie): walked by surveys/resident-answers-on-phone'
	},
	'/beteiligung/[slug]/befragung/[id]/verwalten': {
		who: 'admin',
		path: firstLink(`/beteiligung/${SLUG}/befragung`, 'a[href$="/verwalten"]')
	},
	'/beteiligung/[slug]/erfassen': { who: 'admin', path: `/beteiligung/${SLUG}/erfassen` },
	'/beteiligung/[slug]/export': { who: 'admin', path: `/beteiligung/${SLUG}/export` },
	'/beteiligung/[slug]/ideen': { who: 'admin', path: `/beteiligung/${SLUG}/ideen` },
	'/beteiligung/[slug]/ideen/[id]': {
		who: 'admin',
		path: firstLink(`/beteiligung/${SLUG}/ideen`, '.cards h2 a')
	},
	'/beteiligung/[slug]/ideen/einstellungen': {
		who: 'admin',
		path: `/beteiligung/${SLUG}/ideen/einstellungen`
	},
	'/beteiligung/[slug]/ideen/neu': { who: 'admin', path: `/beteiligung/${SLUG}/ideen/neu` },
	'/beteiligung/[slug]/befragung/[id]/ergebnisse': { who: 'admin', path: demoSurveyPath('/ergebnisse') },
	'/beteiligung/[slug]/karte': { who: 'visitor', path: `/beteiligung/${SLUG}/karte` },
	'/beteiligung/[slug]/moderation': { who: 'admin', path: `/beteiligung/${SLUG}/moderation` },
	'/beteiligung/[slug]/befragung/[id]/bearbeiten': {
		who: 'admin',
		path: async (page) =>
			(await firstLink(`/beteiligung/${SLUG}/befragung`, 'a[href$="/verwalten"]')(page)).replace(
				/verwalten$/,
				'bearbeiten'
			)
	},
	'/beteiligung/[slug]/befragung/import': { who: 'admin', path: `/beteiligung/${SLUG}/befragung/import` },
	// the month calendar here (the city-wide list below shows the list view of the same components)
	'/beteiligung/[slug]/termine': { who: 'visitor', path: `/beteiligung/${SLUG}/termine?ansicht=kalender` },
	'/termine': { who: 'visitor', path: '/termine' },
	'/termine/[id]': { who: 'visitor', path: firstLink('/termine', 'a[href^="/termine/"][href*="-"]') },
	'/termine/[id]/verwalten': {
		who: 'admin',
		path: async (page) => `${await firstLink('/termine', 'a[href^="/termine/"][href*="-"]')(page)}/verwalten`
	},
	'/termine/[id]/dokument/[docId]/loeschen': {
		who: 'admin',
		// The demo's past workshop (with minutes and a photo) is on the Altstadt's roll-up.
		path: async (page) =>
			firstLink(
				await firstLink('/sozialraeume/0103/was-passiert?ebene=stadtteil', 'main a[href^="/termine/"]')(page),
				'main a[href$="/loeschen"]'
			)(page)
	},
	'/termine/abmelden/[token]': { who: 'visitor', path: '/termine/abmelden/ungueltig' },
	'/termine/neu': { who: 'admin', path: '/termine/neu' },
	'/termine/umfrage/[token]': { who: 'visitor', path: '/termine/umfrage/demo-terminumfrage-gruene-wege' },
	'/beteiligung/neu': { who: 'admin', path: '/beteiligung/neu' },
	'/karte': { who: 'visitor', path: '/karte' },
	'/konto': { who: 'admin', path: '/konto' },
	'/konto/beitraege': { who: 'admin', path: '/konto/beitraege' },
	'/konto/benachrichtigungen': { who: 'admin', path: '/konto/benachrichtigungen' },
	'/konto/geloescht': { who: 'visitor', path: '/konto/geloescht' },
	'/massnahmen': { who: 'visitor', path: '/massnahmen' },
	'/massnahmen/[id]': { who: 'admin', path: firstLink('/massnahmen', '[data-testid="measure-list"] h2 a') },
	'/massnahmen/[id]/bearbeiten': {
		who: 'admin',
		path: async (page) =>
			`${await firstLink('/massnahmen', '[data-testid="measure-list"] h2 a')(page)}/bearbeiten`
	},
	'/massnahmen/neu': { who: 'admin', path: '/massnahmen/neu' },
	'/moderation': { who: 'admin', path: '/moderation' },
	'/planung/berichte': { who: 'admin', path: '/planung/berichte' },
	'/planung/berichte/[id]': {
		who: 'admin',
		path: async (page) => {
			await page.goto('/planung/berichte');
			const saved = page.locator('a[href^="/planung/berichte/"]');
			if ((await saved.count()) > 0) return (await saved.first().getAttribute('href'))!;
			await page.waitForLoadState('networkidle');
			const form = page.locator('form[action="?/create"]');
			await form.locator('input[name="title"]').fill('Sweep');
			await form.locator('details[open] input[name="areaIds"]').first().check();
			await form.locator('button[type="submit"]').click();
			await page.waitForURL(/\/planung\/berichte\/[0-9a-f-]{36}$/);
			return new URL(page.url()).pathname;
		}
	},
	'/passwort-neu/[token]': { who: 'visitor', path: '/passwort-neu/ungueltig' },
	'/passwort-vergessen': { who: 'visitor', path: '/passwort-vergessen' },
	'/planung/themen': { who: 'admin', path: '/planung/themen' },
	'/planung/themen/[slug]': { who: 'admin', path: `/planung/themen/${SLUG}` },
	'/registrieren': { who: 'visitor', path: '/registrieren' },
	'/planung': { who: 'admin', path: '/planung' },
	'/planung/erreicht': { who: 'admin', path: '/planung/erreicht?ebene=quartier' },
	'/planung/gebiete/[key]': { who: 'admin', path: '/planung/gebiete/030105?ebene=quartier' },
	'/sozialraeume': { who: 'visitor', path: '/sozialraeume' },
	'/sozialraeume/[key]': { who: 'visitor', path: firstLink('/sozialraeume', 'a[href^="/sozialraeume/"]') },
	'/sozialraeume/[key]/was-passiert': {
		who: 'visitor',
		path: async (page) => {
			const profile = new URL(
				await firstLink('/sozialraeume', 'a[href^="/sozialraeume/"]')(page),
				'http://x'
			);
			return `${profile.pathname}/was-passiert${profile.search}`;
		}
	}
};

function routeIds(dir = path.resolve('src/routes'), prefix = ''): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
		if (e.isDirectory()) return routeIds(path.join(dir, e.name), `${prefix}/${e.name}`);
		return e.name === '+page.svelte' ? [prefix || '/'] : [];
	});
}

const LANGUAGES = ['de', 'en', 'tr', 'ar', 'uk', 'ru'] as const;
// axe runs once per direction and once per layout (German on the phone, Arabic on the desktop): each
// axe pass costs ~90 s of CI time, and its findings hardly ever depend on width and direction at once.
// Views without axe wait for the load event only, the phone views for the network to settle too (the
// map pages lay out after their scripts ran).
const VIEWS = [
	...LANGUAGES.map((lang) => ({ lang, width: 1366, height: 900, axe: lang === 'ar', settle: lang === 'ar' })),
	{ lang: 'de', width: 390, height: 844, axe: true, settle: true },
	{ lang: 'ar', width: 390, height: 844, axe: false, settle: true },
	// 320 px is also what 400 % zoom leaves of a 1280 px window.
	{ lang: 'de', width: 320, height: 640, axe: false, settle: true },
	{ lang: 'ar', width: 320, height: 640, axe: false, settle: true }
];
// An i18n key shown instead of a text: "contributions.form.body".
// The namespaces as resources.ts registers them ("areasImport: deAreasImport,").
const NAMESPACES = [
	...fs.readFileSync('src/lib/i18n/resources.ts', 'utf8').matchAll(/^\s+(\w+): de[A-Z]\w*,?$/gm)
].map((m) => m[1]);
const RAW_KEY = new RegExp(`\\b(${NAMESPACES.join('|')})\\.[A-Za-z_]+\\.[A-Za-z_.]+`);

test.use({ extraHTTPHeaders: clientAddress(225) });
// The views are independent readers of the shared city: they run side by side on the workers.
test.describe.configure({ timeout: 600_000, mode: 'parallel' });

test('the route table names every page', () => {
	expect(routeIds().filter((id) => !(id in ROUTES))).toEqual([]);
	expect(Object.keys(ROUTES).filter((id) => !routeIds().includes(id))).toEqual([]);
});

async function pageFor(browser: Browser, who: Who, width: number, height: number): Promise<Page> {
	const context = await browser.newContext({
		viewport: { width, height },
		extraHTTPHeaders: clientAddress(who === 'admin' ? 224 : 225)
	});
	const page = await context.newPage();
	if (who === 'admin') await signIn(page, 'admin@musterstadt.example');
	return page;
}

for (const view of VIEWS) {
	test(`every page at ${view.width} px in ${view.lang}`, async ({ browser }) => {
		const visited: string[] = [];
		const problems: string[] = [];
		const pages: Record<Who, Page> = {
			visitor: await pageFor(browser, 'visitor', view.width, view.height),
			admin: await pageFor(browser, 'admin', view.width, view.height)
		};
		for (const [id, entry] of Object.entries(ROUTES)) {
			if ('skip' in entry) continue;
			const page = pages[entry.who];
			const target = typeof entry.path === 'string' ? entry.path : await entry.path(page);
			const url = `${target}${target.includes('?') ? '&' : '?'}lang=${view.lang}`;
			await page.goto(url);
			if (view.settle) await page.waitForLoadState('networkidle');
			visited.push(`${id} → ${target}`);
			const { dir, lang, scroll, client } = await page.evaluate(() => ({
				dir: document.documentElement.dir,
				lang: document.documentElement.lang,
				scroll: document.documentElement.scrollWidth,
				client: document.documentElement.clientWidth
			}));
			if (lang !== view.lang) problems.push(`${id}: lang=${lang}`);
			if (dir !== (view.lang === 'ar' ? 'rtl' : 'ltr')) problems.push(`${id}: dir=${dir}`);
			if (scroll > client + 1) problems.push(`${id}: ${scroll} px wide at ${client} px`);
			const raw = RAW_KEY.exec(await page.locator('body').innerText());
			if (raw) problems.push(`${id}: untranslated key ${raw[0]}`);
			if (view.axe) {
				try {
					await expectNoAxeViolations(page);
				} catch (e) {
					problems.push(`${id}: axe ${(e as Error).message.split('\n').find((l) => l.includes(':')) ?? ''}`);
				}
			}
		}
		console.log(`visited at ${view.width} px in ${view.lang}:\n  ${visited.join('\n  ')}`);
		expect(problems).toEqual([]);
		expect(visited.length).toBe(Object.values(ROUTES).filter((e) => !('skip' in e)).length);
	});
}
