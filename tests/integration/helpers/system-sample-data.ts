// Realistic data for backup/restore tests: users with grants, nested areas with geometry and bbox,
// mails, page texts, audit entries, settings, sessions, tokens and uploads (rows + bytes).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../../src/lib/server/db/connection';
import type { Storage } from '../../../src/lib/server/storage';

// Children get ids that sort BEFORE their parents, so a restore in id order would break the FK.
export const IDS = {
	planner: '00000000-0000-4000-8000-000000000001',
	manager: '00000000-0000-4000-8000-000000000002',
	resident: '00000000-0000-4000-8000-000000000003',
	org: '00000000-0000-4000-8000-0000000000aa',
	levelCity: '00000000-0000-4000-8000-0000000000c1',
	levelDistrict: '00000000-0000-4000-8000-0000000000c2',
	levelQuarter: '00000000-0000-4000-8000-0000000000c3',
	city: 'ffffffff-0000-4000-8000-000000000001',
	district: '88888888-0000-4000-8000-000000000001',
	quarterA: '11111111-0000-4000-8000-000000000001',
	quarterB: '11111111-0000-4000-8000-000000000002'
};

export const UPLOADS: { key: string; contentType: string; data: Uint8Array }[] = [
	{
		key: 'fotos/2026/11/spielplatz.jpg',
		contentType: 'image/jpeg',
		data: Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, ...randomBytes(3000), 0xff, 0xd9])
	},
	{
		key: 'dokumente/werkstatt-protokoll.pdf',
		contentType: 'application/pdf',
		data: new TextEncoder().encode('%PDF-1.7\n…')
	},
	{ key: 'ohne-zeile.bin', contentType: 'application/octet-stream', data: new Uint8Array(0) }
];

const square = (x: number, y: number, d: number) => ({
	type: 'Polygon',
	coordinates: [
		[
			[x, y],
			[x + d, y],
			[x + d, y + d],
			[x, y + d],
			[x, y]
		]
	]
});

export async function insertSampleData(database: Database, storage: Storage): Promise<void> {
	await database.withRawClient(async (c) => {
		await c.query(
			`insert into qk.app_user (id, email, email_verified_at, password_hash, display_name, locale, password_changed_at, created_at)
			 values ($1, 'planung@stadt.example', '2026-03-01T08:15:30.123456Z', '$argon2id$v=19$m=19456,t=2,p=1$abc$def', 'Petra Planerin', 'de', '2026-03-02T10:00:00+01:00', '2026-03-01T08:00:00Z'),
			        ($2, 'qm.nordstadt@traeger.example', null, null, 'Kemal Quartiersmanager', 'en', null, '2026-04-01T08:00:00Z'),
			        ($3, 'bürgerin@example.org', now(), null, 'Anna „Nachbarin“ O''Brien', 'ar', null, now())`,
			[IDS.planner, IDS.manager, IDS.resident]
		);
		await c.query(`insert into qk.organisation (id, name) values ($1, 'Caritasverband Musterstadt e. V.')`, [
			IDS.org
		]);
		await c.query(
			`insert into qk.area_level (id, key, name, rank) values ($1, 'stadt', 'Stadt', 0), ($2, 'bezirk', 'Stadtbezirk', 1), ($3, 'quartier', 'Quartier', 2)`,
			[IDS.levelCity, IDS.levelDistrict, IDS.levelQuarter]
		);
		// Inserted parents first here, but their ids sort last.
		const areas = [
			[IDS.city, IDS.levelCity, '05', 'Musterstadt', null, 250000, square(7.0, 51.0, 0.2)],
			[IDS.district, IDS.levelDistrict, '051', 'Nord', IDS.city, 60000, square(7.0, 51.1, 0.1)],
			[IDS.quarterA, IDS.levelQuarter, '05101', 'Nordstadt-West', IDS.district, 812, square(7.0, 51.1, 0.05)],
			[IDS.quarterB, IDS.levelQuarter, '05102', 'Nordstadt-Ost', IDS.district, 12000, null]
		] as const;
		for (const [id, level, key, name, parent, population, geometry] of areas) {
			await c.query(
				`insert into qk.area (id, level_id, key, name, parent_id, population, population_year, valid_from, geometry, geometry_original, bbox)
				 values ($1, $2, $3, $4, $5, $6, 2025, '2024-01-01', $7::jsonb, $7::jsonb,
				   case when $7::jsonb is null then null else box(point($8, $9), point($10, $11)) end)`,
				[
					id,
					level,
					key,
					name,
					parent,
					population,
					geometry ? JSON.stringify(geometry) : null,
					geometry?.coordinates[0][0][0] ?? 0,
					geometry?.coordinates[0][0][1] ?? 0,
					geometry?.coordinates[0][2][0] ?? 0,
					geometry?.coordinates[0][2][1] ?? 0
				]
			);
		}
		await c.query(
			`insert into qk.role_grant (user_id, role, scope_type, scope_id, granted_by) values
			 ($1, 'planner', 'global', null, null),
			 ($1, 'admin', 'global', null, null),
			 ($2, 'quarter_manager', 'area', $3, $1),
			 ($2, 'quarter_manager', 'area', $4, $1),
			 ($2, 'organisation_member', 'organisation', $5, $1)`,
			[IDS.planner, IDS.manager, IDS.quarterA, IDS.quarterB, IDS.org]
		);
		await c.query(
			`insert into qk.mail_outbox (to_address, subject, body_text, kind, sent_at, attempts, last_error) values
			 ('qm.nordstadt@traeger.example', 'Bitte bestätigen Sie Ihre E-Mail-Adresse', E'Hallo,\\nbitte klicken Sie:\\nhttps://example.org/bestaetigen?t=abc', 'verify_email', null, 2, 'SMTP 451 – später erneut'),
			 ('planung@stadt.example', 'Willkommen', 'Schön, dass Sie da sind.', 'welcome', '2026-03-01T09:00:00Z', 1, null)`
		);
		await c.query(
			`insert into qk.page_text (slug, locale, title, body, updated_by) values
			 ('impressum', 'de', 'Impressum', E'Stadt Musterstadt\\nRathausplatz 1', $1),
			 ('datenschutz', 'en', 'Privacy', 'We store as little as possible.', null)`,
			[IDS.planner]
		);
		await c.query(
			`insert into qk.audit_log (actor_id, action, subject_type, subject_id, details) values
			 ($1, 'role.grant', 'app_user', $2, '{"role": "quarter_manager", "areas": ["05101", "05102"], "nested": {"n": 1.5, "ok": true, "none": null}}')`,
			[IDS.planner, IDS.manager]
		);
		await c.query(
			`insert into qk.app_setting (key, value) values ('secret', '"0123abcd"'), ('site', '{"name": "Musterstadt", "zoom": 12}'), ('flag', 'true')
			 on conflict (key) do update set value = excluded.value`
		);
		await c.query(
			`insert into qk.session (id, user_id, expires_at) values ('sess-hash-1', $1, now() + interval '30 days')`,
			[IDS.planner]
		);
		await c.query(`insert into qk.rate_limit (key, window_start, count) values ('hmac-abc', now(), 3)`);
		await c.query(
			`insert into qk.auth_token (id, user_id, purpose, expires_at) values ('tok-hash-1', $1, 'verify_email', now() + interval '1 day')`,
			[IDS.manager]
		);
		for (const [i, u] of UPLOADS.entries()) {
			if (i === 2) continue; // one file without a qk.upload row: still backed up
			await c.query(
				`insert into qk.upload (storage_key, content_type, size_bytes, owner_id) values ($1, $2, $3, $4)`,
				[u.key, u.contentType, u.data.length, IDS.resident]
			);
		}
	});
	for (const u of UPLOADS) await storage.put(u.key, u.data, u.contentType);
}

/** Every row of every qk table as canonical JSON text (UTC), sorted — for exact comparisons. */
export async function snapshotTables(
	database: Database,
	tables?: string[]
): Promise<Record<string, string[]>> {
	return database.withRawClient(async (c) => {
		await c.exec(`set time zone 'UTC'`);
		const names =
			tables ??
			(
				await c.query<{ name: string }>(
					`select tablename as name from pg_tables where schemaname = 'qk' order by tablename`
				)
			).map((r) => r.name);
		const out: Record<string, string[]> = {};
		for (const name of names) {
			const rows = await c.query<{ r: string }>(`select to_jsonb(t)::text as r from qk."${name}" t`);
			// Sorted in JS: the servers' collations may differ.
			out[name] = rows.map((r) => r.r).sort();
		}
		return out;
	});
}

export async function snapshotStorage(storage: Storage): Promise<Record<string, number[]>> {
	const out: Record<string, number[]> = {};
	for (const o of await storage.list()) out[o.key] = [...((await storage.get(o.key)) ?? [])];
	return out;
}

export function tempDir(prefix = 'qk-system-'): string {
	return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A brand-new PostgreSQL database with nothing in it (no migrations), dropped on close. */
export async function openEmptyPostgres(): Promise<Database> {
	const base = process.env.TEST_DATABASE_URL!;
	const name = `${inject('testDatabasePrefix')}${randomBytes(6).toString('hex')}`;
	const admin = new pg.Client({ connectionString: base });
	await admin.connect();
	await admin.query(`create database ${name}`);
	await admin.end();
	const url = new URL(base);
	url.pathname = `/${name}`;
	const database = await openDatabase({ databaseUrl: url.toString() });
	const close = database.close.bind(database);
	database.close = async () => {
		await close();
		const dropper = new pg.Client({ connectionString: base });
		await dropper.connect();
		// Without force: pool.end() resolves before its sockets are closed, so wait for them.
		for (let attempt = 0; ; attempt++) {
			try {
				await dropper.query(`drop database if exists ${name}`);
				break;
			} catch (e) {
				if (attempt >= 30) throw e;
				await new Promise((resolve) => setTimeout(resolve, 100));
			}
		}
		await dropper.end();
	};
	return database;
}
