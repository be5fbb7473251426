// Runs the built app (`node build`, adapter-node) for tests that need the real server: hooks,
// headers, error pages. Builds first when build/ is missing or older than the sources.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '../../..');

function newestMtime(dir: string): number {
	let newest = 0;
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		const full = path.join(dir, entry.name);
		newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
	}
	return newest;
}

function buildIsStale(): boolean {
	const entry = path.join(repoRoot, 'build', 'index.js');
	return (
		!fs.existsSync(entry) ||
		Math.max(
			newestMtime(path.join(repoRoot, 'src')),
			fs.statSync(path.join(repoRoot, 'svelte.config.js')).mtimeMs
		) > fs.statSync(entry).mtimeMs
	);
}

// Test files run in parallel worker processes, and several start the built app: on a fresh clone
// they would all build at once into the same build/ (one of them then fails). A lock directory
// (mkdir is atomic) lets one build while the others wait and then find the build fresh.
const BUILD_LOCK = path.join(
	os.tmpdir(),
	`qk-build-${createHash('sha1').update(repoRoot).digest('hex').slice(0, 12)}.lock`
);
const LOCK_STALE_MS = 15 * 60_000;
const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

export function ensureBuild(): void {
	for (;;) {
		if (!buildIsStale()) return;
		try {
			fs.mkdirSync(BUILD_LOCK);
		} catch {
			// another worker is building; a lock left by a killed run is taken over after a while
			const age = Date.now() - (fs.statSync(BUILD_LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
			if (age > LOCK_STALE_MS) fs.rmSync(BUILD_LOCK, { recursive: true, force: true });
			pause(1_000);
			continue;
		}
		try {
			if (buildIsStale()) execFileSync('npx', ['vite', 'build'], { cwd: repoRoot, stdio: 'ignore' });
		} finally {
			fs.rmSync(BUILD_LOCK, { recursive: true, force: true });
		}
		return;
	}
}

export function freePort(): Promise<number> {
	return new Promise((resolve) => {
		const s = net.createServer().listen(0, '127.0.0.1', () => {
			const { port } = s.address() as net.AddressInfo;
			s.close(() => resolve(port));
		});
	});
}

export interface BuiltApp {
	base: string;
	process: ChildProcess;
	stop(): void;
}

/** Starts `node build` on a free port with env added; resolves once /healthz answers 200. */
export async function startBuiltApp(
	env: Record<string, string>,
	{ origin }: { origin?: string } = {}
): Promise<BuiltApp> {
	ensureBuild();
	const port = await freePort();
	const base = `http://127.0.0.1:${port}`;
	const child = spawn('node', ['build'], {
		cwd: repoRoot,
		stdio: ['ignore', 'ignore', 'pipe'],
		env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ORIGIN: origin ?? base, ...env }
	});
	let stderr = '';
	child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
	const started = Date.now();
	for (;;) {
		if (child.exitCode !== null) throw new Error(`node build exited: ${stderr}`);
		const ok = await fetch(`${base}/healthz`)
			.then((r) => r.status === 200)
			.catch(() => false);
		if (ok) break;
		if (Date.now() - started > 90_000) {
			child.kill('SIGTERM');
			throw new Error(`node build did not become healthy: ${stderr}`);
		}
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	return { base, process: child, stop: () => void child.kill('SIGTERM') };
}
