// `npm start`: builds the app when needed, then serves it on the embedded database with the demo city.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const buildEntry = path.join(root, 'build', 'index.js');

function newestMtime(dir) {
	let newest = 0;
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		const full = path.join(dir, entry.name);
		newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
	}
	return newest;
}

const sourcesChanged =
	!fs.existsSync(buildEntry) ||
	Math.max(newestMtime(path.join(root, 'src')), fs.statSync(path.join(root, 'package.json')).mtimeMs) >
		fs.statSync(buildEntry).mtimeMs;

if (sourcesChanged) {
	console.log('Quartierskompass wird gebaut …');
	const result = spawnSync('npx', ['vite', 'build'], { cwd: root, stdio: 'inherit' });
	if (result.status !== 0) process.exit(result.status ?? 1);
}

process.env.PORT ??= '3000';
// The same ORIGIN default as build/index.js (scripts/adapter.js), here for the message; BODY_SIZE_LIMIT is set there.
process.env.ORIGIN ??= `http://localhost:${process.env.PORT}`;
console.log(`Quartierskompass läuft auf ${process.env.ORIGIN}`);
process.chdir(root);
await import(buildEntry);
