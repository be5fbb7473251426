import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { openDatabase } from '../../src/lib/server/db/connection';
import { appliedVersions, migrate, readMigrationFiles } from '../../src/lib/server/db/migrate';
import { describeEachDatabase, openTestDatabase } from './helpers/db';

describeEachDatabase('migrations', (get, kind) => {
	it('records every migration file in supabase_migrations.schema_migrations', async () => {
		const files = readMigrationFiles();
		expect(await appliedVersions(get())).toEqual(files.map((f) => f.version));
		const rows = await get().withRawClient((c) =>
			c.query<{ version: string; name: string; statements: string[] }>(
				'select version, name, statements from supabase_migrations.schema_migrations order by version'
			)
		);
		expect(rows[0].name).toBe(files[0].name);
		expect(rows[0].statements.join('\n')).toContain('create table qk.app_user');
	});

	it('is idempotent: a second run applies nothing', async () => {
		const result = await migrate(get());
		expect(result.applied).toEqual([]);
	});

	it('keeps tables in schema qk with row level security enabled and none in public', async () => {
		const tables = await sql<{ tablename: string; rowsecurity: boolean; schemaname: string }>`
			select tablename, rowsecurity, schemaname from pg_tables where schemaname in ('qk', 'public')`.execute(
			get().db
		);
		expect(tables.rows.length).toBeGreaterThan(5);
		expect(tables.rows.filter((t) => t.schemaname === 'public')).toEqual([]);
		expect(tables.rows.filter((t) => !t.rowsecurity)).toEqual([]);
	});

	it('rolls a failing migration back completely and reports its name', async () => {
		const broken = {
			version: '99990101000000',
			name: 'broken',
			sql: 'create table qk.half_done (id int); select * from qk.does_not_exist;'
		};
		await expect(migrate(get(), { files: [...readMigrationFiles(), broken] })).rejects.toThrow(
			/99990101000000_broken/
		);
		const exists = await sql<{
			n: number;
		}>`select count(*)::int as n from pg_tables where tablename = 'half_done'`.execute(get().db);
		expect(exists.rows[0].n).toBe(0);
		expect(await appliedVersions(get())).not.toContain('99990101000000');
	});

	if (kind === 'postgres') {
		it('serialises concurrent migrators with the advisory lock', async () => {
			const other = await openTestDatabase('postgres');
			try {
				const late = {
					version: '99990102000000',
					name: 'slow',
					sql: 'select pg_sleep(0.3); create table qk.only_once (id int);'
				};
				const files = [...readMigrationFiles(), late];
				// Two connections to the same database, migrating at once: exactly one applies it.
				const results = await Promise.all([migrate(other, { files }), migrate(other, { files })]);
				expect(results.map((r) => r.applied.length).sort()).toEqual([0, 1]);
			} finally {
				await other.close();
			}
		});
	}
});

it('an embedded data dir refuses a second opener while the first holds it', async () => {
	const fs = await import('node:fs');
	const os = await import('node:os');
	const path = await import('node:path');
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qk-lock-'));
	const first = await openDatabase({ dataDir: dir, lockRole: 'server', lockUrl: 'http://localhost:9' });
	try {
		// Simulate another process by pretending the lock belongs to a live foreign PID (our parent).
		const lockFile = path.join(dir, 'qk.lock');
		const info = JSON.parse(fs.readFileSync(lockFile, 'utf8'));
		fs.writeFileSync(lockFile, JSON.stringify({ ...info, pid: process.ppid }));
		await expect(openDatabase({ dataDir: dir, lockRole: 'cli' })).rejects.toThrow(
			/wird bereits vom laufenden Server/
		);
		fs.writeFileSync(lockFile, JSON.stringify(info));
	} finally {
		await first.close();
		fs.rmSync(dir, { recursive: true, force: true });
	}
});
