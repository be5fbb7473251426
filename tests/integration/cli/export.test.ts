// qk export against an embedded database in a temp data dir: to a file, to stdout (binary-safe), an
// audit row by the system actor, German errors for an unknown slug or format.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIO } from '../../../src/cli/command';
import { runCli } from '../../../src/cli/main';
import { readConfig } from '../../../src/lib/server/config';
import { openDatabase, type Database } from '../../../src/lib/server/db/connection';
import { migrate } from '../../../src/lib/server/db/migrate';
import { ogrinfoSummary, parseCsvWithBom, xlsxSheetsWithLibreOffice } from '../helpers/real-programs';
import { insertAreaTree } from '../helpers/roles-fixtures';
import { insertConsultation } from '../contributions/fixtures';

function captureIO(dataDir: string): CliIO & { lines: string[]; errors: string[]; bytes: Uint8Array[] } {
	const lines: string[] = [];
	const errors: string[] = [];
	const bytes: Uint8Array[] = [];
	return {
		lines,
		errors,
		bytes,
		out: (line) => lines.push(line),
		err: (line) => errors.push(line),
		write: async (b) => {
			bytes.push(b);
		},
		config: readConfig({ DATA_DIR: dataDir })
	};
}

async function withDataDir<T>(dataDir: string, fn: (database: Database) => Promise<T>): Promise<T> {
	const database = await openDatabase({ dataDir, lockRole: 'test' });
	try {
		return await fn(database);
	} finally {
		await database.close();
	}
}

describe('qk export', () => {
	let dir: string;
	let slug: string;
	beforeAll(async () => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qk-cli-export-'));
		await withDataDir(dir, async (database) => {
			await migrate(database);
			const db = database.db;
			const tree = await insertAreaTree(db, 'x');
			const c = await insertConsultation(db, { areaIds: [tree.altstadt] });
			slug = c.slug;
			for (const [body, areaId, geometry] of [
				['Mehr Bänke am Platz, bitte.', tree.quartierA, { type: 'Point', coordinates: [7.1, 51.2] }],
				['Die Ampel ist zu kurz grün.', tree.quartierB, null]
			] as const) {
				const row = await db
					.insertInto('contribution')
					.values({
						consultation_id: c.id,
						body,
						geometry: geometry ? JSON.stringify(geometry) : null,
						geometry_type: geometry?.type ?? null,
						area_keys: []
					})
					.returning('id')
					.executeTakeFirstOrThrow();
				for (const id of [areaId, tree.altstadt, tree.nord, tree.city])
					await db.insertInto('contribution_area').values({ contribution_id: row.id, area_id: id }).execute();
			}
		});
	}, 120_000);
	afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

	it('--out FILE writes the file and says what it wrote', async () => {
		const io = captureIO(dir);
		const file = path.join(dir, 'export.xlsx');
		expect(await runCli(['export', slug, '--format', 'xlsx', '--out', file], io)).toBe(0);
		expect(io.errors).toEqual([]);
		expect(io.lines.join('\n')).toMatch(
			/2 Zeile\(n\) aus „Testverfahren \d+“ als xlsx exportiert: .*export\.xlsx/
		);
		const sheets = xlsxSheetsWithLibreOffice(fs.readFileSync(file));
		expect(sheets['Hinweise auf der Karte']).toHaveLength(3);
		expect(sheets['Hinweise auf der Karte'][0]).toContain('Quartier – Schlüssel');
	});

	it('without --out writes the bytes to stdout and the summary to stderr', async () => {
		const io = captureIO(dir);
		expect(await runCli(['export', slug, '--format', 'csv-semicolon'], io)).toBe(0);
		expect(io.lines).toEqual([]);
		expect(io.errors.join('\n')).toMatch(/2 Zeile\(n\)/);
		const rows = parseCsvWithBom(io.bytes[0], ';');
		expect(rows).toHaveLength(3);
		const header = rows[0];
		const bank = rows.find((r) => r[header.indexOf('body')] === 'Mehr Bänke am Platz, bitte.')!;
		expect(bank[header.indexOf('area_x_quartier_key')]).toBe('x-111');
		expect(bank[header.indexOf('area_x_stadtteil_name')]).toBe('Altstadt');

		const geo = captureIO(dir);
		expect(await runCli(['export', slug, '-f', 'geojson'], geo)).toBe(0);
		const summary = ogrinfoSummary(geo.bytes[0]);
		expect(summary.featureCount).toBe(2);
		expect(summary.fields.area_x_bezirk_key).toBe('String');
	});

	it('each export is in the audit log as the system (no user id)', async () => {
		const rows = await withDataDir(dir, (database) =>
			database.db
				.selectFrom('audit_log')
				.select(['actor_id', 'details'])
				.where('action', '=', 'consultation.export')
				.execute()
		);
		expect(rows).toHaveLength(3);
		expect(rows.every((r) => r.actor_id === null)).toBe(true);
		expect(rows.map((r) => (r.details as { format: string; via: string }).format).sort()).toEqual([
			'csv-semicolon',
			'geojson',
			'xlsx'
		]);
		expect(rows.every((r) => (r.details as { via: string }).via === 'cli')).toBe(true);
	});

	it('says in German when the consultation or the format does not exist', async () => {
		const io = captureIO(dir);
		expect(await runCli(['export', 'gibt-es-nicht', '--format', 'csv'], io)).toBe(1);
		expect(io.errors.join('\n')).toContain(
			`Fehler: Das Beteiligungsverfahren „gibt-es-nicht“ gibt es nicht. Vorhanden: ${slug}.`
		);
		expect(io.bytes).toEqual([]);
		expect(await runCli(['export', slug, '--format', 'pdf'], io)).toBe(1);
		expect(io.errors.at(-1)).toMatch(
			/Das Format „pdf“ gibt es nicht\. Möglich: csv, csv-semicolon, xlsx, geojson/
		);
		expect(await runCli(['export', slug], io)).toBe(1);
		expect(io.errors.at(-1)).toMatch(/Bitte ein Format mit --format angeben/);
		expect(await runCli(['export', '--format', 'csv'], io)).toBe(1);
		expect(io.errors.at(-1)).toMatch(/Bitte genau ein Beteiligungsverfahren/);
	});
});
