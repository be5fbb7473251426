// Runs the built app (`node build`, adapter-node) for tests that need the real server: hooks,
// headers, error pages. Builds first when build/ is missing or older than the sources.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
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

export function ensureBuild(): void {
	const entry = path.join(repoRoot, 'build', 'index.js');
	const stale =
		!fs.existsSync(entry) ||
		Math.max(
			newestMtime(path.join(repoRoot, 'src')),
			fs.statSync(path.join(repoRoot, 'svelte.config.js')).mtimeMs
		) > fs.statSync(entry).mtimeMs;
	if (stale) execFileSync('npx', ['vite', 'build'], { cwd: repoRoot, stdio: 'ignore' });
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
