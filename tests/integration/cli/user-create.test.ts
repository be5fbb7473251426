import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/main';
import type { CliIO } from '../../../src/cli/command';
import { verifyPassword } from '../../../src/lib/server/auth/password';
import { readConfig } from '../../../src/lib/server/config';
import { openDatabase } from '../../../src/lib/server/db/connection';

function captureIO(dataDir: string): CliIO & { lines: string[]; errors: string[] } {
	const lines: string[] = [];
	const errors: string[] = [];
	return {
		lines,
		errors,
		out: (line) => lines.push(line),
		err: (line) => errors.push(line),
		config: readConfig({ DATA_DIR: dataDir })
	};
}

async function readAccount(dataDir: string, email: string) {
	const database = await openDatabase({ dataDir, lockRole: 'test' });
	try {
		const user = await database.db
			.selectFrom('app_user')
			.select(['id', 'email', 'display_name', 'email_verified_at', 'password_hash'])
			.where('email', '=', email)
			.executeTakeFirst();
		const grants = user
			? await database.db
					.selectFrom('role_grant')
					.select(['role', 'scope_type'])
					.where('user_id', '=', user.id)
					.execute()
			: [];
		return { user, grants };
	} finally {
		await database.close();
	}
}

describe('qk user create (embedded database in a temporary data dir)', () => {
	let dir: string;
	beforeAll(() => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qk-cli-user-'));
	});
	afterAll(() => {
		fs.rmSync(dir, { recursive: true, force: true });
	});

	it('creates an admin with a generated password, printed once, and a global admin grant', async () => {
		const io = captureIO(dir);
		const code = await runCli(
			['user', 'create', '--email', 'Admin@Stadt.example', '--role', 'admin', '--name', 'Ada Admin'],
			io
		);
		expect(io.errors).toEqual([]);
		expect(code).toBe(0);
		const passwordLine = io.lines.find((l) => l.startsWith('Erzeugtes Passwort'));
		const password = passwordLine?.split(': ').pop() ?? '';
		expect(password).toMatch(/^[a-z2-7]{20}$/);
		expect(io.lines.filter((l) => l.includes(password))).toHaveLength(1);

		const { user, grants } = await readAccount(dir, 'admin@stadt.example');
		expect(user).toMatchObject({ display_name: 'Ada Admin' });
		expect(user!.email_verified_at).not.toBeNull();
		expect(await verifyPassword(user!.password_hash, password)).toBe(true);
		expect(grants).toEqual([{ role: 'admin', scope_type: 'global' }]);
		// The lock is released after the command.
		expect(fs.existsSync(path.join(dir, 'qk.lock'))).toBe(false);
	});

	it('uses a given password and prints none; a planner gets a global grant', async () => {
		const io = captureIO(dir);
		expect(
			await runCli(
				[
					'user',
					'create',
					'--email',
					'planung@stadt.example',
					'--role',
					'planner',
					'--password',
					'Sehr-geheim-2026'
				],
				io
			)
		).toBe(0);
		expect(io.lines.join('\n')).not.toContain('Sehr-geheim-2026');
		expect(io.lines.join('\n')).not.toContain('Erzeugtes Passwort');
		const { user, grants } = await readAccount(dir, 'planung@stadt.example');
		expect(await verifyPassword(user!.password_hash, 'Sehr-geheim-2026')).toBe(true);
		expect(user!.display_name).toBe('planung');
		expect(grants).toEqual([{ role: 'planner', scope_type: 'global' }]);
	});

	it('explains mistakes: duplicate e-mail, unknown role, missing options, short password', async () => {
		const cases: [string[], RegExp][] = [
			[['--email', 'admin@stadt.example', '--role', 'resident'], /bereits ein Konto/],
			[['--email', 'x@stadt.example', '--role', 'kaiser'], /Unbekannte Rolle „kaiser“/],
			[['--role', 'admin'], /--email und --role sind nötig/],
			[['--email', 'y@stadt.example', '--role', 'admin', '--password', 'kurz'], /mindestens 10 Zeichen/],
			[['--email', 'z@stadt.example', '--role', 'admin', '--bogus'], /Aufruf: qk user create/]
		];
		for (const [args, message] of cases) {
			const io = captureIO(dir);
			expect(await runCli(['user', 'create', ...args], io)).toBe(1);
			expect(io.errors.join('\n')).toMatch(message);
		}
		expect((await readAccount(dir, 'y@stadt.example')).user).toBeUndefined();
	});

	it('a quarter manager is created without a grant and told where to assign areas', async () => {
		const io = captureIO(dir);
		expect(
			await runCli(['user', 'create', '--email', 'qm@stadt.example', '--role', 'quarter_manager'], io)
		).toBe(0);
		expect(io.lines.join('\n')).toMatch(/\/admin\/benutzer/);
		expect((await readAccount(dir, 'qm@stadt.example')).grants).toEqual([]);
	});

	it('refuses while a running server holds the data dir, and creates nothing', async () => {
		// Simulate the server: a lock file owned by a live process other than ours (our parent).
		fs.writeFileSync(
			path.join(dir, 'qk.lock'),
			JSON.stringify({
				pid: process.ppid,
				role: 'server',
				url: 'http://localhost:3000',
				startedAt: new Date().toISOString()
			})
		);
		try {
			const io = captureIO(dir);
			expect(await runCli(['user', 'create', '--email', 'spaet@stadt.example', '--role', 'admin'], io)).toBe(
				2
			);
			expect(io.errors.join('\n')).toMatch(
				/wird bereits vom laufenden Server \(PID \d+, http:\/\/localhost:3000\) verwendet/
			);
			expect(io.lines).toEqual([]);
		} finally {
			fs.rmSync(path.join(dir, 'qk.lock'));
		}
		expect((await readAccount(dir, 'spaet@stadt.example')).user).toBeUndefined();
	});

	it('is listed in qk --help', async () => {
		const io = captureIO(dir);
		expect(await runCli(['--help'], io)).toBe(0);
		expect(io.lines.join('\n')).toContain('qk user create --email E --role ROLE');
	});
});
