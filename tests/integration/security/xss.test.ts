// The XSS suite: hostile texts (tests/security/xss-payloads.ts) go into every free-text field of every
// registered module that declares `textInputs` (participation/component.ts) — a new module is covered
// by declaring it — and into report reasons; then Chromium renders every page they show on (detail
// pages, lists, the map with its popups and tooltips, the moderation queues, "Meine Beiträge") and
// the suite fails on any executed script, dialog, CSP script violation, injected element or
// javascript: link — also ones that appear only for a moment (a MutationObserver records them).
import { chromium, type Browser } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGrants } from '../../../src/lib/server/auth/actor';
import { readConfig } from '../../../src/lib/server/config';
import type { DB } from '../../../src/lib/server/db/types';
import { registry } from '../../../src/lib/server/participation/registry';
import { reportItem } from '../../../src/lib/server/participation/moderation';
import { memoryStorage } from '../contributions/fixtures';
import { XSS_PAYLOADS } from '../../security/xss-payloads';
import { signInOverHttp, startDemoApp, type DemoApp } from './demo-app';
import type { Kysely } from 'kysely';

interface Prepared {
	slug: string;
	modules: string[];
	paths: string[];
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

async function prepare(db: Kysely<DB>): Promise<Prepared> {
	const consultation = await db
		.selectFrom('consultation')
		.select(['id', 'slug'])
		.where('slug', '=', 'marktplatz-altstadt')
		.executeTakeFirstOrThrow();
	const resident = await actor(db, 'bewohner@musterstadt.example');
	const moderator = await actor(db, 'moderation@musterstadt.example');
	const base = {
		db,
		now: new Date(),
		secret: 'xss-suite',
		storage: memoryStorage(),
		config: { ...readConfig({}), proofOfWorkBits: 0 }
	};
	const paths = new Set<string>();
	const modules: string[] = [];
	let n = 0;
	for (const { manifest, hooks } of await registry.hooks()) {
		if (!hooks.textInputs) continue;
		modules.push(manifest.key);
		for (const payload of XSS_PAYLOADS) {
			const ctx = { ...base, actor: resident, clientAddress: `192.0.2.${++n}` };
			const item = await hooks.textInputs.create(ctx, consultation, payload);
			item.paths.forEach((p) => paths.add(p));
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
	return { slug: consultation.slug, modules, paths: [...paths] };
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
		if (/script/.test(e.violatedDirective)) seen.push('csp ' + e.violatedDirective);
	});
})();`;

describe('XSS through every module’s text fields (built app, Chromium)', () => {
	let demo: DemoApp<Prepared>;
	let browser: Browser;
	beforeAll(async () => {
		demo = await startDemoApp('xss', prepare);
		browser = await chromium.launch({
			executablePath: '/usr/bin/chromium',
			args: ['--no-sandbox', '--headless', '--disable-gpu']
		});
	}, 300_000);
	afterAll(async () => {
		await browser?.close();
		demo?.stop();
	});

	it('covers every registered module that takes free text', () => {
		expect(demo.fixtures.modules).toEqual(expect.arrayContaining(['map_comments', 'ideas']));
	});

	async function visit(email: string, address: string, paths: string[]) {
		const { token } = await signInOverHttp(demo.app.base, email, { address });
		const context = await browser.newContext({
			baseURL: demo.app.base,
			extraHTTPHeaders: { 'x-forwarded-for': address },
			locale: 'de-DE'
		});
		await context.addCookies([{ name: 'qk_session', value: token!, url: demo.app.base }]);
		await context.addInitScript(WATCH);
		const page = await context.newPage();
		const findings: string[] = [];
		page.on('dialog', (d) => {
			findings.push(`dialog ${d.message()}`);
			void d.dismiss();
		});
		for (const path of paths) {
			await page.goto(path);
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
		}
		await context.close();
		return findings;
	}

	it('renders the texts as text on the items’ pages, lists, map and “Meine Beiträge”', async () => {
		const paths = [...demo.fixtures.paths, '/konto/beitraege'];
		expect(await visit('bewohner@musterstadt.example', '198.51.100.70', paths)).toEqual([]);
	}, 120_000);

	it('renders the texts and report reasons as text in the moderation queues', async () => {
		const paths = [
			'/moderation?ansicht=reported',
			`/beteiligung/${demo.fixtures.slug}/moderation?ansicht=reported`
		];
		expect(await visit('moderation@musterstadt.example', '198.51.100.71', paths)).toEqual([]);
	}, 120_000);
});
