// The public map over HTTP, on PGlite and PostgreSQL: (a) first-load JavaScript of /karte (gzip),
// (b) area GeoJSON throughput at 1, 16 and 64 clients next to a bare node:http server sending the same
// bytes in the same run, and the bare SQL of a cold document; (c) contribution map loads by bounding
// box with 100,000 contributions (p50/p95 at 1, 16, 64 clients) next to bare node:http sending one
// such answer and the bare SQL a request runs. Built app (`vite build`, skipped with
// BENCH_SKIP_BUILD=1 when build/ exists), real `node build` server, loopback only.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import type { Measurement } from './run';
import pg from 'pg';
import { openDatabase, type Database } from '../src/lib/server/db/connection';
import { migrate } from '../src/lib/server/db/migrate';
import { buildAreasGeoJson } from '../src/lib/server/monitoring/geojson';
import { levelFingerprint } from '../src/lib/server/monitoring/queries';
import {
	bareMapStatement,
	bareRounds,
	CONTRIBUTIONS,
	createBenchConsultation,
	percentile,
	seedContributions,
	viewport
} from './contributions-data';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const AREAS = 1000;
const CLIENTS = [1, 16, 64];
const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const SLUG = 'bench-karte';
/** Bounding-box requests per concurrency level. */
const BOX_LOADS = 400;

/** Deterministic, boundary-like polygons: a 40 × 25 grid of cells with 8 jittered points per edge. */
function cellPolygon(col: number, row: number): number[][][] {
	const size = 0.006;
	const x0 = 6.9 + col * size;
	const y0 = 51.3 + row * size * 0.62;
	const h = size * 0.62;
	const jitter = (i: number) => Math.sin(col * 12.9898 + row * 78.233 + i * 3.1) * size * 0.04;
	const ring: number[][] = [];
	const edge = (ax: number, ay: number, bx: number, by: number, offset: number) => {
		for (let i = 0; i < 8; i++) {
			const t = i / 8;
			ring.push([
				Number((ax + (bx - ax) * t + jitter(offset + i)).toFixed(6)),
				Number((ay + (by - ay) * t + jitter(offset + i + 50)).toFixed(6))
			]);
		}
	};
	edge(x0, y0, x0 + size, y0, 0);
	edge(x0 + size, y0, x0 + size, y0 + h, 8);
	edge(x0 + size, y0 + h, x0, y0 + h, 16);
	edge(x0, y0 + h, x0, y0, 24);
	ring.push(ring[0]);
	return [ring];
}

/** Figures measured in process on the prepared data before the server opens it. */
interface References {
	/** A cold area document (geometries, hidden areas, JSON) built from the database, median ms. */
	areasColdMs: number;
	/** The check a cached area document makes every two seconds, median ms. */
	areasCheckMs: number;
	/** Per concurrency: the SQL a cached bounding-box request runs (consultation, map version), sorted ms. */
	boxLookups: Map<number, number[]>;
	/** Per concurrency: the database-built map statement (a view the tile cache cannot answer), sorted ms. */
	boxStatement: Map<number, number[]>;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function timed(times: number, run: () => Promise<unknown>): Promise<number[]> {
	const out: number[] = [];
	for (let i = 0; i < times; i++) {
		const start = performance.now();
		await run();
		out.push(performance.now() - start);
	}
	return out;
}

async function prepareData(database: Database, postgresUrl?: string): Promise<References> {
	try {
		await migrate(database);
		const { db } = database;
		const levels = await db
			.insertInto('area_level')
			.values([
				{ key: 'stadt', name: 'Stadt', rank: 0 },
				{ key: 'quartier', name: 'Quartier', rank: 1 }
			])
			.returning(['id', 'key'])
			.execute();
		const levelId = Object.fromEntries(levels.map((l) => [l.key, l.id]));
		const city = await db
			.insertInto('area')
			.values({
				level_id: levelId.stadt,
				key: '00',
				name: 'Benchstadt',
				population: 2_000_000,
				population_year: 2024
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		const rows = [];
		for (let i = 0; i < AREAS; i++) {
			const coordinates = cellPolygon(i % 40, Math.floor(i / 40));
			const xs = coordinates[0].map((p) => p[0]);
			const ys = coordinates[0].map((p) => p[1]);
			rows.push({
				level_id: levelId.quartier,
				key: String(i + 1).padStart(4, '0'),
				name: `Quartier ${i + 1}`,
				parent_id: city.id,
				population: 500 + ((i * 7919) % 7500),
				population_year: 2024,
				geometry: JSON.stringify({ type: 'Polygon', coordinates }),
				bbox: `(${Math.max(...xs)},${Math.max(...ys)}),(${Math.min(...xs)},${Math.min(...ys)})`
			});
		}
		const ids = await db.insertInto('area').values(rows).returning('id').execute();
		// One public rate so /karte renders its full table.
		const indicator = await db
			.insertInto('indicator')
			.values({
				key: 'quote',
				name: 'Quote',
				unit: '%',
				domain: 'oekonomische_situation',
				visibility: 'public'
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await db
			.insertInto('indicator_value')
			.values(
				[
					...ids.map((r, i) => ({ area_id: r.id, value: 5 + ((i * 37) % 250) / 10 })),
					{ area_id: city.id, value: 12 }
				].map((v) => ({ indicator_id: indicator.id, year: 2024, ...v }))
			)
			.execute();
		// (c) 100,000 contributions over the city in one public consultation.
		const consultationId = await createBenchConsultation(database, SLUG, city.id);
		await seedContributions(database, consultationId, '00');
		const rules = { minPopulation: 1000, minCount: 3 };
		const areasColdMs = median(await timed(5, () => buildAreasGeoJson(db, 'quartier', rules)));
		const areasCheckMs = median(await timed(20, () => levelFingerprint(db, 'quartier')));
		const lookups = () => [
			db.selectFrom('consultation').selectAll().where('slug', '=', SLUG).compile(),
			db
				.selectFrom('contribution_map_version')
				.select('version')
				.where('consultation_id', '=', consultationId)
				.compile()
		];
		const boxLookups = new Map<number, number[]>();
		const boxStatement = new Map<number, number[]>();
		for (const clients of CLIENTS) {
			boxLookups.set(clients, await bareRounds(database, clients, BOX_LOADS, lookups, postgresUrl));
			boxStatement.set(
				clients,
				await bareMapStatement(database, consultationId, clients, BOX_LOADS / 2, postgresUrl)
			);
		}
		return { areasColdMs, areasCheckMs, boxLookups, boxStatement };
	} finally {
		await database.close();
	}
}

function waitForServer(url: string, child: ChildProcess, timeoutMs = 120_000): Promise<void> {
	const started = Date.now();
	return new Promise((resolve, reject) => {
		const attempt = () => {
			if (child.exitCode !== null) return reject(new Error(`server exited with ${child.exitCode}`));
			http
				.get(url, (res) => {
					res.resume();
					if (res.statusCode === 200) resolve();
					else setTimeout(attempt, 300);
				})
				.on('error', () =>
					Date.now() - started > timeoutMs
						? reject(new Error('server did not start'))
						: setTimeout(attempt, 300)
				);
		};
		attempt();
	});
}

function get(
	url: string,
	agent?: http.Agent,
	headers: Record<string, string> = {}
): Promise<{ status: number; body: Buffer; headers: http.IncomingHttpHeaders }> {
	return new Promise((resolve, reject) => {
		http
			.get(url, { agent, headers }, (res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () =>
					resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), headers: res.headers })
				);
				res.on('error', reject);
			})
			.on('error', reject);
	});
}

/** Requests per second with `clients` keep-alive clients each sending requests back to back for `seconds`. */
async function load(url: string, clients: number, seconds: number): Promise<{ rps: number; bytes: number }> {
	const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
	const until = performance.now() + seconds * 1000;
	let done = 0;
	let bytes = 0;
	const started = performance.now();
	await Promise.all(
		Array.from({ length: clients }, async () => {
			while (performance.now() < until) {
				const r = await get(url, agent);
				if (r.status !== 200) throw new Error(`${url}: HTTP ${r.status}`);
				done++;
				bytes += r.body.length;
			}
		})
	);
	const elapsed = (performance.now() - started) / 1000;
	agent.destroy();
	return { rps: done / elapsed, bytes };
}

/** Every JS file the HTML loads up front, plus their static imports (dynamic import() is lazy: not counted). */
function initialJs(html: string, linkHeader: string, clientDir: string): { files: string[]; lazy: string[] } {
	const seen = new Set<string>();
	const lazy = new Set<string>();
	// SvelteKit sends the modulepreloads as a Link header; the HTML starts the entry scripts.
	const preloads = linkHeader
		.split(',')
		.filter((l) => /rel="?modulepreload/.test(l))
		.join(' ');
	const queue = [...`${preloads} ${html}`.matchAll(/\/_app\/immutable\/[\w./-]+?\.js/g)].map((m) => m[0]);
	while (queue.length) {
		const url = queue.shift()!;
		if (seen.has(url)) continue;
		seen.add(url);
		const file = path.join(clientDir, url);
		const code = fs.readFileSync(file, 'utf8');
		const dir = path.posix.dirname(url);
		// Static: `import"./x.js"`, `import{a}from"./x.js"`, `export{a}from"./x.js"`. Dynamic: `import("./x.js")`.
		for (const m of code.matchAll(/(?:\bfrom\s*|\bimport\s*)["']([^"']+\.js)["']/g))
			queue.push(path.posix.join(dir, m[1]));
		// Lazy chunks of the page itself (app.js lazily imports every route's node: not this page's).
		if (!url.includes('/entry/'))
			for (const m of code.matchAll(/\bimport\(\s*["'`]([^"'`]+\.js)["'`]\s*\)/g))
				lazy.add(path.posix.join(dir, m[1]));
	}
	return { files: [...seen], lazy: [...lazy].filter((f) => !seen.has(f)) };
}

/** The client chunk of each language module (src/lib/i18n/languages/<lang>.ts), from Vite's manifest. */
function languageChunks(root: string): Record<string, string> {
	const manifest = path.join(root, '.svelte-kit', 'output', 'client', '.vite', 'manifest.json');
	if (!fs.existsSync(manifest)) return {};
	const entries = JSON.parse(fs.readFileSync(manifest, 'utf8')) as Record<string, { file: string }>;
	const out: Record<string, string> = {};
	for (const [src, entry] of Object.entries(entries)) {
		const m = /^src\/lib\/i18n\/languages\/(\w+)\.ts$/.exec(src);
		if (m && m[1] !== 'index') out[m[1]] = `/${entry.file}`;
	}
	return out;
}

const gzipKb = (files: string[], clientDir: string) =>
	files.reduce((sum, f) => sum + zlib.gzipSync(fs.readFileSync(path.join(clientDir, f))).length, 0) / 1024;

export default async function bench(): Promise<Measurement[]> {
	if (process.env.BENCH_SKIP_BUILD !== '1' || !fs.existsSync(path.join(root, 'build', 'index.js'))) {
		const built = spawnSync('npx', ['vite', 'build'], { cwd: root, stdio: 'ignore' });
		if (built.status !== 0) throw new Error('vite build failed');
	}
	const out: Measurement[] = [];
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'qk-map-bench-'));
	try {
		const dataDir = path.join(work, 'data');
		const liteRefs = await prepareData(await openDatabase({ dataDir, lockRole: 'cli' }));
		out.push(...(await measure('pglite', { DATA_DIR: dataDir, DATABASE_URL: '' }, work, true, liteRefs)));
		const url = process.env.TEST_DATABASE_URL;
		if (url) {
			const name = `qk_bench_map_${Math.random().toString(16).slice(2, 10)}`;
			const admin = new pg.Client({ connectionString: url });
			await admin.connect();
			await admin.query(`create database ${name}`);
			const target = new URL(url);
			target.pathname = `/${name}`;
			try {
				const pgRefs = await prepareData(
					await openDatabase({ databaseUrl: target.toString() }),
					target.toString()
				);
				out.push(
					...(await measure(
						'postgres',
						{ DATA_DIR: path.join(work, 'pg-files'), DATABASE_URL: target.toString() },
						work,
						false,
						pgRefs
					))
				);
			} finally {
				await admin.query(`drop database if exists ${name} with (force)`);
				await admin.end();
			}
		}
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
	return out;
}

async function measure(
	kind: 'pglite' | 'postgres',
	env: Record<string, string>,
	work: string,
	firstLoadJs: boolean,
	refs: References
): Promise<Measurement[]> {
	const port = 4300 + Math.floor(Math.random() * 500);
	const barePort = port + 1;
	const base = `http://127.0.0.1:${port}`;
	const server = spawn(process.execPath, [path.join(root, 'build', 'index.js')], {
		cwd: root,
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: base,
			SEED_DEMO: '0',
			NODE_ENV: 'production',
			...env
		},
		stdio: 'ignore'
	});
	let bare: ChildProcess | undefined;
	const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;
	try {
		await waitForServer(`${base}/healthz`, server);
		const out: Measurement[] = [];
		if (firstLoadJs) {
			// (a) first-load JavaScript of the map page.
			const page = await get(`${base}/karte`);
			if (page.status !== 200) throw new Error(`/karte: HTTP ${page.status}`);
			// scripts/adapter.js puts adapter-node's output under build/app/.
			const clientDir = [path.join(root, 'build', 'app', 'client'), path.join(root, 'build', 'client')].find(
				(d) => fs.existsSync(d)
			)!;
			const link = page.headers.link;
			const { files, lazy } = initialJs(
				page.body.toString('utf8'),
				Array.isArray(link) ? link.join(',') : (link ?? ''),
				clientDir
			);
			// The page's language (German here) is a dynamic import, yet the root layout's load awaits it
			// before the first render: it counts as first-load. The other languages are never fetched.
			const languages = languageChunks(root);
			const pageLanguage = languages.de ? [languages.de] : [];
			const others = new Set(Object.values(languages));
			const firstLoad = gzipKb([...files, ...pageLanguage], clientDir);
			const lazyKb = gzipKb(
				lazy.filter((f) => !others.has(f)),
				clientDir
			);
			const languageKb = Object.entries(languages)
				.map(([lang, f]) => `${lang} ${round(gzipKb([f], clientDir))}`)
				.join(', ');
			out.push({
				name: 'map page first-load JavaScript',
				value: round(firstLoad),
				unit: 'KB gzip',
				target: '≤ 150 KB',
				met: firstLoad <= 150,
				notes: `${files.length} JS files loaded up front by /karte (modulepreload/entry links in the SSR HTML plus their static imports, gzip level 6) plus the page's language chunk (KB gzip per language: ${languageKb}); Leaflet and its CSS load lazily on mount (${round(lazyKb)} KB gzip in ${lazy.length} lazy chunk(s))`
			});
		}

		// (b) GeoJSON throughput against a bare node:http server with the same bytes.
		const geoUrl = `${base}/api/v1/areas.geojson?level=quartier`;
		const sample = await get(geoUrl);
		if (sample.status !== 200) throw new Error(`areas.geojson: HTTP ${sample.status}`);
		const features = (JSON.parse(sample.body.toString('utf8')) as { features: unknown[] }).features.length;
		const bodyFile = path.join(work, 'areas.geojson');
		fs.writeFileSync(bodyFile, sample.body);
		bare = spawn(
			process.execPath,
			[
				'-e',
				`const http=require('node:http');const body=require('node:fs').readFileSync(${JSON.stringify(bodyFile)});
				http.createServer((q,s)=>{s.writeHead(200,{'content-type':'application/geo+json; charset=utf-8','content-length':body.length});s.end(body)}).listen(${barePort},'127.0.0.1',()=>console.log('ready'))`
			],
			{ stdio: 'ignore' }
		);
		const bareUrl = `http://127.0.0.1:${barePort}/`;
		await waitForServer(bareUrl, bare);
		for (const clients of CLIENTS) {
			await load(geoUrl, clients, 1);
			await load(bareUrl, clients, 1);
			// Interleaved (bare, app, app, bare) so drift on a shared machine hits both alike.
			const bareRuns = [await load(bareUrl, clients, SECONDS / 2)];
			const appRuns = [await load(geoUrl, clients, SECONDS / 2), await load(geoUrl, clients, SECONDS / 2)];
			bareRuns.push(await load(bareUrl, clients, SECONDS / 2));
			const avg = (runs: { rps: number }[]) => runs.reduce((s, r) => s + r.rps, 0) / runs.length;
			const appRps = avg(appRuns);
			const bareRps = avg(bareRuns);
			const ratio = appRps / bareRps;
			const spread = (runs: { rps: number }[]) => runs.map((r) => round(r.rps)).join(' / ');
			out.push({
				name: `${kind} areas.geojson ${clients} client(s): app / bare node:http`,
				value: round(ratio, 2),
				unit: 'ratio',
				...(clients > 1 ? { target: '≥ 0.5', met: ratio >= 0.5 } : {}),
				notes: `app ${round(appRps)} req/s (runs ${spread(appRuns)}), bare node:http with the same ${round(sample.body.length / 1024)} KB (${features} areas) ${round(bareRps)} req/s (runs ${spread(bareRuns)}); keep-alive clients, same run, loopback, node build on ${kind}; bare SQL: a cold document ${round(refs.areasColdMs)} ms (built once per change), the check a cached one makes every 2 s ${round(refs.areasCheckMs, 2)} ms`
			});
		}
		bare.kill();
		out.push(...(await boxLoads(kind, base, work, barePort + 1, refs)));
		return out;
	} finally {
		bare?.kill();
		server.kill();
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}

/** As browsers ask. */
const GZIP = { 'accept-encoding': 'gzip' };

/** Each request's time for `total` GETs by `clients` keep-alive clients, each asking for `next()`. */
async function latencies(next: () => string, clients: number, total: number): Promise<number[]> {
	const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
	const times: number[] = [];
	let left = total;
	await Promise.all(
		Array.from({ length: clients }, async () => {
			while (left-- > 0) {
				const url = next();
				const start = performance.now();
				const r = await get(url, agent, GZIP);
				if (r.status !== 200) throw new Error(`${url}: HTTP ${r.status}`);
				times.push(performance.now() - start);
			}
		})
	);
	agent.destroy();
	return times.sort((a, b) => a - b);
}

/** (c) The contribution map's bounding-box loads over HTTP beside bare node:http and bare SQL. */
async function boxLoads(
	kind: 'pglite' | 'postgres',
	base: string,
	work: string,
	port: number,
	refs: References
): Promise<Measurement[]> {
	const boxUrl = () =>
		`${base}/beteiligung/${SLUG}/karte/beitraege.geojson?bbox=${viewport()
			.map((n) => n.toFixed(5))
			.join(',')}`;
	const sample = await get(boxUrl(), undefined, GZIP);
	if (sample.status !== 200) throw new Error(`beitraege.geojson: HTTP ${sample.status}`);
	const answer = JSON.parse(zlib.gunzipSync(sample.body).toString('utf8')) as { features: unknown[] };
	const bodyFile = path.join(work, 'box.geojson.gz');
	fs.writeFileSync(bodyFile, sample.body);
	const bare = spawn(
		process.execPath,
		[
			'-e',
			`const http=require('node:http');const body=require('node:fs').readFileSync(${JSON.stringify(bodyFile)});
			http.createServer((q,s)=>{s.writeHead(200,{'content-type':'application/json','content-encoding':'gzip','content-length':body.length});s.end(body)}).listen(${port},'127.0.0.1',()=>console.log('ready'))`
		],
		{ stdio: 'ignore' }
	);
	const bareUrl = `http://127.0.0.1:${port}/`;
	const out: Measurement[] = [];
	try {
		await waitForServer(bareUrl, bare);
		// Warm-up: the tiles are built as views ask for them, as on a map in use.
		await latencies(boxUrl, 1, BOX_LOADS);
		for (const clients of CLIENTS) {
			const bareTimes = await latencies(() => bareUrl, clients, BOX_LOADS);
			const t = await latencies(boxUrl, clients, BOX_LOADS);
			const p95 = percentile(t, 95);
			const lookups = refs.boxLookups.get(clients)!;
			const statement = refs.boxStatement.get(clients)!;
			out.push(
				{
					name: `${kind} contributions by bbox over HTTP p50, ${clients} client(s), ${CONTRIBUTIONS} contributions`,
					value: percentile(t, 50),
					unit: 'ms'
				},
				{
					name: `${kind} contributions by bbox over HTTP p95, ${clients} client(s), ${CONTRIBUTIONS} contributions`,
					value: p95,
					unit: 'ms',
					...(clients === 16 && kind === 'postgres' ? { target: '< 50 ms', met: p95 < 50 } : {}),
					notes: `GET /beteiligung/…/karte/beitraege.geojson?bbox= of a random 1.5 × 1 km view (${answer.features.length} features, ${Math.round(sample.body.length / 1024)} KB gzip in the sample), node build on ${kind}, keep-alive, gzip; bare node:http sending the sample's bytes: p50 ${percentile(bareTimes, 50)} / p95 ${percentile(bareTimes, 95)} ms; bare SQL a cached request runs (consultation, map version): p50 ${percentile(lookups, 50)} / p95 ${percentile(lookups, 95)} ms; bare SQL of the database-built map statement (views the cache cannot answer): p50 ${percentile(statement, 50)} / p95 ${percentile(statement, 95)} ms`
				}
			);
		}
	} finally {
		bare.kill();
	}
	return out;
}
