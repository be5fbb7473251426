// Consultations and pin-on-map contributions in the browser: (a) time to a usable contribution map in
// headless Chromium with 10,000 published contributions in the demo consultation (median of 5 cold
// loads, each in a new browser context), (b) peak RSS of the `node build` server on PGlite with that
// data. The data dir is prepared in process first (migrate, demo city, bulk insert), closed, and only
// then served: PGlite's data dir allows one process at a time. Built app (`vite build`, skipped with
// BENCH_SKIP_BUILD=1 when build/ exists), loopback only.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from '@playwright/test';
import type { Measurement } from './run';
import { openDatabase } from '../src/lib/server/db/connection';
import { migrate } from '../src/lib/server/db/migrate';
import { seedDemoIfEmpty } from '../src/lib/server/demo';
import { assignAreas, touchesArea, type AreaGeometry } from '../src/lib/geo/area-assignment';
import { fromPostgresBox } from '../src/lib/geo/bbox';
import { mulberry32, randomBetween } from '../src/lib/geo/random';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SLUG = 'marktplatz-altstadt';
const TOTAL = Number(process.env.BENCH_MAP_CONTRIBUTIONS ?? 10_000);
const LOADS = 5;
const READY_TIMEOUT_MS = 60_000;
const BODIES = [
	'Hier fehlt eine Sitzbank mit Lehne.',
	'Mehr Schatten durch Bäume wäre im Sommer wichtig.',
	'Bitte eine sichere Querung für Fußgänger, die Autos fahren hier oft zu schnell.',
	'Abends unangenehm: bessere Beleuchtung an dieser Ecke.',
	'Ein Trinkbrunnen am Markt würde vielen helfen.',
	'Fahrradbügel fehlen, alle Räder stehen an den Bäumen.',
	'Eine barrierefreie Rampe zum Eingang, bitte.',
	'Für Kinder wäre ein Spielgerät schön.'
];

interface Prepared {
	consultationId: string;
	existing: number;
	inserted: number;
	bounds: [number, number, number, number];
}

/**
 * Migrates, loads Musterstadt (the same seed the server runs with SEED_DEMO=1 on an empty install)
 * and tops the demo consultation up to TOTAL published point contributions, uniformly inside its
 * area(s), with geometry, bbox, area_keys and contribution_area rows as the app writes them.
 */
async function prepareDataDir(dataDir: string): Promise<Prepared> {
	const database = await openDatabase({ dataDir, lockRole: 'cli' });
	try {
		await migrate(database);
		if (!(await seedDemoIfEmpty(database))) throw new Error('demo city was not seeded');
		const { db } = database;
		const c = await db
			.selectFrom('consultation')
			.select('id')
			.where('slug', '=', SLUG)
			.executeTakeFirstOrThrow();
		const [scope, categories, areas, existing] = await Promise.all([
			db.selectFrom('consultation_area').select('area_id').where('consultation_id', '=', c.id).execute(),
			db.selectFrom('consultation_category').select('id').where('consultation_id', '=', c.id).execute(),
			db
				.selectFrom('area')
				.select(['id', 'key', 'parent_id', 'geometry', 'bbox'])
				.where('valid_to', 'is', null)
				.where('geometry', 'is not', null)
				.execute(),
			db
				.selectFrom('contribution')
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.where('consultation_id', '=', c.id)
				.where('status', '=', 'published')
				.where('kind', '=', 'map_comment')
				.executeTakeFirstOrThrow()
		]);
		const candidates = areas.map((a) => ({
			...a,
			geometry: a.geometry as unknown as AreaGeometry,
			box: fromPostgresBox(String(a.bbox))!
		}));
		const scopeAreas = candidates.filter((a) => scope.some((s) => s.area_id === a.id));
		if (scopeAreas.length === 0) throw new Error(`${SLUG} has no areas with geometry`);
		const bounds: [number, number, number, number] = [
			Math.min(...scopeAreas.map((a) => a.box[0])),
			Math.min(...scopeAreas.map((a) => a.box[1])),
			Math.max(...scopeAreas.map((a) => a.box[2])),
			Math.max(...scopeAreas.map((a) => a.box[3]))
		];
		// Only areas overlapping the consultation's box can be touched.
		const near = candidates.filter(
			(a) => a.box[0] <= bounds[2] && bounds[0] <= a.box[2] && a.box[1] <= bounds[3] && bounds[1] <= a.box[3]
		);
		const byId = new Map(candidates.map((a) => [a.id, a]));
		const random = mulberry32(10_000);
		const toInsert = Math.max(0, TOTAL - Number(existing.n));
		const rows: {
			id: string;
			body: string;
			x: number;
			y: number;
			area_keys: string[];
			area_ids: string[];
			category_id: string | null;
			support_count: number;
			age_s: number;
		}[] = [];
		while (rows.length < toInsert) {
			const area = scopeAreas[Math.floor(random() * scopeAreas.length)];
			const p = [
				randomBetween(random, area.box[0], area.box[2]),
				randomBetween(random, area.box[1], area.box[3])
			].map((n) => Math.round(n * 1e6) / 1e6);
			const point = { type: 'Point' as const, coordinates: p };
			if (!touchesArea(point, area.geometry)) continue;
			const ids = new Set(assignAreas(point, near).map((a) => a.id));
			for (const id of [...ids])
				for (let parent = byId.get(id)?.parent_id ?? null; parent && !ids.has(parent);) {
					ids.add(parent);
					parent = byId.get(parent)?.parent_id ?? null;
				}
			rows.push({
				id: randomUUID(),
				body: `${BODIES[rows.length % BODIES.length]} (Nr. ${rows.length + 1})`,
				x: p[0],
				y: p[1],
				area_keys: candidates.filter((a) => ids.has(a.id)).map((a) => a.key),
				area_ids: [...ids],
				category_id: categories.length ? categories[rows.length % categories.length].id : null,
				support_count: Math.floor(random() * 13),
				// Spread over the last 30 days, so the newest-first map limit picks a random mix.
				age_s: Math.floor(random() * 30 * 86_400)
			});
		}
		// One statement per table: the rows as one JSON parameter, expanded with jsonb_to_recordset.
		await database.withRawClient(async (client) => {
			const json = JSON.stringify(rows);
			await client.query(
				`insert into qk.contribution (id, consultation_id, body, geometry, geometry_type, bbox, area_keys,
				   category_id, support_count, status, channel, created_at)
				 select r.id, $1::uuid, r.body,
				   jsonb_build_object('type', 'Point', 'coordinates', jsonb_build_array(r.x, r.y)), 'Point',
				   box(point(r.x, r.y), point(r.x, r.y)), r.area_keys, r.category_id, r.support_count,
				   'published', 'online', now() - make_interval(secs => r.age_s)
				 from jsonb_to_recordset($2::jsonb) as r(id uuid, body text, x float8, y float8, area_keys text[],
				   category_id uuid, support_count int, age_s float8)`,
				[c.id, json]
			);
			await client.query(
				`insert into qk.contribution_area (contribution_id, area_id)
				 select r.id, a.id from jsonb_to_recordset($1::jsonb) as r(id uuid, area_ids uuid[]),
				   unnest(r.area_ids) as a(id)`,
				[json]
			);
			await client.exec('analyze qk.contribution; analyze qk.contribution_area');
		});
		const total = await db
			.selectFrom('contribution')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('consultation_id', '=', c.id)
			.where('status', '=', 'published')
			.executeTakeFirstOrThrow();
		if (Number(total.n) !== Math.max(TOTAL, Number(existing.n)))
			throw new Error(`expected ${TOTAL} published contributions, found ${total.n}`);
		return { consultationId: c.id, existing: Number(existing.n), inserted: rows.length, bounds };
	} finally {
		await database.close();
	}
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address() as net.AddressInfo;
			srv.close(() => resolve(port));
		});
	});
}

async function waitForServer(url: string, child: ChildProcess, log: () => string, timeoutMs = 120_000) {
	const started = Date.now();
	for (;;) {
		if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${log()}`);
		try {
			const res = await fetch(url);
			if (res.ok) return;
		} catch {
			// not listening yet
		}
		if (Date.now() - started > timeoutMs) throw new Error(`server did not start: ${log()}`);
		await new Promise((r) => setTimeout(r, 300));
	}
}

/** kB figures from /proc/PID/status (VmHWM: peak resident set, VmRSS: current). */
function procMemory(pid: number): { hwmMb: number; rssMb: number } {
	const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
	const kb = (field: string) => Number(status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'))?.[1] ?? NaN);
	return { hwmMb: kb('VmHWM') / 1024, rssMb: kb('VmRSS') / 1024 };
}

interface LoadResult {
	/** ms since navigation start until data-status="ready" */
	ready: number;
	/** ms since navigation start until two animation frames after ready (canvas drawn) */
	painted: number;
	ttfb: number;
	domContentLoaded: number;
	geojsonStart: number;
	geojsonEnd: number;
	geojsonBytes: number;
	features: number;
	domCount: number;
	clusterLabels: number;
	contentEncoding: string;
	wall: number;
}

declare global {
	interface Window {
		__qkReady?: number;
		__qkPainted?: number;
		__qkFailed?: boolean;
	}
}

async function coldLoad(browser: Browser, url: string): Promise<LoadResult> {
	const context = await browser.newContext({ locale: 'de-DE', viewport: { width: 1280, height: 800 } });
	try {
		// Before any page script: note the moment the map flips to ready, and the frame after next.
		await context.addInitScript(() => {
			const observer = new MutationObserver(() => {
				const el = document.querySelector('[data-testid="contribution-map"]');
				const status = el?.getAttribute('data-status');
				if (status === 'failed') {
					window.__qkFailed = true;
					observer.disconnect();
				} else if (status === 'ready') {
					window.__qkReady = performance.now();
					observer.disconnect();
					requestAnimationFrame(() =>
						requestAnimationFrame(() => {
							window.__qkPainted = performance.now();
						})
					);
				}
			});
			observer.observe(document, {
				subtree: true,
				childList: true,
				attributes: true,
				attributeFilter: ['data-status']
			});
		});
		const page = await context.newPage();
		let geojson: Promise<{ bytes: number; features: number; encoding: string }> | undefined;
		page.on('response', (res) => {
			if (!res.url().includes('/beitraege.geojson') || geojson) return;
			geojson = res.body().then((body) => ({
				bytes: body.length,
				features: (JSON.parse(body.toString('utf8')) as { features: unknown[] }).features.length,
				encoding: res.headers()['content-encoding'] ?? 'identity'
			}));
		});
		const started = performance.now();
		const response = await page.goto(url, { waitUntil: 'commit' });
		if (!response?.ok()) throw new Error(`${url}: HTTP ${response?.status()}`);
		await page.waitForFunction(() => window.__qkPainted !== undefined || window.__qkFailed, null, {
			timeout: READY_TIMEOUT_MS,
			polling: 50
		});
		const wall = performance.now() - started;
		const inPage = await page.evaluate(() => {
			const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
			const geo = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).find((e) =>
				e.name.includes('/beitraege.geojson')
			);
			const el = document.querySelector('[data-testid="contribution-map"]');
			return {
				failed: window.__qkFailed === true,
				ready: window.__qkReady ?? NaN,
				painted: window.__qkPainted ?? NaN,
				ttfb: nav.responseStart,
				domContentLoaded: nav.domContentLoadedEventEnd,
				geojsonStart: geo?.startTime ?? NaN,
				geojsonEnd: geo?.responseEnd ?? NaN,
				domCount: Number(el?.getAttribute('data-count') ?? NaN),
				clusterLabels: document.querySelectorAll('.qk-cluster-label').length
			};
		});
		if (inPage.failed) throw new Error('contribution map reported data-status="failed"');
		const body = geojson ? await geojson : { bytes: NaN, features: NaN, encoding: '?' };
		return {
			...inPage,
			geojsonBytes: body.bytes,
			features: body.features,
			contentEncoding: body.encoding,
			wall
		};
	} finally {
		await context.close();
	}
}

const median = (xs: number[]) => {
	const s = [...xs].sort((a, b) => a - b);
	return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const round = (n: number, d = 0) => Math.round(n * 10 ** d) / 10 ** d;

export default async function bench(): Promise<Measurement[]> {
	if (process.env.BENCH_SKIP_BUILD !== '1' || !fs.existsSync(path.join(root, 'build', 'index.js'))) {
		const built = spawnSync('npx', ['vite', 'build'], {
			cwd: root,
			env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
			stdio: ['ignore', 'ignore', 'pipe']
		});
		if (built.status !== 0) {
			// e.g. '[MISSING_EXPORT] "x" is not exported by …' while someone is mid-edit in src/
			const reason = String(built.stderr ?? '')
				.split('error during build:')[1]
				?.split('\n')
				.map((l) => l.trim())
				.filter(Boolean)
				.slice(0, 3)
				.join(' ');
			throw new Error(`vite build failed${reason ? `: ${reason}` : ''}`);
		}
	}
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'qk-contrib-map-bench-'));
	const dataDir = path.join(work, 'data');
	let server: ChildProcess | undefined;
	let browser: Browser | undefined;
	try {
		const seedStart = performance.now();
		const prepared = await prepareDataDir(dataDir);
		const seedSeconds = (performance.now() - seedStart) / 1000;

		const port = await freePort();
		const origin = `http://localhost:${port}`;
		const env: NodeJS.ProcessEnv = {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: origin,
			DATA_DIR: dataDir,
			SEED_DEMO: '1',
			DATABASE_URL: ''
		};
		// As `npm start` runs the demo: not production (demo seeding is off in production).
		delete env.NODE_ENV;
		let stderr = '';
		server = spawn(process.execPath, [path.join(root, 'build', 'index.js')], {
			cwd: root,
			env,
			stdio: ['ignore', 'ignore', 'pipe']
		});
		server.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString('utf8')).slice(-4000)));
		const pid = server.pid!;
		await waitForServer(`${origin}/healthz`, server, () => stderr);
		const afterStart = procMemory(pid);

		// The map's data request alone, outside the browser (server time + transfer on loopback).
		const page = await fetch(`${origin}/beteiligung/${SLUG}/karte`);
		if (!page.ok) throw new Error(`/beteiligung/${SLUG}/karte: HTTP ${page.status}`);
		await page.text();
		const b = prepared.bounds;
		const geoUrl = `${origin}/beteiligung/${SLUG}/karte/beitraege.geojson?bbox=${b.map((n) => n.toFixed(6)).join(',')}`;
		const direct: number[] = [];
		for (let i = 0; i < 4; i++) {
			const t0 = performance.now();
			const res = await fetch(geoUrl);
			await res.arrayBuffer();
			if (i > 0) direct.push(performance.now() - t0);
		}

		browser = await chromium.launch({
			executablePath: '/usr/bin/chromium',
			headless: true,
			args: [
				'--no-sandbox',
				'--headless',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync'
			]
		});
		const url = `${origin}/beteiligung/${SLUG}/karte`;
		const warmup = await coldLoad(browser, url); // server JIT, PGlite buffers, Chromium's first renderer
		const runs: LoadResult[] = [];
		for (let i = 0; i < LOADS; i++) runs.push(await coldLoad(browser, url));
		const end = procMemory(pid);

		const ready = median(runs.map((r) => r.ready));
		const m = (key: keyof LoadResult) => round(median(runs.map((r) => r[key] as number)));
		const last = runs[runs.length - 1];
		return [
			{
				name: `time to usable map, ${TOTAL.toLocaleString('en')} contributions`,
				value: round(ready),
				unit: 'ms',
				target: '< 2000 ms',
				met: ready < 2000,
				notes:
					`median of ${LOADS} cold loads (new browser context each, after 1 untimed warm-up: ${round(warmup.ready)} ms) of /beteiligung/${SLUG}/karte in headless Chromium 1280×800, ` +
					`from navigation start until [data-testid="contribution-map"] has data-status="ready" (set after the GeoJSON for the fitted box is fetched, grid-clustered and added to the canvas layer); ` +
					`runs: ${runs.map((r) => round(r.ready)).join(', ')} ms (wall clock from page.goto() in the bench process: median ${m('wall')} ms); two frames later (canvas painted): ${m('painted')} ms; ` +
					`breakdown (medians, ms since navigation start): TTFB ${m('ttfb')}, DOMContentLoaded ${m('domContentLoaded')}, GeoJSON request start ${m('geojsonStart')}, GeoJSON response end ${m('geojsonEnd')}, ready ${round(ready)}; ` +
					`the page loaded ${last.features} features (data-count ${last.domCount}) of ${TOTAL} published in ${round(last.geojsonBytes / 1024)} KB (${last.contentEncoding}), drawn as ${last.clusterLabels} cluster labels plus single markers; ` +
					`GeoJSON request alone from node: median ${round(median(direct))} ms; ` +
					`data: ${prepared.existing} demo + ${prepared.inserted} bulk-inserted point contributions uniformly inside the consultation's area, seeded in ${round(seedSeconds, 1)} s; node build on PGlite, loopback`
			},
			{
				name: 'server memory with that data on PGlite (peak RSS)',
				value: round(end.hwmMb),
				unit: 'MB',
				target: '< 1024 MB',
				met: end.hwmMb < 1024,
				notes: `VmHWM of the node build process after ${LOADS + 1} map loads and ${4 + 1} direct requests; RSS after start ${round(afterStart.rssMb)} MB (peak during start ${round(afterStart.hwmMb)} MB), at the end ${round(end.rssMb)} MB; the demo city (Musterstadt) plus ${TOTAL} contributions in the demo consultation`
			}
		];
	} finally {
		await browser?.close().catch(() => undefined);
		if (server && server.exitCode === null) {
			const exited = new Promise((resolve) => server!.once('exit', resolve));
			server.kill('SIGTERM');
			const timer = setTimeout(() => server!.kill('SIGKILL'), 5000);
			await exited;
			clearTimeout(timer);
		}
		fs.rmSync(work, { recursive: true, force: true });
	}
}
