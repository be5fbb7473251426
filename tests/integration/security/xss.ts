// The XSS suite: hostile texts (tests/security/xss-payloads.ts) go into every free-text field of every
// registered module through its `textInputs` hook (participation/component.ts) — a registered module
// without the hook fails the suite (tests/security/xss-coverage.ts) — and into report reasons; then
// Chromium renders every page they show on (detail pages, lists, the map with its popups and
// tooltips, the moderation queues, "Meine Beiträge", the staff pages: survey results, event
// management, the measure form) and the suite fails on any executed script, dialog, CSP script
// violation, injected element or javascript: link — also ones that appear only for a moment (a
// MutationObserver records them) — and when a module's text does not show as text at all.
import { chromium, type Browser } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGrants } from '../../../src/lib/server/auth/actor';
import { readConfig } from '../../../src/lib/server/config';
import type { DB } from '../../../src/lib/server/db/types';
import { registry } from '../../../src/lib/server/participation/registry';
import { blockItemAuthor, moderateItem, reportItem } from '../../../src/lib/server/participation/moderation';
import { findOutcomeAdapter, respondToItem } from '../../../src/lib/server/participation/outcomes';
import { contributionTextInputs } from '../../../src/lib/server/contributions/text-inputs';
import { insertUser } from '../helpers/roles-fixtures';
import { memoryStorage } from '../contributions/fixtures';
import { XSS_PAYLOADS } from '../../security/xss-payloads';
import { requireTextInputs } from '../../security/xss-coverage';
import { signInOverHttp, type DemoApp } from './demo-app';
import type { Kysely } from 'kysely';

const RESIDENT = 'bewohner@musterstadt.example';
const MODERATOR = 'moderation@musterstadt.example';
const STAFF = 'admin@musterstadt.example';

export interface XssFixtures {
	slug: string;
	modules: string[];
	/** per module: the paths its items show on to everyone / to staff only */
	paths: Record<string, string[]>;
	staffPaths: Record<string, string[]>;
}

async function actor(db: Kysely<DB>, email: string) {
	const u = await db
		.selectFrom('app_user')
		.select(['id', 'email', 'display_name', 'locale'])
		.where('email', '=', email)
		.executeTakeFirstOrThrow();
	return {
		id: u.id,
		email: u.email,
		displayName: u.display_name,
		emailVerified: true,
		locale: u.locale,
		grants: await loadGrants(db, u.id)
	};
}

/** Puts every payload through every module's text inputs (before the app starts). */
export async function prepareXss(db: Kysely<DB>): Promise<XssFixtures> {
	const consultation = await db
		.selectFrom('consultation')
		.select(['id', 'slug'])
		.where('slug', '=', 'marktplatz-altstadt')
		.executeTakeFirstOrThrow();
	const resident = await actor(db, RESIDENT);
	const moderator = await actor(db, MODERATOR);
	const staff = await actor(db, STAFF);
	const base = {
		db,
		now: new Date(),
		secret: 'xss-suite',
		storage: memoryStorage(),
		config: { ...readConfig({}), proofOfWorkBits: 0 }
	};
	const paths: Record<string, Set<string>> = {};
	const staffPaths: Record<string, Set<string>> = {};
	const modules = requireTextInputs(await registry.hooks());
	let n = 0;
	const answerable: { itemType: string; id: string; payload: string }[] = [];
	for (const { key, textInputs } of modules) {
		paths[key] = new Set();
		staffPaths[key] = new Set();
		for (const payload of XSS_PAYLOADS) {
			const ctx = { ...base, actor: resident, staff, clientAddress: `192.0.2.${++n}` };
			const item = await textInputs.create(ctx, consultation, payload);
			item.paths.forEach((p) => paths[key].add(p));
			item.staffPaths?.forEach((p) => staffPaths[key].add(p));
			if (!item.itemType) continue;
			if (await findOutcomeAdapter(item.itemType))
				answerable.push({ itemType: item.itemType, id: item.id, payload });
			// The reason of a report is free text too; it shows in the moderation queue.
			const reported = await reportItem(
				{ ...base, actor: moderator, clientAddress: `192.0.2.${++n}` },
				item.itemType,
				item.id,
				{ reason: payload }
			);
			if (!reported.ok) throw new Error(`report refused: ${reported.code}`);
		}
	}
	// The core's texts around the items. An official response (text, next steps, who answered) on
	// every answerable item: shown on its page, in "Meine Beiträge" and the author's notifications.
	for (const { itemType, id, payload } of answerable) {
		const responded = await respondToItem(
			{ ...base, actor: staff },
			{
				itemType,
				itemId: id,
				status: 'in_review',
				responseText: payload,
				nextSteps: payload,
				responderName: payload.slice(0, 120)
			}
		);
		if (!responded.ok) throw new Error(`response refused: ${responded.code}`);
	}
	// A person with a hostile display name, blocked with a hostile reason, whose contribution is hidden
	// with one: the moderation pages show the name, the block and the log.
	for (const payload of XSS_PAYLOADS) {
		const email = `xss-${++n}@example.org`;
		await insertUser(db, { email, name: payload.slice(0, 80) });
		const person = await actor(db, email);
		const posted = await contributionTextInputs.create(
			{ ...base, actor: person, staff, clientAddress: `192.0.2.${++n}` },
			consultation,
			'Ein Beitrag, der gleich gesperrt wird.'
		);
		const mod = { ...base, actor: moderator, clientAddress: `192.0.2.${++n}` };
		const hidden = await moderateItem(mod, posted.itemType!, posted.id, { action: 'hide', reason: payload });
		if (!hidden.ok) throw new Error(`hide refused: ${hidden.code}`);
		const blocked = await blockItemAuthor(mod, posted.itemType!, posted.id, { reason: payload });
		if (!blocked.ok) throw new Error(`block refused: ${blocked.code}`);
	}
	const lists = (m: Record<string, Set<string>>) =>
		Object.fromEntries(Object.entries(m).map(([k, v]) => [k, [...v]]));
	return {
		slug: consultation.slug,
		modules: modules.map((m) => m.key),
		paths: lists(paths),
		staffPaths: lists(staffPaths)
	};
}

// Installed before any page script: records what the payloads would leave behind, even briefly.
const WATCH = `(() => {
	const seen = (window.__xssSeen = []);
	const check = (e) => {
		if (e.hasAttribute('data-xss')) seen.push('element ' + e.outerHTML.slice(0, 100));
		for (const a of ['href', 'src', 'action']) {
			const v = e.getAttribute(a);
			if (v && /^\\s*javascript:/i.test(v)) seen.push(a + ' ' + v.slice(0, 60));
		}
	};
	new MutationObserver((ms) => {
		for (const m of ms)
			for (const node of m.addedNodes)
				if (node.nodeType === 1) [node, ...node.querySelectorAll('*')].forEach(check);
	}).observe(document, { childList: true, subtree: true });
	document.addEventListener('securitypolicyviolation', (e) => {
		if (/script/.test(e.violatedDirective))
			seen.push('csp ' + e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || '').slice(0, 80));
	});
})();`;

/** Run by security.test.ts against the shared demo app; `fixtures` picks this suite's objects. */
export function xssSuite<T>(shared: () => DemoApp<T>, fixtures: (all: T) => XssFixtures) {
	describe('XSS through every module’s text fields (built app, Chromium)', () => {
		let base: string;
		let f: XssFixtures;
		let browser: Browser;
		beforeAll(async () => {
			base = shared().app.base;
			f = fixtures(shared().fixtures);
			browser = await chromium.launch({
				executablePath: '/usr/bin/chromium',
				args: ['--no-sandbox', '--headless', '--disable-gpu']
			});
		}, 60_000);
		afterAll(async () => {
			await browser?.close();
		});

		it('covers every registered module', async () => {
			const registered = registry.components.map((c) => c.key);
			expect(f.modules).toEqual(registered);
			expect(registered).toEqual(
				expect.arrayContaining(['map_comments', 'surveys', 'ideas', 'events', 'measures'])
			);
		});

		/** Visits the paths signed in as `email`; returns what the watcher saw and where the text showed. */
		async function visit(email: string, address: string, paths: string[]) {
			const { token } = await signInOverHttp(base, email, { address });
			const context = await browser.newContext({
				baseURL: base,
				extraHTTPHeaders: { 'x-forwarded-for': address },
				locale: 'de-DE'
			});
			await context.addCookies([{ name: 'qk_session', value: token!, url: base }]);
			await context.addInitScript(WATCH);
			const findings: string[] = [];
			const shown = new Set<string>();
			// A few tabs at once: most of a visit is waiting for the network to go quiet.
			const queue = [...paths];
			const tab = async () => {
				const page = await context.newPage();
				page.on('dialog', (d) => {
					findings.push(`dialog ${d.message()}`);
					void d.dismiss();
				});
				for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
					const response = await page.goto(path);
					if (!response || response.status() >= 400) findings.push(`${path}: status ${response?.status()}`);
					await page.waitForLoadState('networkidle');
					// Map markers: hover for tooltips, click for popups (each popup replaces the last one).
					const markers = page.locator('.leaflet-interactive');
					for (let i = 0, count = Math.min(await markers.count(), 40); i < count; i++) {
						await markers.nth(i).dispatchEvent('mouseover');
						if (path.endsWith('/karte')) await markers.nth(i).dispatchEvent('click');
					}
					const seen = await page.evaluate(() => {
						const w = window as unknown as { __xssSeen: string[]; __xss?: unknown };
						return [...w.__xssSeen, ...(w.__xss !== undefined ? ['executed window.__xss'] : [])];
					});
					findings.push(...seen.map((s) => `${path}: ${s}`));
					// The payloads as text (in the page or in a form field): proof the page showed them.
					const asText = await page.evaluate(
						() =>
							document.body.innerText.includes('data-xss') ||
							[...document.querySelectorAll('input, textarea')].some((e) =>
								(e as HTMLInputElement).value.includes('data-xss')
							)
					);
					if (asText) shown.add(path);
				}
				await page.close();
			};
			await Promise.all([tab(), tab(), tab()]);
			await context.close();
			return { findings, shown };
		}

		/** Every module whose paths were visited shows its texts (as text) on at least one of them. */
		function notShown(byModule: Record<string, string[]>, shown: Set<string>) {
			return Object.entries(byModule)
				.filter(([, paths]) => paths.length > 0 && !paths.some((p) => shown.has(p)))
				.map(([key]) => key);
		}

		it('renders the texts as text on the items’ pages, lists, map and “Meine Beiträge”', async () => {
			const paths = [
				...new Set(Object.values(f.paths).flat()),
				'/konto/beitraege',
				'/konto/benachrichtigungen'
			];
			const { findings, shown } = await visit(RESIDENT, '198.51.100.70', paths);
			expect(findings).toEqual([]);
			expect(notShown(f.paths, shown)).toEqual([]);
		}, 240_000);

		it('renders the texts as text on the staff pages (results, management, forms)', async () => {
			const paths = [...new Set(Object.values(f.staffPaths).flat())];
			const { findings, shown } = await visit(STAFF, '198.51.100.72', paths);
			expect(findings).toEqual([]);
			expect(notShown(f.staffPaths, shown)).toEqual([]);
		}, 240_000);

		it('renders the texts, report and hide reasons, blocked names and block reasons as text in the moderation queues', async () => {
			const paths = [
				'/moderation?ansicht=reported',
				`/beteiligung/${f.slug}/moderation?ansicht=reported`,
				'/moderation?ansicht=hidden',
				`/beteiligung/${f.slug}/moderation?ansicht=hidden`
			];
			const { findings, shown } = await visit(MODERATOR, '198.51.100.71', paths);
			expect(findings).toEqual([]);
			expect(shown.size).toBeGreaterThan(0);
		}, 120_000);
	});
}
