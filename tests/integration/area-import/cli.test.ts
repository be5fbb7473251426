import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIO } from '../../../src/cli/command';
import { runCli } from '../../../src/cli/main';
import { readConfig } from '../../../src/lib/server/config';
import { openDatabase } from '../../../src/lib/server/db/connection';

const LOR = '/work/shared/fixtures/berlin-mss-2021/LOR_2021.csv';

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

async function levelCounts(dataDir: string): Promise<Record<string, number>> {
	const database = await openDatabase({ dataDir, lockRole: 'test' });
	try {
		const rows = await database.db
			.selectFrom('area')
			.innerJoin('area_level', 'area_level.id', 'area.level_id')
			.select(['area_level.name', (eb) => eb.fn.countAll<number>().as('n')])
			.groupBy('area_level.name')
			.execute();
		return Object.fromEntries(rows.map((r) => [r.name, Number(r.n)]));
	} finally {
		await database.close();
	}
}

describe('qk import-areas (embedded database in a temporary data dir)', () => {
	let dir: string;
	beforeAll(() => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qk-cli-areas-'));
	});
	afterAll(() => {
		fs.rmSync(dir, { recursive: true, force: true });
	});

	it('imports the Bezirke from a projected Shapefile, then the Prognoseräume linked by name', async () => {
		const io = captureIO(dir);
		const code = await runCli(
			[
				'import-areas',
				'tests/fixtures/generated/bezirke_utm33_utf8.zip',
				'--level',
				'Bezirk',
				'--valid-from',
				'2021-01-01'
			],
			io
		);
		expect(io.errors).toEqual([]);
		expect(code).toBe(0);
		expect(io.lines[0]).toMatch(
			/^Gebiete importiert aus „bezirke_utm33_utf8\.zip“ \(gültig ab 2021-01-01, \d+ ms\):$/
		);
		expect(io.lines[1]).toBe('  Bezirk: 12 Gebiete – 12 neu, 0 geändert, 0 neue Versionen, 0 unverändert');

		const io2 = captureIO(dir);
		const code2 = await runCli(
			[
				'import-areas',
				LOR,
				'--level',
				'Prognoseraum',
				'--key',
				'Prognoseraum (Nummer)',
				'--name',
				'Prognoseraum (Name)',
				'--parent-name',
				'Bezirk',
				'--parent-level',
				'Bezirk',
				'--valid-from',
				'2021-01-01'
			],
			io2
		);
		expect(io2.errors).toEqual([]);
		expect(code2).toBe(0);
		expect(io2.lines[1]).toBe(
			'  Prognoseraum: 58 Gebiete – 58 neu, 0 geändert, 0 neue Versionen, 0 unverändert'
		);
		expect(await levelCounts(dir)).toEqual({ Bezirk: 12, Prognoseraum: 58 });
	});

	it('refuses a Shapefile without .prj and a wrong column with a German message and exit code 1', async () => {
		const io = captureIO(dir);
		const code = await runCli(
			['import-areas', 'tests/fixtures/generated/bezirke_utm33_no_prj.zip', '--level', 'Bezirk 2'],
			io
		);
		expect(code).toBe(1);
		expect(io.errors[0]).toMatch(/^Die Datei enthält keine \.prj-Datei – ohne Angabe des Koordinatensystems/);
		expect(io.errors.at(-1)).toBe('Der Import wurde nicht ausgeführt; die Datenbank ist unverändert.');

		const io2 = captureIO(dir);
		const code2 = await runCli(
			['import-areas', LOR, '--level', 'Planungsraum', '--key', 'PLR', '--name', 'Planungsraum (Name)'],
			io2
		);
		expect(code2).toBe(1);
		expect(io2.errors[0]).toBe(
			'Die Spalte bzw. Eigenschaft „PLR“ (Ebene „Planungsraum“) gibt es in der Datei nicht. Bitte wählen Sie eine vorhandene Spalte.'
		);
		expect(await levelCounts(dir)).toEqual({ Bezirk: 12, Prognoseraum: 58 });
	});

	it('--layer picks a GeoPackage layer, --encoding overrides the .dbf character set; bad values are refused', async () => {
		const io = captureIO(dir);
		const code = await runCli(
			[
				'import-areas',
				'tests/fixtures/generated/bezirke.gpkg',
				'--level',
				'ALKIS-Bezirk',
				'--layer',
				'alkis_auswahl',
				'--key',
				'gem',
				'--name',
				'namgem',
				'--valid-from',
				'2021-01-01'
			],
			io
		);
		expect(io.errors).toEqual([]);
		expect(code).toBe(0);
		expect(io.lines[1]).toBe(
			'  ALKIS-Bezirk: 3 Gebiete – 3 neu, 0 geändert, 0 neue Versionen, 0 unverändert'
		);

		const io2 = captureIO(dir);
		const code2 = await runCli(
			['import-areas', 'tests/fixtures/generated/bezirke.gpkg', '--level', 'X', '--layer', 'fehlt'],
			io2
		);
		expect(code2).toBe(1);
		expect(io2.errors[0]).toBe(
			'Die Ebene „fehlt“ gibt es im GeoPackage nicht. Bitte wählen Sie eine vorhandene Ebene.'
		);

		const io3 = captureIO(dir);
		const code3 = await runCli(
			[
				'import-areas',
				'tests/fixtures/generated/bezirke_gk4_latin1_no_cpg.zip',
				'--level',
				'Y',
				'--encoding',
				'ebcdic'
			],
			io3
		);
		expect(code3).not.toBe(0);
		expect(io3.errors[0]).toMatch(/--encoding muss utf-8, windows-1252 oder iso-8859-15 sein/);

		const io4 = captureIO(dir);
		const code4 = await runCli(
			[
				'import-areas',
				'tests/fixtures/generated/bezirke_gk4_latin1_no_cpg.zip',
				'--level',
				'Bezirk Latin-1',
				'--encoding',
				'windows-1252',
				'--valid-from',
				'2021-01-01'
			],
			io4
		);
		expect(io4.errors).toEqual([]);
		expect(code4).toBe(0);
		const database = await openDatabase({ dataDir: dir, lockRole: 'test' });
		try {
			const names = await database.db
				.selectFrom('area')
				.innerJoin('area_level', 'area_level.id', 'area.level_id')
				.select('area.name')
				.where('area_level.name', '=', 'Bezirk Latin-1')
				.execute();
			expect(names.map((n) => n.name)).toContain('Tempelhof-Schöneberg');
		} finally {
			await database.close();
		}
		expect(await levelCounts(dir)).toMatchObject({ 'ALKIS-Bezirk': 3, 'Bezirk Latin-1': 12 });
	});
});
