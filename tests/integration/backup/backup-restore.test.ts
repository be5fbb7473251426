// Backup → restore round trips between PGlite and PostgreSQL (every combination this run has),
// plus the failure cases: damaged files leave the target empty, filled targets are refused.
import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	BackupError,
	EXCLUDED_TABLES,
	createBackup,
	restoreBackup,
	type BackupSummary
} from '../../../src/lib/server/backup';
import { ensureSecret } from '../../../src/lib/server/app';
import { openDatabase, type Database } from '../../../src/lib/server/db/connection';
import { appliedVersions, readMigrationFiles } from '../../../src/lib/server/db/migrate';
import { createLocalStorage, type Storage } from '../../../src/lib/server/storage';
import { createSupabaseStorage } from '../../../src/lib/server/storage/supabase';
import { startSupabaseStorageStandIn, type StandIn } from '../helpers/supabase-storage-stand-in';
import { databaseKinds, describeEachDatabase, type DatabaseKind } from '../helpers/db';
import {
	IDS,
	UPLOADS,
	insertSampleData,
	openEmptyPostgres,
	snapshotStorage,
	snapshotTables,
	tempDir
} from '../helpers/system-sample-data';

const dirs: string[] = [];
afterAll(() => {
	for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});
const newDir = () => {
	const dir = tempDir();
	dirs.push(dir);
	return dir;
};

const standIns: StandIn[] = [];
afterAll(async () => {
	for (const standIn of standIns) await standIn.close();
});

/** The storage that goes with a database kind: local disk for PGlite, Supabase Storage (stand-in) for a server. */
async function storageFor(kind: DatabaseKind, dir: string): Promise<Storage> {
	if (kind === 'pglite') return createLocalStorage(path.join(dir, 'uploads'));
	const standIn = await startSupabaseStorageStandIn();
	standIns.push(standIn);
	return createSupabaseStorage({ url: standIn.url, serviceKey: standIn.serviceKey, bucket: standIn.bucket });
}

/** An empty target: a new PGlite data dir, or a new PostgreSQL database without any migration. */
async function openEmptyTarget(kind: DatabaseKind): Promise<{ database: Database; storage: Storage }> {
	const dir = newDir();
	const database =
		kind === 'pglite' ? await openDatabase({ dataDir: dir, lockRole: 'test' }) : await openEmptyPostgres();
	return { database, storage: await storageFor(kind, dir) };
}

const latestVersion = readMigrationFiles().at(-1)!.version;
const backedUpTables = (all: Record<string, string[]>) =>
	Object.fromEntries(
		Object.entries(all).filter(([name]) => !(EXCLUDED_TABLES as readonly string[]).includes(name))
	);

describeEachDatabase('backup and restore', (get, sourceKind) => {
	let storage: Storage;
	let file: string;
	let summary: BackupSummary;
	let source: Record<string, string[]>;

	beforeAll(async () => {
		const dir = newDir();
		storage = await storageFor(sourceKind, dir);
		await insertSampleData(get(), storage);
		file = path.join(dir, 'sicherung.qkbackup.gz');
		summary = await createBackup(get(), storage, file, { now: new Date('2026-11-23T12:00:00Z') });
		source = await snapshotTables(get());
	});

	it('writes a gzip NDJSON file with header, rows in dependency order, uploads and trailer', () => {
		const lines = gunzipSync(fs.readFileSync(file))
			.toString('utf8')
			.trimEnd()
			.split('\n')
			.map((l) => JSON.parse(l));
		const header = lines[0];
		expect(header).toMatchObject({
			type: 'header',
			format: 'quartierskompass-backup',
			formatVersion: 1,
			schemaVersion: latestVersion,
			createdAt: '2026-11-23T12:00:00.000Z',
			source: sourceKind,
			excludedTables: ['session', 'rate_limit']
		});
		const order = header.tables.map((t: { name: string }) => t.name);
		expect(order).not.toContain('session');
		expect(order).not.toContain('rate_limit');
		for (const [child, parent] of [
			['area', 'area_level'],
			['role_grant', 'app_user'],
			['upload', 'app_user'],
			['page_text', 'app_user'],
			['auth_token', 'app_user']
		])
			expect(order.indexOf(child), `${parent} before ${child}`).toBeGreaterThan(order.indexOf(parent));
		const areaRows = lines.filter((l) => l.type === 'rows' && l.table === 'area').flatMap((l) => l.rows);
		expect(areaRows.map((r: { id: string }) => r.id)).toEqual([
			IDS.city,
			IDS.district,
			IDS.quarterA,
			IDS.quarterB
		]);
		const uploads = lines.filter((l) => l.type === 'upload');
		expect(uploads.map((u) => [u.key, u.contentType])).toEqual([
			['dokumente/werkstatt-protokoll.pdf', 'application/pdf'],
			['fotos/2026/11/spielplatz.jpg', 'image/jpeg'],
			['ohne-zeile.bin', 'application/octet-stream']
		]);
		expect(lines.at(-1)).toMatchObject({ type: 'trailer', uploadCount: 3 });
		expect(summary.rowCounts).toMatchObject({
			app_user: 3,
			area: 4,
			role_grant: 5,
			mail_outbox: 2,
			upload: 2
		});
		expect(summary.uploadBytes).toBe(UPLOADS.reduce((n, u) => n + u.data.length, 0));
	});

	for (const targetKind of databaseKinds()) {
		const storageKind = targetKind === 'pglite' ? 'local disk' : 'Supabase Storage';
		it(`restores into an empty ${targetKind} database (uploads to ${storageKind}) with identical rows and upload bytes`, async () => {
			const target = await openEmptyTarget(targetKind);
			try {
				const result = await restoreBackup(target.database, target.storage, file);
				expect(result.currentVersion).toBe(latestVersion);
				expect(result.uploadCount).toBe(3);
				expect(await appliedVersions(target.database)).toEqual(readMigrationFiles().map((m) => m.version));
				const restored = await snapshotTables(target.database);
				expect(backedUpTables(restored)).toEqual(backedUpTables(source));
				expect(restored.area.length).toBe(4);
				// Sessions never travel to another server; rate limits neither.
				expect(restored.session).toEqual([]);
				expect(restored.rate_limit).toEqual([]);
				expect(await snapshotStorage(target.storage)).toEqual(await snapshotStorage(storage));
				// The restored data is usable: the tree and bounding boxes answer queries.
				const rows = await target.database.withRawClient((c) =>
					c.query<{ name: string }>(
						`select a.name from qk.area a join qk.area p on p.id = a.parent_id
						 where p.key = '051' and a.bbox && box(point(7.01, 51.11), point(7.02, 51.12)) order by a.name`
					)
				);
				expect(rows.map((r) => r.name)).toEqual(['Nordstadt-West']);
			} finally {
				await target.database.close();
			}
		});
	}

	it('restores into a freshly started install that holds only its generated secret', async () => {
		const target = await openEmptyTarget('pglite');
		try {
			const { migrate } = await import('../../../src/lib/server/db/migrate');
			await migrate(target.database);
			await ensureSecret(target.database);
			await restoreBackup(target.database, target.storage, file);
			const settings = await snapshotTables(target.database, ['app_setting']);
			expect(settings).toEqual(await snapshotTables(get(), ['app_setting']));
			expect(settings.app_setting.join()).toContain('0123abcd');
		} finally {
			await target.database.close();
		}
	});

	it('refuses to restore into a database that already holds data, and changes nothing', async () => {
		const before = await snapshotTables(get());
		await expect(restoreBackup(get(), storage, file)).rejects.toThrow(
			/Die Zieldatenbank enthält bereits Daten \(Tabelle \w+\)\. Eine Sicherung wird nur in eine leere Datenbank eingespielt/
		);
		expect(await snapshotTables(get())).toEqual(before);
	});
});

describe('damaged backups', () => {
	let dir: string;
	let file: string;
	let plain: string;
	let source: Database;

	beforeAll(async () => {
		dir = newDir();
		source = await openDatabase({ dataDir: path.join(dir, 'quelle'), lockRole: 'test' });
		const { migrate } = await import('../../../src/lib/server/db/migrate');
		await migrate(source);
		const storage = createLocalStorage(path.join(dir, 'quelle', 'uploads'));
		await insertSampleData(source, storage);
		file = path.join(dir, 'gut.gz');
		await createBackup(source, storage, file);
		plain = gunzipSync(fs.readFileSync(file)).toString('utf8');
	});
	afterAll(async () => {
		await source?.close();
	});

	async function expectFailure(
		target: { database: Database; storage: Storage },
		bad: string,
		message: RegExp
	) {
		const error = await restoreBackup(target.database, target.storage, bad).then(
			() => null,
			(e: unknown) => e
		);
		expect(error).toBeInstanceOf(BackupError);
		expect((error as Error).message).toMatch(message);
		const tables = await snapshotTables(target.database);
		for (const [name, rows] of Object.entries(tables)) expect(rows, name).toEqual([]);
		expect(await target.storage.list()).toEqual([]);
	}

	// One empty target for all cases: each failed restore must leave it empty, so it is reusable.
	let target: { database: Database; storage: Storage };
	beforeAll(async () => {
		target = await openEmptyTarget('pglite');
	});
	afterAll(async () => {
		await target?.database.close();
	});
	const expectFailureLeavesTargetEmpty = (bad: string, message: RegExp) =>
		expectFailure(target, bad, message);

	it('a truncated file fails with a German message and leaves the target empty', async () => {
		const bytes = fs.readFileSync(file);
		const bad = path.join(dir, 'abgeschnitten.gz');
		fs.writeFileSync(bad, bytes.subarray(0, Math.floor(bytes.length * 0.7)));
		await expectFailureLeavesTargetEmpty(
			bad,
			/Sicherungsdatei ist beschädigt oder unvollständig.*nichts wiederhergestellt/
		);
	});

	it('a file without its trailer fails after the rows went in, and they are rolled back', async () => {
		const lines = plain.trimEnd().split('\n');
		const bad = path.join(dir, 'ohne-abschluss.gz');
		fs.writeFileSync(bad, gzipSync(lines.slice(0, -1).join('\n') + '\n'));
		await expectFailureLeavesTargetEmpty(bad, /der Abschluss der Sicherung fehlt/);
	});

	it('a changed row is caught by the checksum', async () => {
		const bad = path.join(dir, 'veraendert.gz');
		expect(plain).toContain('Petra Planerin');
		fs.writeFileSync(bad, gzipSync(plain.replace('Petra Planerin', 'Petra Fälscherin')));
		await expectFailureLeavesTargetEmpty(bad, /die Prüfsumme stimmt nicht/);
	});

	it('a row the database rejects rolls everything back', async () => {
		// Rewrite the checksum so only the database can notice: a role that does not exist.
		const { createHash } = await import('node:crypto');
		const lines = plain.trimEnd().split('\n');
		const body = lines.slice(0, -1).map((l) => l.replace('"role":"planner"', '"role":"kaiser"'));
		const trailer = JSON.parse(lines.at(-1)!);
		trailer.sha256 = createHash('sha256')
			.update(body.map((l) => `${l}\n`).join(''))
			.digest('hex');
		const bad = path.join(dir, 'ungueltig.gz');
		fs.writeFileSync(bad, gzipSync(`${body.join('\n')}\n${JSON.stringify(trailer)}\n`));
		await expectFailureLeavesTargetEmpty(
			bad,
			/Wiederherstellung ist fehlgeschlagen, die Datenbank blieb unverändert.*role_grant/
		);
	});

	it('a file that is not a backup is refused before anything happens', async () => {
		const notGzip = path.join(dir, 'text.txt');
		fs.writeFileSync(notGzip, 'Hallo Welt');
		const otherJson = path.join(dir, 'anderes.gz');
		fs.writeFileSync(otherJson, gzipSync('{"type":"header","format":"etwas-anderes"}\n'));
		const target = await openEmptyTarget('pglite');
		try {
			await expectFailure(target, notGzip, /keine Quartierskompass-Sicherung \(kein gzip-Format\)/);
			await expectFailure(target, otherJson, /keine Quartierskompass-Sicherung/);
			await expectFailure(
				target,
				path.join(dir, 'fehlt.gz'),
				/Die Sicherungsdatei .*fehlt\.gz gibt es nicht/
			);
			// Nothing was migrated either: the target stays a blank database.
			expect(await appliedVersions(target.database)).toEqual([]);
		} finally {
			await target.database.close();
		}
	});

	it('a backup from a newer version is refused with advice', async () => {
		const lines = plain.split('\n');
		lines[0] = lines[0].replace(/"schemaVersion":"\d+"/, '"schemaVersion":"29991231235959"');
		const bad = path.join(dir, 'zukunft.gz');
		fs.writeFileSync(bad, gzipSync(lines.join('\n')));
		await expectFailureLeavesTargetEmpty(
			bad,
			/neueren oder unbekannten Version.*Aktualisieren Sie Quartierskompass/
		);
	});
});
