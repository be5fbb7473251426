// qk backup / restore / seed demo, run in-process through runCli with a config pointing at temp
// dirs, and once as a real subprocess (node bin/qk.js) to prove the bin works.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIO } from '../../../src/cli/command';
import { runCli } from '../../../src/cli/main';
import { readConfig } from '../../../src/lib/server/config';
import { openDatabase, pgliteDataPath, type Database } from '../../../src/lib/server/db/connection';
import { migrate } from '../../../src/lib/server/db/migrate';
import { createLocalStorage } from '../../../src/lib/server/storage';
import { insertSampleData, snapshotStorage, snapshotTables, tempDir } from '../helpers/system-sample-data';

const root = path.resolve(import.meta.dirname, '../../..');
const dirs: string[] = [];
const newDir = () => {
	const dir = tempDir('qk-cli-');
	dirs.push(dir);
	return dir;
};
afterAll(() => {
	for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

function testIO(env: NodeJS.ProcessEnv): CliIO & { stdout: string[]; stderr: string[] } {
	const stdout: string[] = [];
	const stderr: string[] = [];
	return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l), config: readConfig(env) };
}

async function withDataDir<T>(dataDir: string, fn: (database: Database) => Promise<T>): Promise<T> {
	const database = await openDatabase({ dataDir, lockRole: 'test' });
	try {
		return await fn(database);
	} finally {
		await database.close();
	}
}

describe('qk backup and qk restore', () => {
	let source: string;
	let sourceTables: Record<string, string[]>;
	let sourceFiles: Record<string, number[]>;
	let file: string;

	beforeAll(async () => {
		source = newDir();
		await withDataDir(source, async (database) => {
			await migrate(database);
			await insertSampleData(database, createLocalStorage(path.join(source, 'uploads')));
			sourceTables = await snapshotTables(database);
		});
		sourceFiles = await snapshotStorage(createLocalStorage(path.join(source, 'uploads')));
		file = path.join(newDir(), 'sicherung.qkbackup.gz');
	});

	it('qk backup FILE writes the backup and reports what it holds', async () => {
		const io = testIO({ DATA_DIR: source });
		expect(await runCli(['backup', file], io)).toBe(0);
		expect(io.stderr).toEqual([]);
		expect(io.stdout[0]).toMatch(/^Sicherung geschrieben: .*sicherung\.qkbackup\.gz \(/);
		expect(io.stdout[1]).toMatch(/Zeilen aus \d+ Tabellen, 3 Datei\(en\)/);
		expect(fs.existsSync(file)).toBe(true);
	});

	it('never overwrites an existing backup file', async () => {
		const io = testIO({ DATA_DIR: source });
		const before = fs.readFileSync(file);
		expect(await runCli(['backup', file], io)).toBe(1);
		expect(io.stderr.join('\n')).toMatch(/Fehler: Die Datei .* gibt es schon/);
		expect(fs.readFileSync(file)).toEqual(before);
		expect(await runCli(['backup'], io)).toBe(1);
		expect(io.stderr.at(-1)).toMatch(/Bitte genau eine Zieldatei angeben/);
	});

	it('qk restore FILE fills a new, empty data dir with the same rows and files', async () => {
		const target = newDir();
		const io = testIO({ DATA_DIR: target });
		expect(await runCli(['restore', file], io)).toBe(0);
		expect(io.stdout[0]).toMatch(/^Sicherung eingespielt in den Datenordner /);
		const restored = await withDataDir(target, (database) => snapshotTables(database));
		for (const table of Object.keys(sourceTables)) {
			if (table === 'session' || table === 'rate_limit') expect(restored[table], table).toEqual([]);
			else expect(restored[table], table).toEqual(sourceTables[table]);
		}
		expect(await snapshotStorage(createLocalStorage(path.join(target, 'uploads')))).toEqual(sourceFiles);

		// A second restore into the now filled data dir is refused.
		const again = testIO({ DATA_DIR: target });
		expect(await runCli(['restore', file], again)).toBe(1);
		expect(again.stderr.join('\n')).toMatch(/Fehler: Die Zieldatenbank enthält bereits Daten/);
		expect(await runCli(['restore', path.join(target, 'gibt-es-nicht.gz')], again)).toBe(1);
		expect(again.stderr.at(-1)).toMatch(/Die Sicherungsdatei .* gibt es nicht/);
	});

	describe('while the server holds the data dir', () => {
		let server: ChildProcess;
		beforeAll(async () => {
			// A real process takes the data-dir lock exactly as the web server does at start.
			server = spawn(
				process.execPath,
				[
					'--import',
					'tsx',
					'-e',
					`import { acquireLock } from ${JSON.stringify(path.join(root, 'src/lib/server/db/lock.ts'))};
					 acquireLock(${JSON.stringify(source)}, 'server', 'http://localhost:3999');
					 console.log('bereit'); setInterval(() => {}, 1000);`
				],
				{ cwd: root, stdio: ['ignore', 'pipe', 'inherit'] }
			);
			await new Promise<void>((resolve, reject) => {
				server.stdout!.on('data', (d: Buffer) => d.toString().includes('bereit') && resolve());
				server.on('exit', (code) => reject(new Error(`lock holder exited with ${code}`)));
			});
		});
		afterAll(async () => {
			// Killed without cleanup, like a crashed server: the stale lock must not block later commands.
			const exited = new Promise((resolve) => server.once('exit', resolve));
			server.kill('SIGKILL');
			await exited;
		});

		it('qk backup refuses clearly and writes nothing', async () => {
			const io = testIO({ DATA_DIR: source });
			const second = path.join(path.dirname(file), 'waehrend-server.gz');
			expect(await runCli(['backup', second], io)).toBe(2);
			expect(io.stderr.join('\n')).toMatch(
				new RegExp(
					`vom laufenden Server \\(PID ${server.pid}, http://localhost:3999\\).*Beenden Sie diesen Prozess zuerst`
				)
			);
			expect(fs.existsSync(second)).toBe(false);
			expect(fs.readdirSync(path.dirname(file)).filter((f) => f.includes('waehrend'))).toEqual([]);
		});
	});

	it('node bin/qk.js backup works as a real subprocess', () => {
		const out = path.join(path.dirname(file), 'subprozess.qkbackup.gz');
		const result = spawnSync(process.execPath, [path.join(root, 'bin/qk.js'), 'backup', out], {
			// From the project dir: bin/qk.js resolves tsx relative to the working directory.
			cwd: root,
			env: { ...process.env, DATA_DIR: source, DATABASE_URL: '' },
			encoding: 'utf8',
			timeout: 60_000
		});
		expect(result.stderr).not.toMatch(/Fehler/);
		expect(result.status).toBe(0);
		expect(result.stdout).toMatch(/Sicherung geschrieben: .*subprozess\.qkbackup\.gz/);
		const lines = gunzipSync(fs.readFileSync(out))
			.toString('utf8')
			.trimEnd()
			.split('\n')
			.map((l) => JSON.parse(l));
		const inProcess = gunzipSync(fs.readFileSync(file))
			.toString('utf8')
			.trimEnd()
			.split('\n')
			.map((l) => JSON.parse(l));
		expect(lines[0]).toMatchObject({ type: 'header', format: 'quartierskompass-backup' });
		expect(lines.at(-1).rowCounts).toEqual(inProcess.at(-1).rowCounts);
		expect(lines.at(-1).uploadCount).toBe(3);
	});
});

describe('qk seed demo', () => {
	it('loads Musterstadt into the embedded database and --remove deletes it again', async () => {
		const dir = newDir();
		const io = testIO({ DATA_DIR: dir });
		expect(await runCli(['seed', 'demo'], io)).toBe(0);
		expect(io.stdout.join('\n')).toMatch(/Demo-Stadt „Musterstadt“ geladen: \d+ Gebiete, \d+ Demo-Konten/);
		const counted = async () =>
			withDataDir(dir, (database) =>
				database.withRawClient(async (c) => {
					const [row] = await c.query<{ areas: number; users: number }>(
						`select (select count(*)::int from qk.area where is_demo) as areas,
						        (select count(*)::int from qk.app_user where is_demo) as users`
					);
					return row;
				})
			);
		const loaded = await counted();
		expect(loaded.areas).toBeGreaterThan(10);
		expect(loaded.users).toBeGreaterThan(0);
		expect(io.stdout.join('\n')).toContain(`${loaded.areas} Gebiete, ${loaded.users} Demo-Konten`);

		const remove = testIO({ DATA_DIR: dir });
		expect(await runCli(['seed', 'demo', '--remove'], remove)).toBe(0);
		expect(remove.stdout.join('\n')).toMatch(/Demo-Daten .* gelöscht/);
		expect(await counted()).toEqual({ areas: 0, users: 0 });
	});

	it('refuses with DATABASE_URL or in production, before opening any database', async () => {
		const dir = newDir();
		for (const env of [
			{ DATA_DIR: dir, DATABASE_URL: 'postgres://niemand@127.0.0.1:1/keine' },
			{ DATA_DIR: dir, NODE_ENV: 'production' }
		]) {
			const io = testIO(env);
			expect(await runCli(['seed', 'demo'], io)).toBe(1);
			expect(io.stderr.join('\n')).toMatch(
				/Fehler: Die Demo-Stadt wird nur in die eingebettete Datenbank geladen – nie, wenn DATABASE_URL gesetzt ist oder NODE_ENV=production gilt\./
			);
		}
		expect(fs.existsSync(pgliteDataPath(dir))).toBe(false);
		const io = testIO({ DATA_DIR: dir });
		expect(await runCli(['seed', 'demo', '--alles'], io)).toBe(1);
		expect(io.stderr.join('\n')).toMatch(/Unbekannte Angabe: --alles/);
	});
});
