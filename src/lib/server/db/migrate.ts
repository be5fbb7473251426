// Applies supabase/migrations/*.sql in order, each in its own transaction, under an advisory
// lock, recorded in supabase_migrations.schema_migrations exactly as the Supabase CLI does.
import fs from 'node:fs';
import path from 'node:path';
import type { Database, RawClient } from './connection';

// Arbitrary constant shared by every app node: pg_advisory_lock key for migrations.
const MIGRATION_LOCK_KEY = 7_316_402_119;

export interface MigrationFile {
	version: string;
	name: string;
	sql: string;
}

export function migrationsDir(): string {
	// Works from src/ (tsx, vitest) and from the built server (cwd = project root).
	return path.resolve(process.env.QK_MIGRATIONS_DIR ?? path.join(process.cwd(), 'supabase', 'migrations'));
}

export function readMigrationFiles(dir = migrationsDir()): MigrationFile[] {
	return fs
		.readdirSync(dir)
		.filter((f) => /^\d{14}_.+\.sql$/.test(f))
		.sort()
		.map((f) => ({
			version: f.slice(0, 14),
			name: f.slice(15, -4),
			sql: fs.readFileSync(path.join(dir, f), 'utf8')
		}));
}

async function ensureHistoryTable(client: RawClient) {
	await client.exec(`
		create schema if not exists supabase_migrations;
		create table if not exists supabase_migrations.schema_migrations (
			version text primary key,
			statements text[],
			name text
		);`);
}

export async function appliedVersions(database: Database): Promise<string[]> {
	return database.withRawClient(async (client) => {
		await ensureHistoryTable(client);
		const rows = await client.query<{ version: string }>(
			'select version from supabase_migrations.schema_migrations order by version'
		);
		return rows.map((r) => r.version);
	});
}

export interface MigrateResult {
	applied: string[];
	current: string | null;
}

/** Applies pending migrations, optionally only up to (and including) `upTo`. */
export async function migrate(
	database: Database,
	options: { files?: MigrationFile[]; upTo?: string } = {}
): Promise<MigrateResult> {
	const files = options.files ?? readMigrationFiles();
	return database.withRawClient(async (client) => {
		await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
		try {
			await ensureHistoryTable(client);
			const done = new Set(
				(
					await client.query<{ version: string }>('select version from supabase_migrations.schema_migrations')
				).map((r) => r.version)
			);
			const applied: string[] = [];
			for (const file of files) {
				if (done.has(file.version)) continue;
				if (options.upTo && file.version > options.upTo) break;
				await client.exec('begin');
				try {
					await client.exec(file.sql);
					await client.query(
						'insert into supabase_migrations.schema_migrations (version, statements, name) values ($1, $2, $3)',
						[file.version, [file.sql], file.name]
					);
					await client.exec('commit');
				} catch (e) {
					await client.exec('rollback');
					throw new Error(`Migration ${file.version}_${file.name} fehlgeschlagen: ${(e as Error).message}`, {
						cause: e
					});
				}
				applied.push(file.version);
			}
			const last = await client.query<{ version: string | null }>(
				'select max(version) as version from supabase_migrations.schema_migrations'
			);
			return { applied, current: last[0]?.version ?? null };
		} finally {
			await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
		}
	});
}
