// `npm run bench`: runs every bench/*.bench.ts module in turn and writes bench/results.json.
// Budgets are reported next to each measurement (met: true/false), never asserted in tests.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface Measurement {
	name: string;
	value: number;
	unit: string;
	/** e.g. '< 10 s' — what the issue asks for */
	target?: string;
	met?: boolean;
	notes?: string;
}

export type Bench = () => Promise<Measurement[]>;

const dir = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = fs
	.readdirSync(dir)
	.filter((f) => f.endsWith('.bench.ts'))
	// `npm run bench map` runs map.bench.ts only (an exact name wins over a part of one).
	.filter(
		(f) =>
			only.length === 0 ||
			only.some(
				(o) => f === `${o}.bench.ts` || (!fs.existsSync(path.join(dir, `${o}.bench.ts`)) && f.includes(o))
			)
	)
	.sort();

// PGlite and PostgreSQL in the same run: without TEST_DATABASE_URL a throw-away cluster is started
// (scripts/pg-cluster.sh, as `npm test` does) and stopped at the end.
let cluster: { dir: string; bin: string } | undefined;
if (!process.env.TEST_DATABASE_URL) {
	const started = spawnSync(
		'bash',
		[
			'-c',
			'source scripts/pg-cluster.sh && pg_cluster_start >/dev/null && echo "$PG_CLUSTER_DIR|$PG_CLUSTER_BIN|$TEST_DATABASE_URL"'
		],
		{ cwd: path.join(dir, '..'), encoding: 'utf8' }
	);
	const [clusterDir, bin, url] = (started.stdout ?? '').trim().split('\n').pop()!.split('|');
	if (started.status === 0 && url) {
		cluster = { dir: clusterDir, bin };
		process.env.TEST_DATABASE_URL = url;
	} else process.stdout.write('No PostgreSQL server binaries: PGlite figures only.\n');
}

function stopCluster() {
	if (!cluster) return;
	spawnSync('bash', ['-c', 'source scripts/pg-cluster.sh && pg_cluster_stop'], {
		cwd: path.join(dir, '..'),
		env: { ...process.env, PG_CLUSTER_DIR: cluster.dir, PG_CLUSTER_BIN: cluster.bin }
	});
	cluster = undefined;
}
for (const signal of ['SIGINT', 'SIGTERM'] as const)
	process.once(signal, () => {
		stopCluster();
		process.exit(130);
	});

const results: Record<string, Measurement[] | { error: string }> = {};
for (const file of files) {
	const name = file.replace(/\.bench\.ts$/, '');
	process.stdout.write(`▶ ${name}\n`);
	try {
		const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as { default: Bench };
		results[name] = await mod.default();
		for (const m of results[name] as Measurement[]) {
			const verdict = m.met === undefined ? '' : m.met ? '  ✓' : '  ✗ over budget';
			process.stdout.write(
				`  ${m.name}: ${m.value} ${m.unit}${m.target ? ` (target ${m.target})` : ''}${verdict}\n`
			);
		}
	} catch (e) {
		results[name] = { error: (e as Error).stack ?? String(e) };
		process.stdout.write(`  failed: ${(e as Error).message}\n`);
	}
}

stopCluster();

const out = {
	date: new Date().toISOString(),
	machine: { cpus: os.cpus().length, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
	results
};
fs.writeFileSync(path.join(dir, 'results.json'), `${JSON.stringify(out, null, '\t')}\n`);
process.stdout.write(`\nbench/results.json written.\n`);
