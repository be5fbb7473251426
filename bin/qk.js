#!/usr/bin/env node
// The qk CLI. Runs the TypeScript sources through tsx so admins need no build step.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// Resolve tsx from our own install, so `qk` works from any working directory.
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const result = spawnSync(
	process.execPath,
	['--import', tsx, path.join(root, 'src', 'cli', 'index.ts'), ...process.argv.slice(2)],
	{
		stdio: 'inherit',
		env: {
			...process.env,
			QK_MIGRATIONS_DIR: process.env.QK_MIGRATIONS_DIR ?? path.join(root, 'supabase', 'migrations')
		}
	}
);
process.exit(result.status ?? 1);
