// `npm run soak`: the long fault and load checks against the built app (`node build`), on embedded
// PGlite and on a throw-away PostgreSQL cluster in the same run. Prints acknowledged vs stored, the
// 5xx count and recovery times, and exits 1 when a check fails.
//   1. Load: W concurrent writers (64 on PostgreSQL, 16 on PGlite) post map contributions for
//      SOAK_LOAD_SECONDS (60); every acknowledged write must be stored, no 5xx.
//   2. kill -9 of the server in the middle of a burst of writes; restart; every acknowledged write
//      stored, every stored contribution with its area rows.
//   3. kill -9 of `qk import-indicators` in the middle of the import; after a restart the import
//      is all or nothing (and the same import then succeeds).
//   4. Backup under write load (PostgreSQL; PGlite allows one process, so with the server
//      stopped) and restore into an empty database: every write acknowledged before the backup
//      started is in it, and it is consistent (each contribution with its area rows).
//   5. Disk full on a photo upload (a 1 MB tmpfs as DATA_DIR/uploads; needs root, else skipped
//      and said so): a clear error, no row, no file, no temp file; with space again it works.
//   6. Database stopped and frozen (SIGSTOP) with the default timeouts: tests/integration/outage (503, recovery times).
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';
import pg from 'pg';
import { openDatabase, type Database } from '../src/lib/server/db/connection';
import { migrate } from '../src/lib/server/db/migrate';
import { seedDemoIfEmpty } from '../src/lib/server/demo';
import { ensureBuild } from '../tests/integration/helpers/built-app';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SLUG = 'marktplatz-altstadt';
const LOAD_SECONDS = Number(process.env.SOAK_LOAD_SECONDS ?? 60);
const CRASH_AFTER_MS = 4_000;
const started = performance.now();
/** SOAK_STEPS=load,backup,import,disk,outage (default: all) runs a part, e.g. to re-check one. */
const STEPS = (process.env.SOAK_STEPS ?? 'load,backup,import,disk,outage').split(',');
const step = (name: string) => STEPS.includes(name);

const failures: string[] = [];
const summary: string[] = [];
function check(ok: boolean, what: string) {
	const line = `${ok ? '  ✓' : '  ✗'} ${what}`;
	console.log(line);
	if (!ok) failures.push(what);
}
const log = (s: string) => console.log(s);
const since = (t: number) => Math.round(performance.now() - t);

// ---------------------------------------------------------------------------------------------
// Servers

/** Every server started, so a failed run leaves none behind. */
const children = new Set<ChildProcess>();

interface Server {
	base: string;
	child: ChildProcess;
	stderr: () => string;
}

function freePort(): Promise<number> {
	return new Promise((resolve) => {
		const s = http.createServer().listen(0, '127.0.0.1', () => {
			const { port } = s.address() as { port: number };
			s.close(() => resolve(port));
		});
	});
}

async function waitHealthy(base: string, child: ChildProcess, stderr: () => string, limitMs = 120_000) {
	const t0 = performance.now();
	for (;;) {
		if (child.exitCode !== null || child.signalCode) throw new Error(`server exited: ${stderr()}`);
		const ok = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(5_000) })
			.then((r) => r.status === 200)
			.catch(() => false);
		if (ok) return since(t0);
		if (performance.now() - t0 > limitMs) throw new Error(`server not healthy: ${stderr()}`);
		await new Promise((r) => setTimeout(r, 100));
	}
}

async function startServer(env: Record<string, string>, port?: number): Promise<Server & { ms: number }> {
	const p = port ?? (await freePort());
	const base = `http://127.0.0.1:${p}`;
	const childEnv: NodeJS.ProcessEnv = {
		...process.env,
		PORT: String(p),
		HOST: '127.0.0.1',
		ORIGIN: base,
		SEED_DEMO: '1',
		ADDRESS_HEADER: 'x-forwarded-for',
		ANON_PROOF_OF_WORK: '0',
		DATABASE_URL: '',
		...env
	};
	delete childEnv.NODE_ENV; // the demo city is seeded outside production only
	const t0 = performance.now();
	const child = spawn(process.execPath, [path.join(root, 'build', 'index.js')], {
		cwd: root,
		env: childEnv,
		stdio: ['ignore', 'ignore', 'pipe']
	});
	let err = '';
	child.stderr!.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-4000)));
	children.add(child);
	child.once('exit', () => children.delete(child));
	await waitHealthy(base, child, () => err);
	// The demo city is seeded in the background after start-up (a no-op once it exists).
	for (;;) {
		const r = await fetch(`${base}/beteiligung/${SLUG}`).catch(() => null);
		if (r?.status === 200) break;
		if (performance.now() - t0 > 180_000) throw new Error(`demo consultation missing: ${err}`);
		await new Promise((res) => setTimeout(res, 200));
	}
	return { base, child, stderr: () => err, ms: since(t0) };
}

async function stopServer(server: Server, signal: NodeJS.Signals = 'SIGTERM') {
	if (server.child.exitCode !== null || server.child.signalCode) return;
	const exited = new Promise((r) => server.child.once('exit', r));
	server.child.kill(signal);
	const timer = setTimeout(() => server.child.kill('SIGKILL'), 10_000);
	await exited;
	clearTimeout(timer);
}

// ---------------------------------------------------------------------------------------------
// Writers

interface WriteStats {
	attempts: number;
	acked: Set<number>;
	fivexx: number;
	other: Record<string, number>;
	networkErrors: number;
	latencies: number[];
}

const newStats = (): WriteStats => ({
	attempts: 0,
	acked: new Set(),
	fivexx: 0,
	other: {},
	networkErrors: 0,
	latencies: []
});

/** Where the writers write: the demo consultation's topic and its published points (inside it). */
interface Target {
	points: number[][];
	categoryId: string;
}

/** Migrates and seeds the demo city (a no-op when seeded) and reads the target; no server may run on PGlite. */
async function prepareDemo(open: () => Promise<Database>): Promise<Target> {
	const database = await open();
	try {
		await migrate(database);
		await seedDemoIfEmpty(database);
		const { db } = database;
		const c = await db
			.selectFrom('consultation')
			.select('id')
			.where('slug', '=', SLUG)
			.executeTakeFirstOrThrow();
		const category = await db
			.selectFrom('consultation_category')
			.select('id')
			.where('consultation_id', '=', c.id)
			.orderBy('position')
			.executeTakeFirstOrThrow();
		const rows = await db
			.selectFrom('contribution')
			.select('geometry')
			.where('consultation_id', '=', c.id)
			.where('status', '=', 'published')
			.where('geometry_type', '=', 'Point')
			.execute();
		const points = rows.map((r) => (r.geometry as unknown as { coordinates: number[] }).coordinates);
		if (points.length === 0) throw new Error('no demo points to write near');
		return { points, categoryId: category.id };
	} finally {
		await database.close();
	}
}

let counter = 0;
/** One anonymous contribution, as the form posts it (progressively enhanced: JSON answer). */
async function writeOnce(base: string, marker: string, target: Target, stats: WriteStats) {
	const n = ++counter;
	const place = target.points[n % target.points.length];
	const form = new URLSearchParams({
		body: `Soak ${marker} Nr. ${n}: Hier fehlt eine Sitzbank, bitte prüfen (${n % 97}).`,
		geometry: JSON.stringify({ type: 'Point', coordinates: place }),
		categoryId: target.categoryId
	});
	stats.attempts++;
	const t0 = performance.now();
	try {
		const r = await fetch(`${base}/beteiligung/${SLUG}/karte?/create`, {
			method: 'POST',
			headers: {
				origin: base,
				'content-type': 'application/x-www-form-urlencoded',
				accept: 'application/json',
				'x-sveltekit-action': 'true',
				// One address per write: the anonymous limit (5 an hour) counts per address.
				'x-forwarded-for': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`
			},
			body: form,
			signal: AbortSignal.timeout(30_000)
		});
		const text = await r.text();
		stats.latencies.push(performance.now() - t0);
		if (r.status >= 500) stats.fivexx++;
		else if (r.status === 200 && (JSON.parse(text) as { type: string }).type === 'success')
			stats.acked.add(n);
		else stats.other[r.status] = (stats.other[r.status] ?? 0) + 1;
	} catch {
		stats.networkErrors++;
	}
}

async function writers(
	base: string,
	marker: string,
	target: Target,
	clients: number,
	until: () => boolean,
	stats = newStats()
): Promise<WriteStats> {
	await Promise.all(
		Array.from({ length: clients }, async () => {
			while (!until()) await writeOnce(base, marker, target, stats);
		})
	);
	return stats;
}

const pct = (xs: number[], p: number) => {
	if (!xs.length) return NaN;
	const s = [...xs].sort((a, b) => a - b);
	return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]);
};

// ---------------------------------------------------------------------------------------------
// Database checks

interface Stored {
	numbers: Set<number>;
	withoutAreas: number;
}

async function storedWrites(db: Database, marker: string): Promise<Stored> {
	const rows = await db.db
		.selectFrom('contribution as c')
		.select([
			'c.body',
			(eb) =>
				eb
					.selectFrom('contribution_area as ca')
					.select((e) => e.fn.countAll<number>().as('n'))
					.whereRef('ca.contribution_id', '=', 'c.id')
					.as('areas')
		])
		.where('c.body', 'like', `Soak ${marker} Nr. %`)
		.execute();
	const numbers = new Set<number>();
	let withoutAreas = 0;
	for (const r of rows) {
		numbers.add(Number(/Nr\. (\d+):/.exec(r.body)![1]));
		if (Number(r.areas) === 0) withoutAreas++;
	}
	return { numbers, withoutAreas };
}

function compare(label: string, stats: WriteStats, stored: Stored, opts: { no5xx: boolean }) {
	const lost = [...stats.acked].filter((n) => !stored.numbers.has(n));
	const unacked = [...stored.numbers].filter((n) => !stats.acked.has(n)).length;
	const line =
		`${label}: ${stats.attempts} attempts, ${stats.acked.size} acknowledged, ${stored.numbers.size} stored ` +
		`(${lost.length} acknowledged but missing, ${unacked} stored without acknowledgement), ` +
		`${stats.fivexx} × 5xx, ${stats.networkErrors} connection errors, other ${JSON.stringify(stats.other)}, ` +
		`latency p50 ${pct(stats.latencies, 50)} ms p95 ${pct(stats.latencies, 95)} ms`;
	log(`  ${line}`);
	summary.push(line);
	check(lost.length === 0, `${label}: every acknowledged write stored`);
	check(stored.withoutAreas === 0, `${label}: every stored contribution has its area rows`);
	if (opts.no5xx) check(stats.fivexx === 0, `${label}: no 5xx`);
	check(stats.acked.size > 0, `${label}: writes were acknowledged at all`);
}

// ---------------------------------------------------------------------------------------------
// Backends

interface Backend {
	kind: 'pglite' | 'postgres';
	env: Record<string, string>;
	writers: number;
	/** Opens the database for checks (PGlite: only while no server runs). */
	open(): Promise<Database>;
	cliEnv: Record<string, string>;
}

async function withDb<T>(backend: Backend, fn: (db: Database) => Promise<T>): Promise<T> {
	const db = await backend.open();
	try {
		return await fn(db);
	} finally {
		await db.close();
	}
}

function qk(args: string[], env: Record<string, string>) {
	return spawnSync(process.execPath, [path.join(root, 'bin', 'qk.js'), ...args], {
		cwd: root,
		env: { ...process.env, DATABASE_URL: '', ...env },
		encoding: 'utf8'
	});
}

async function loadAndCrash(backend: Backend) {
	// The server seeds the demo city on embedded PGlite only (and `qk seed demo` too): the soak loads
	// it itself, on both, as the integration tests do.
	const places = await prepareDemo(backend.open);
	log(`\n▶ ${backend.kind}: load, ${backend.writers} writers for ${LOAD_SECONDS} s`);
	let server = await startServer(backend.env);
	const marker = randomBytes(4).toString('hex');
	const end = performance.now() + LOAD_SECONDS * 1000;
	const load = await writers(server.base, marker, places, backend.writers, () => performance.now() > end);
	log(`  ${Math.round(load.acked.size / LOAD_SECONDS)} acknowledged writes per second`);

	log(`▶ ${backend.kind}: kill -9 during a burst of writes`);
	const crash = newStats();
	let killed = false;
	const burst = writers(server.base, `${marker}k`, places, backend.writers, () => killed, crash);
	// Kill in the middle of the burst: once it is acknowledging writes (and at least CRASH_AFTER_MS in).
	const burstStart = performance.now();
	while (since(burstStart) < 60_000 && (crash.acked.size < 20 || since(burstStart) < CRASH_AFTER_MS))
		await new Promise((r) => setTimeout(r, 50));
	const before = crash.acked.size;
	server.child.kill('SIGKILL');
	await new Promise((r) => server.child.once('exit', r));
	await new Promise((r) => setTimeout(r, 300));
	killed = true;
	await burst;
	log(`  killed after ${before} acknowledged writes of the burst`);
	const restart = performance.now();
	server = await startServer(backend.env);
	const recovery = since(restart);
	log(`  restarted: healthy ${recovery} ms after the restart`);
	summary.push(`${backend.kind} restart after kill -9 of the server: healthy in ${recovery} ms`);
	// Writes work again after the restart.
	const after = newStats();
	await writeOnce(server.base, `${marker}k`, places, after);
	check(after.acked.size === 1, `${backend.kind}: a write after the restart is acknowledged`);
	check(before > 0, `${backend.kind}: the burst had acknowledged writes when the server was killed`);
	for (const n of after.acked) crash.acked.add(n);
	if (backend.kind === 'pglite') await stopServer(server);
	await withDb(backend, async (db) => {
		compare(`${backend.kind} load`, load, await storedWrites(db, marker), { no5xx: true });
		compare(`${backend.kind} kill -9 burst`, crash, await storedWrites(db, `${marker}k`), { no5xx: false });
	});
	if (backend.kind === 'postgres') await stopServer(server);
}

/** A long-layout indicator table: key;indicator;year;value for every area of the level. */
async function indicatorFile(backend: Backend, dir: string, prefix: string) {
	const { level, keys } = await withDb(backend, async (db) => {
		const rows = await db.db
			.selectFrom('area as a')
			.innerJoin('area_level as l', 'l.id', 'a.level_id')
			.select(['a.key', 'l.name', 'l.rank'])
			.where('a.valid_to', 'is', null)
			.orderBy('l.rank', 'desc')
			.execute();
		const deepest = rows[0].rank;
		return { level: rows[0].name, keys: rows.filter((r) => r.rank === deepest).map((r) => r.key) };
	});
	const lines = ['Schluessel;Indikator;Jahr;Wert'];
	const INDICATORS = 40;
	const YEARS = 12;
	for (let i = 0; i < INDICATORS; i++)
		for (let y = 0; y < YEARS; y++)
			for (const [k, key] of keys.entries())
				lines.push(`${key};${prefix} ${i + 1};${2010 + y};${((i * 31 + y * 7 + k) % 900) / 10}`);
	const file = path.join(dir, `${prefix}.csv`);
	fs.writeFileSync(file, `${lines.join('\n')}\n`);
	return { file, level, expected: INDICATORS * YEARS * keys.length, indicators: INDICATORS };
}

function importArgs(file: string, level: string) {
	return [
		'import-indicators',
		file,
		'--level',
		level,
		'--layout',
		'long',
		'--key-column',
		'Schluessel',
		'--indicator-column',
		'Indikator',
		'--year-column',
		'Jahr',
		'--value-column',
		'Wert',
		'--decimal',
		'.'
	];
}

async function importCounts(backend: Backend, prefix: string) {
	return withDb(backend, async (db) => {
		const ids = await db.db
			.selectFrom('indicator')
			.select('id')
			.where('name', 'like', `${prefix} %`)
			.execute();
		const values = ids.length
			? await db.db
					.selectFrom('indicator_value')
					.select((eb) => eb.fn.countAll<number>().as('n'))
					.where(
						'indicator_id',
						'in',
						ids.map((i) => i.id)
					)
					.where('derived', '=', false)
					.executeTakeFirstOrThrow()
			: { n: 0 };
		const pending = await db.db
			.selectFrom('indicator_publication')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		return { indicators: ids.length, values: Number(values.n), pending: Number(pending.n) };
	});
}

/** Kills the import while it writes (PostgreSQL: once it holds a write lock on indicator_value). */
/** The live processes of a process group (from /proc; zombies count as gone). */
function groupPids(pgrp: number): number[] {
	return fs.readdirSync('/proc').flatMap((d) => {
		if (!/^\d+$/.test(d)) return [];
		try {
			const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
			const [state, , group] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			return Number(group) === pgrp && state !== 'Z' ? [Number(d)] : [];
		} catch {
			return []; // gone meanwhile
		}
	});
}

async function importCrash(backend: Backend, work: string) {
	log(`\n▶ ${backend.kind}: kill -9 during an indicator import`);
	await prepareDemo(backend.open); // a no-op after the load step
	// A full import first: how long it takes, and that it works.
	const full = await indicatorFile(backend, work, `Soak Voll ${backend.kind}`);
	const t0 = performance.now();
	const ok = qk(importArgs(full.file, full.level), backend.cliEnv);
	const fullMs = since(t0);
	if (ok.status !== 0) log(ok.stdout + ok.stderr);
	check(
		ok.status === 0,
		`${backend.kind}: a complete import of ${full.expected} values succeeds (${fullMs} ms)`
	);
	const fullCounts = await importCounts(backend, `Soak Voll ${backend.kind}`);
	check(
		fullCounts.values === full.expected,
		`${backend.kind}: it stored ${fullCounts.values}/${full.expected} values`
	);

	const job = await indicatorFile(backend, work, `Soak Abbruch ${backend.kind}`);
	const child = spawn(
		process.execPath,
		[path.join(root, 'bin', 'qk.js'), ...importArgs(job.file, job.level)],
		{
			cwd: root,
			env: { ...process.env, DATABASE_URL: '', ...backend.cliEnv },
			stdio: 'ignore',
			detached: true // its own process group: the kill reaches tsx's node child too
		}
	);
	const t1 = performance.now();
	let killedAt = 0;
	if (backend.kind === 'postgres') {
		const client = new pg.Client({ connectionString: backend.cliEnv.DATABASE_URL });
		await client.connect();
		for (;;) {
			const r = await client.query(
				`select count(*)::int n from pg_locks l join pg_class c on c.oid = l.relation
				  where c.relname in ('indicator_value', 'indicator_value_stage') and l.mode = 'RowExclusiveLock'
				    and l.pid <> pg_backend_pid()`
			);
			if (r.rows[0].n > 0 || child.exitCode !== null || since(t1) > 60_000) break;
			await new Promise((res) => setTimeout(res, 20));
		}
		await client.end();
		await new Promise((res) => setTimeout(res, 50));
	} else {
		// One process only on PGlite: kill once the import's processes have written 2 MB (opening
		// the database writes a little, staging the values a lot), read from /proc/PID/io.
		const written = () => {
			let sum = 0;
			for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
				try {
					const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
					const pgrp = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
					if (pgrp !== child.pid) continue;
					sum += Number(/^wchar: (\d+)/m.exec(fs.readFileSync(`/proc/${pid}/io`, 'utf8'))?.[1] ?? 0);
				} catch {
					// gone meanwhile
				}
			}
			return sum;
		};
		await new Promise((res) => setTimeout(res, 200));
		const base = written();
		while (written() - base < 2 * 2 ** 20 && child.exitCode === null && since(t1) < fullMs * 2)
			await new Promise((res) => setTimeout(res, 20));
	}
	const stillRunning = child.exitCode === null;
	killedAt = since(t1);
	try {
		process.kill(-child.pid!, 'SIGKILL');
	} catch {
		/* already gone */
	}
	await new Promise((res) =>
		child.exitCode !== null || child.signalCode ? res(null) : child.once('exit', res)
	);
	// The wrapper's exit comes first; the import's own node process (same group) may take a moment.
	for (let waited = 0; groupPids(child.pid!).length > 0 && waited < 5_000; waited += 20)
		await new Promise((res) => setTimeout(res, 20));
	check(
		stillRunning,
		`${backend.kind}: the import was still running when killed (${killedAt} ms in, full run ${fullMs} ms)`
	);
	// A start of the app (or CLI) finishes a publication left by the crash.
	const server = await startServer(backend.env);
	await new Promise((res) => setTimeout(res, 1_500));
	await stopServer(server);
	const counts = await importCounts(backend, `Soak Abbruch ${backend.kind}`);
	const line = `${backend.kind} import killed at ${killedAt} ms: ${counts.indicators} indicators, ${counts.values}/${job.expected} values after restart, ${counts.pending} publications pending`;
	log(`  ${line}`);
	summary.push(line);
	check(
		(counts.values === 0 && counts.indicators === 0) ||
			(counts.values === job.expected && counts.indicators === job.indicators),
		`${backend.kind}: the killed import is all or nothing`
	);
	check(counts.pending === 0, `${backend.kind}: no publication left pending after the restart`);
	if (counts.values === 0) {
		const again = qk(importArgs(job.file, job.level), backend.cliEnv);
		check(again.status === 0, `${backend.kind}: the same import succeeds after the crash`);
		const c2 = await importCounts(backend, `Soak Abbruch ${backend.kind}`);
		check(c2.values === job.expected, `${backend.kind}: … with all ${job.expected} values`);
	}
}

async function backupRoundTrip(backend: Backend, work: string, restoreEnv: Record<string, string>) {
	log(`\n▶ ${backend.kind}: backup${backend.kind === 'postgres' ? ' under write load' : ''} and restore`);
	const file = path.join(work, `${backend.kind}.qkbackup`);
	const marker = randomBytes(4).toString('hex');
	let ackedBefore = new Set<number>();
	let during = newStats();
	let backupMs = 0;
	if (backend.kind === 'postgres') {
		const places = await prepareDemo(backend.open);
		const server = await startServer(backend.env);
		let stop = false;
		const stats = newStats();
		const load = writers(server.base, marker, places, 8, () => stop, stats);
		await new Promise((r) => setTimeout(r, 3_000));
		ackedBefore = new Set(stats.acked);
		const t0 = performance.now();
		const child = spawn(process.execPath, [path.join(root, 'bin', 'qk.js'), 'backup', file], {
			cwd: root,
			env: { ...process.env, ...backend.cliEnv },
			stdio: ['ignore', 'ignore', 'pipe']
		});
		let err = '';
		child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
		const code = await new Promise<number | null>((r) => child.once('exit', r));
		backupMs = since(t0);
		stop = true;
		await load;
		during = stats;
		await stopServer(server);
		if (code !== 0) log(err);
		check(code === 0, `postgres: qk backup under load of 8 writers succeeds (${backupMs} ms)`);
		check(during.fivexx === 0, 'postgres: no 5xx while the backup ran');
	} else {
		await prepareDemo(backend.open); // a no-op after the load step
		const t0 = performance.now();
		const r = qk(['backup', file], backend.cliEnv);
		backupMs = since(t0);
		if (r.status !== 0) log(r.stderr);
		check(r.status === 0, `pglite: qk backup (server stopped) succeeds (${backupMs} ms)`);
	}
	const t1 = performance.now();
	const restored = qk(['restore', file], restoreEnv);
	const restoreMs = since(t1);
	if (restored.status !== 0) log(restored.stdout + restored.stderr);
	check(
		restored.status === 0,
		`${backend.kind}: qk restore into an empty database succeeds (${restoreMs} ms)`
	);
	const openRestored = () =>
		restoreEnv.DATABASE_URL
			? openDatabase({ databaseUrl: restoreEnv.DATABASE_URL })
			: openDatabase({ dataDir: restoreEnv.DATA_DIR, lockRole: 'cli' });
	const count = async (db: Database) =>
		Number(
			(
				await db.db
					.selectFrom('contribution')
					.select((eb) => eb.fn.countAll<number>().as('n'))
					.executeTakeFirstOrThrow()
			).n
		);
	const origin = await withDb(backend, async (db) => ({
		all: await count(db),
		soak: await storedWrites(db, marker)
	}));
	const copy = await openRestored();
	try {
		const inCopy = await storedWrites(copy, marker);
		const all = await count(copy);
		const lost = [...ackedBefore].filter((n) => !inCopy.numbers.has(n));
		const line =
			`${backend.kind} backup ${backupMs} ms, restore ${restoreMs} ms: ${all} contributions restored of ${origin.all} now stored; ` +
			(backend.kind === 'postgres'
				? `${ackedBefore.size} writes acknowledged before the backup started, ${lost.length} of them missing; ${during.acked.size} acknowledged in all, ${inCopy.numbers.size} of the run in the backup`
				: 'server stopped: the copy equals the original');
		log(`  ${line}`);
		summary.push(line);
		check(lost.length === 0, `${backend.kind}: every write acknowledged before the backup is in it`);
		check(
			inCopy.withoutAreas === 0,
			`${backend.kind}: the backup is consistent (contributions with their area rows)`
		);
		if (backend.kind === 'pglite') check(all === origin.all, 'pglite: restored count equals the original');
		else check(all <= origin.all && all > 0, 'postgres: the backup is a snapshot (no more than stored)');
	} finally {
		await copy.close();
	}
}

// ---------------------------------------------------------------------------------------------
// Disk full on upload

/** A PNG of random pixels (incompressible, so metadata stripping cannot shrink it): side² × 3 bytes. */
function randomPng(side: number): Buffer {
	const crcTable = Array.from({ length: 256 }, (_, n) => {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		return c >>> 0;
	});
	const crc = (b: Buffer) => {
		let c = 0xffffffff;
		for (const x of b) c = crcTable[(c ^ x) & 255] ^ (c >>> 8);
		return (c ^ 0xffffffff) >>> 0;
	};
	const chunk = (type: string, data: Buffer) => {
		const len = Buffer.alloc(4);
		len.writeUInt32BE(data.length);
		const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
		const c = Buffer.alloc(4);
		c.writeUInt32BE(crc(td));
		return Buffer.concat([len, td, c]);
	};
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(side, 0);
	ihdr.writeUInt32BE(side, 4);
	ihdr[8] = 8; // bit depth
	ihdr[9] = 2; // RGB
	const rows = Buffer.concat(
		Array.from({ length: side }, () => Buffer.concat([Buffer.from([0]), randomBytes(side * 3)]))
	);
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', ihdr),
		chunk('IDAT', deflateSync(rows)),
		chunk('IEND', Buffer.alloc(0))
	]);
}

async function diskFull(work: string) {
	log('\n▶ pglite: disk full on a photo upload');
	if (process.getuid?.() !== 0) {
		log('  SKIPPED: mounting a small tmpfs needs root (the integration test covers the write layer)');
		summary.push('disk full: skipped (not root)');
		return;
	}
	const dataDir = path.join(work, 'full');
	const uploads = path.join(dataDir, 'uploads');
	fs.mkdirSync(uploads, { recursive: true });
	execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', uploads]);
	try {
		const filler = path.join(uploads, 'filler.bin');
		// Fill all but ~20 KB; the photo needs ~200 KB.
		const free = () => fs.statfsSync(uploads).bavail * fs.statfsSync(uploads).bsize;
		fs.writeFileSync(filler, Buffer.alloc(free() - 20 * 1024));
		const places = await prepareDemo(() => openDatabase({ dataDir, lockRole: 'cli' }));
		const server = await startServer({ DATA_DIR: dataDir });
		try {
			const post = async (text: string) => {
				const form = new FormData();
				form.set('body', text);
				form.set('geometry', JSON.stringify({ type: 'Point', coordinates: places.points[0] }));
				form.set('categoryId', places.categoryId);
				form.set('photo1', new Blob([new Uint8Array(randomPng(260))], { type: 'image/png' }), 'bank.png');
				form.set('alt1', 'Eine Bank am Markt');
				const r = await fetch(`${server.base}/beteiligung/${SLUG}/karte?/create`, {
					method: 'POST',
					headers: { origin: server.base, 'x-forwarded-for': `10.200.0.${Math.floor(Math.random() * 250)}` },
					body: form
				});
				return { status: r.status, html: await r.text() };
			};
			const filesIn = () =>
				fs
					.readdirSync(uploads, { recursive: true, withFileTypes: true })
					.filter((e) => e.isFile() && e.name !== 'filler.bin');
			const full = await post('Soak Speicher voll: eine Bank mit Foto.');
			log(`  full disk: HTTP ${full.status}, ${filesIn().length} files left in uploads`);
			// Without JavaScript the page is rendered again with the form's error (HTTP as SvelteKit sends it).
			check(full.status !== 500, `disk full: the form again, not a 500 (HTTP ${full.status})`);
			check(
				full.html.includes('Der Speicher für Fotos ist gerade voll'),
				'disk full: the form says so in German'
			);
			check(full.html.includes('eine Bank mit Foto'), 'disk full: the typed text is kept');
			const filesLeft = filesIn().length;
			check(filesLeft === 0, 'disk full: no file and no temp file left');
			fs.rmSync(filler);
			const ok = await post('Soak Speicher wieder frei: eine Bank mit Foto.');
			check(
				ok.status === 200 && filesIn().length === 1,
				`disk free again: the same post is stored with its photo (HTTP ${ok.status})`
			);
			summary.push(
				`disk full on upload: HTTP ${full.status}, German message ${full.html.includes('Der Speicher für Fotos ist gerade voll') ? 'shown' : 'missing'}, ${filesLeft} files left; after freeing space HTTP ${ok.status}`
			);
		} finally {
			await stopServer(server);
		}
		const db = await openDatabase({ dataDir, lockRole: 'cli' });
		try {
			const rows = await db.db
				.selectFrom('contribution')
				.select('body')
				.where('body', 'like', 'Soak Speicher%')
				.execute();
			check(
				rows.length === 1 && rows[0].body.includes('wieder frei'),
				`disk full: no contribution row from the failed post (${rows.length} soak rows)`
			);
		} finally {
			await db.close();
		}
	} finally {
		spawnSync('umount', [uploads]);
	}
}

// ---------------------------------------------------------------------------------------------

function outage() {
	// `npm test` runs it with short timeouts; here with the production defaults (the real waits)
	log('\n▶ postgres: database stopped and frozen, default timeouts (tests/integration/outage)');
	const r = spawnSync('npx', ['vitest', 'run', 'tests/integration/outage'], {
		cwd: root,
		encoding: 'utf8',
		env: {
			...process.env,
			TEST_DATABASE_URL: '',
			OUTAGE_TIMEOUTS: 'default',
			NO_COLOR: '1',
			FORCE_COLOR: '0'
		}
	});
	// eslint-disable-next-line no-control-regex
	const out = `${r.stdout}${r.stderr}`.replace(/\x1b\[[0-9;]*m/g, '');
	const times = /Zeiten \(ms\): (\{.*\})/.exec(out)?.[1];
	const tests = /Tests\s+(.*)/.exec(out)?.[1]?.trim();
	log(`  ${tests ?? 'no test summary'}; times (ms): ${times ?? '?'}`);
	summary.push(`outage (stopped / frozen PostgreSQL, default timeouts): ${tests}; times (ms) ${times}`);
	check(
		r.status === 0 && /passed/.test(tests ?? '') && !/skipped/.test(tests ?? ''),
		'outage: 503 and recovery'
	);
}

let cleanupOnSignal: (() => void) | undefined;
for (const signal of ['SIGINT', 'SIGTERM'] as const)
	process.once(signal, () => {
		cleanupOnSignal?.();
		process.exit(130);
	});

async function main() {
	ensureBuild();
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'qk-soak-'));
	const cluster = execFileSync(
		'bash',
		[
			'-c',
			'source scripts/pg-cluster.sh && pg_cluster_start >/dev/null && echo "$PG_CLUSTER_DIR|$PG_CLUSTER_BIN|$TEST_DATABASE_URL"'
		],
		{ cwd: root, encoding: 'utf8' }
	)
		.trim()
		.split('\n')
		.pop()!
		.split('|');
	const [clusterDir, clusterBin, clusterUrl] = cluster;
	cleanupOnSignal = () => {
		for (const child of children) child.kill('SIGKILL');
		spawnSync('bash', ['-c', 'source scripts/pg-cluster.sh && pg_cluster_stop'], {
			cwd: root,
			env: { ...process.env, PG_CLUSTER_DIR: clusterDir, PG_CLUSTER_BIN: clusterBin }
		});
	};
	const admin = new pg.Client({ connectionString: clusterUrl });
	await admin.connect();
	const database = async (name: string) => {
		await admin.query(`create database ${name}`);
		const u = new URL(clusterUrl);
		u.pathname = `/${name}`;
		return u.toString();
	};
	try {
		const liteDir = path.join(work, 'lite');
		const lite: Backend = {
			kind: 'pglite',
			env: { DATA_DIR: liteDir },
			cliEnv: { DATA_DIR: liteDir },
			writers: 16,
			open: () => openDatabase({ dataDir: liteDir, lockRole: 'cli' })
		};
		const pgUrl = await database('qk_soak');
		const postgres: Backend = {
			kind: 'postgres',
			env: { DATABASE_URL: pgUrl, DATA_DIR: path.join(work, 'pg-files') },
			cliEnv: { DATABASE_URL: pgUrl, DATA_DIR: path.join(work, 'pg-files') },
			writers: 64,
			open: () => openDatabase({ databaseUrl: pgUrl })
		};
		if (step('load')) await loadAndCrash(postgres);
		if (step('load')) await loadAndCrash(lite);
		if (step('backup'))
			await backupRoundTrip(postgres, work, { DATABASE_URL: await database('qk_soak_restored') });
		if (step('backup')) await backupRoundTrip(lite, work, { DATA_DIR: path.join(work, 'lite-restored') });
		if (step('import')) await importCrash(postgres, work);
		if (step('import')) await importCrash(lite, work);
		if (step('disk')) await diskFull(work);
	} finally {
		for (const child of children) child.kill('SIGKILL');
		await admin.end();
		spawnSync('bash', ['-c', 'source scripts/pg-cluster.sh && pg_cluster_stop'], {
			cwd: root,
			env: { ...process.env, PG_CLUSTER_DIR: clusterDir, PG_CLUSTER_BIN: clusterBin }
		});
		for (const m of fs.readFileSync('/proc/mounts', 'utf8').split('\n'))
			if (m.includes(work)) spawnSync('umount', [m.split(' ')[1]]);
		fs.rmSync(work, { recursive: true, force: true });
	}
	if (step('outage')) outage();
	log(`\n=== soak summary (${Math.round((performance.now() - started) / 1000)} s) ===`);
	for (const s of summary) log(`- ${s}`);
	if (failures.length) {
		log(`\nFAILED (${failures.length}):`);
		for (const f of failures) log(`  ✗ ${f}`);
		process.exit(1);
	}
	log('\nall soak checks passed');
	process.exit(0);
}

await main();
