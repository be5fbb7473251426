// qk import-indicators, in-process through runCli against an embedded database in a temp data dir.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIO } from '../../../src/cli/command';
import { runCli } from '../../../src/cli/main';
import { readConfig } from '../../../src/lib/server/config';
import { openDatabase, type Database } from '../../../src/lib/server/db/connection';
import { migrate } from '../../../src/lib/server/db/migrate';
import { getIndicatorByKey, listIndicatorValues } from '../../../src/lib/server/indicators';
import { BERLIN_DIR, insertBerlinAreas } from './berlin';

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

async function withDb<T>(dataDir: string, fn: (database: Database) => Promise<T>): Promise<T> {
	const database = await openDatabase({ dataDir, lockRole: 'test' });
	try {
		return await fn(database);
	} finally {
		await database.close();
	}
}

describe('qk import-indicators', () => {
	let dir: string;
	beforeAll(async () => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qk-cli-ind-'));
		await withDb(dir, async (database) => {
			await migrate(database);
			await insertBerlinAreas(database.db);
		});
	});
	afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

	it('imports the residents table (wide) as new internal indicators and sums them up to the Bezirke', async () => {
		const io = captureIO(dir);
		const code = await runCli(
			[
				'import-indicators',
				path.join(BERLIN_DIR, 'einwohnerbestand_06-2022_plr.csv'),
				'--level',
				'Planungsraum',
				'--year',
				'2022'
			],
			io
		);
		expect(io.errors).toEqual([]);
		expect(code).toBe(0);
		expect(io.lines.join('\n')).toContain('Schlüsselspalte „PLR-ID“');
		expect(io.lines).toContain('Neuer Indikator (intern, Bereich Basisdaten): Gesamt [Gesamt]');
		expect(io.lines.at(-1)).toMatch(
			/^Importiert: 5962 Werte für 11 Indikatoren; 2343 Werte für übergeordnete Gebiete berechnet\.$/
		);
		await withDb(dir, async ({ db }) => {
			const gesamt = (await getIndicatorByKey(db, 'Gesamt'))!;
			expect(gesamt).toMatchObject({ visibility: 'internal', domain: 'basisdaten', aggregation: 'sum' });
			const bezirke = await listIndicatorValues(db, {
				indicatorId: gesamt.id,
				levelKey: 'bezirk',
				year: 2022
			});
			expect(bezirke).toHaveLength(12);
			expect(bezirke.every((b) => b.derived && b.value! > 200_000)).toBe(true);
		});
	});

	it('imports a long file with named columns and refuses broken ones with row and column, changing nothing', async () => {
		const file = path.join(dir, 'lang.csv');
		fs.writeFileSync(
			file,
			'Raum;Berichtsjahr;Merkmal;Anzahl\r\n01100101;2021;Gesamt;3400\r\n01100102;2021;Gesamt;1990\r\n'
		);
		const io = captureIO(dir);
		const args = ['import-indicators', file, '--level', 'planungsraum', '--layout', 'long'];
		const columns = [
			'--key-column',
			'Raum',
			'--year-column',
			'Berichtsjahr',
			'--indicator-column',
			'Merkmal',
			'--value-column',
			'Anzahl'
		];
		expect(await runCli([...args, ...columns], io)).toBe(0);
		expect(io.lines.at(-1)).toMatch(/^Importiert: 2 Werte für 1 Indikatoren;/);

		fs.writeFileSync(
			file,
			'Raum;Berichtsjahr;Merkmal;Anzahl\r\n01100101;2020;Gesamt;3400\r\n01100102;2020;Gesamt;viele\r\n99999999;2020;Gesamt;1\r\n'
		);
		const broken = captureIO(dir);
		expect(await runCli([...args, ...columns], broken)).toBe(1);
		expect(broken.errors.join('\n')).toContain('Zeile 3, Spalte „Anzahl“: „viele“ ist keine Zahl.');

		fs.writeFileSync(
			file,
			'Raum;Berichtsjahr;Merkmal;Anzahl\r\n01100101;2020;Gesamt;3400\r\n99999999;2020;Gesamt;1\r\n'
		);
		const unmatched = captureIO(dir);
		expect(await runCli([...args, ...columns], unmatched)).toBe(1);
		expect(unmatched.errors.join('\n')).toMatch(
			/1 Schlüssel passen zu keinem Gebiet[\s\S]*99999999, Zeile 3[\s\S]*--skip-unmatched/
		);
		await withDb(dir, async ({ db }) => {
			const gesamt = (await getIndicatorByKey(db, 'Gesamt'))!;
			const rows = await listIndicatorValues(db, {
				indicatorId: gesamt.id,
				levelKey: 'planungsraum',
				year: 2020
			});
			expect(rows.filter((r) => r.hasValue)).toEqual([]);
		});
		const skipped = captureIO(dir);
		expect(await runCli([...args, ...columns, '--skip-unmatched'], skipped)).toBe(0);
		expect(skipped.lines.at(-1)).toMatch(
			/^Importiert: 1 Werte für 1 Indikatoren, 1 unbekannte Schlüssel übersprungen;/
		);
	});

	it('explains wrong options', async () => {
		const cases: [string[], RegExp][] = [
			[['import-indicators', 'x.csv'], /genau eine Datei und --level/],
			[
				['import-indicators', path.join(BERLIN_DIR, 'LOR_2021.csv'), '--level', 'Kontinent'],
				/Ebene „Kontinent“ gibt es nicht/
			],
			[
				[
					'import-indicators',
					path.join(BERLIN_DIR, 'LOR_2021.csv'),
					'--level',
					'bezirk',
					'--key-column',
					'Nr'
				],
				/Spalte „Nr“ gibt es nicht/
			],
			[
				['import-indicators', path.join(BERLIN_DIR, 'LOR_2021.csv'), '--level', 'bezirk', '--layout', 'quer'],
				/--layout ist/
			],
			[['import-indicators', path.join(dir, 'fehlt.csv'), '--level', 'bezirk'], /kann nicht gelesen werden/]
		];
		for (const [args, message] of cases) {
			const io = captureIO(dir);
			expect(await runCli(args, io)).toBe(1);
			expect(io.errors.join('\n')).toMatch(message);
		}
	});

	it('reads a published report with --sheet, --header-rows and --skip-rows and sets metadata with flags', async () => {
		const report = path.resolve(
			__dirname,
			'../../../../shared/fixtures/berlin-baufertigstellungen-2023/SB_F02-02-00_2023j01_BE.xlsx'
		);
		const io = captureIO(dir);
		const code = await runCli(
			[
				'import-indicators',
				report,
				'--level',
				'Bezirk',
				'--year',
				'2023',
				'--sheet',
				'BAUAB Tab.  23',
				'--header-rows',
				'3-7',
				'--skip-rows',
				'10-21',
				'--skip-unmatched',
				'--publish',
				'--unit',
				'Gebäude',
				'--domain',
				'wohnen_umwelt',
				'--polarity',
				'neutral',
				'--source',
				'Amt für Statistik Berlin-Brandenburg, F II 2 – j/23'
			],
			io
		);
		expect(io.errors).toEqual([]);
		expect(code).toBe(0);
		const out = io.lines.join('\n');
		expect(out).toContain('Gelesen aus Blatt „BAUAB Tab.  23“: Kopfzeilen 3–7, Daten 8–35');
		expect(out).toContain('übersprungen: 9–21');
		expect(out).toContain(
			'Neuer Indikator (öffentlich, Bereich Wohnen und Umwelt): Wohngebäude – insgesamt (Anzahl)'
		);
		// 12 Bezirke × 6 columns; the "insgesamt" row is skipped, "Abgang ganzer Gebäude" is a label row.
		expect(io.lines.at(-1)).toMatch(/^Importiert: 72 Werte für 6 Indikatoren;/);
		await withDb(dir, async ({ db }) => {
			const row = await db
				.selectFrom('indicator')
				.selectAll()
				.where('name', '=', 'Wohngebäude – insgesamt (Anzahl)')
				.executeTakeFirstOrThrow();
			expect(row).toMatchObject({
				visibility: 'public',
				unit: 'Gebäude',
				domain: 'wohnen_umwelt',
				source: 'Amt für Statistik Berlin-Brandenburg, F II 2 – j/23'
			});
			const values = await listIndicatorValues(db, { indicatorId: row.id, levelKey: 'bezirk', year: 2023 });
			expect(values.find((v) => v.areaName === 'Pankow')?.value).toBe(37);
			// "–" (nothing) is zero.
			expect(values.find((v) => v.areaName === 'Friedrichshain-Kreuzberg')?.value).toBe(0);
		});
	});

	it('sets each new indicator’s metadata from the workbook’s metadata sheet, naming what it could not read', async () => {
		const workbook = path.resolve(__dirname, '../../fixtures/generated/mss_2021_kontext_mit_metadaten.xlsx');
		const io = captureIO(dir);
		const code = await runCli(
			[
				'import-indicators',
				workbook,
				'--level',
				'planungsraum',
				'--year',
				'2021',
				'--sheet',
				'Kontextindikatoren',
				'--metadata-sheet',
				'Metadaten',
				'--unit',
				'Anteil'
			],
			io
		);
		expect(io.errors).toEqual([]);
		expect(code).toBe(0);
		const out = io.lines.join('\n');
		// 14 codes in the data (EW 31.12.2020 is not described), K08 only in the metadata
		expect(out).toContain(
			'Metadaten aus Blatt „Metadaten“: 14 neue Indikatoren beschrieben; nicht in der Datei: K08.'
		);
		expect(out).toContain(
			'Neuer Indikator (öffentlich, Bereich Ökonomische Situation): Jugendarbeitslosigkeit [K01]'
		);
		expect(out).toContain('Metadaten Zeile 10, Spalte „Richtung“: „?“ nicht lesbar, Vorgabe bleibt.');
		await withDb(dir, async ({ db }) => {
			const rows = await db
				.selectFrom('indicator')
				.select(['key', 'name', 'unit', 'polarity', 'domain', 'visibility', 'source', 'definition'])
				.where('key', 'in', ['K01', 'K06', 'K13', 'EW-31-12-2020'])
				.orderBy('key')
				.execute();
			const byKey = Object.fromEntries(rows.map((r) => [r.key, r]));
			expect(byKey.K01).toEqual({
				key: 'K01',
				name: 'Jugendarbeitslosigkeit',
				unit: '%',
				polarity: 'higher_is_worse',
				domain: 'oekonomische_situation',
				visibility: 'public',
				source: 'Senatsverwaltung für Stadtentwicklung, Bauen und Wohnen Berlin, MSS 2021',
				definition: 'Anteil der Arbeitslosen unter 25 Jahren an den 15- bis unter 25-Jährigen'
			});
			// an unreadable direction keeps the default; the rest of the row still counts
			expect(byKey.K06).toMatchObject({ polarity: 'neutral', unit: 'Prozentpunkte', domain: 'basisdaten' });
			expect(byKey.K13).toMatchObject({
				name: 'Kontextindikator K13',
				domain: 'wohnen_umwelt',
				visibility: 'internal'
			});
			// a column the metadata does not describe gets the flags and the file name as source
			expect(byKey['EW-31-12-2020']).toMatchObject({
				unit: 'Anteil',
				source: 'mss_2021_kontext_mit_metadaten.xlsx'
			});
			const values = await listIndicatorValues(db, {
				indicatorId: (await getIndicatorByKey(db, 'K01'))!.id,
				levelKey: 'planungsraum',
				year: 2021
			});
			expect(values.find((v) => v.areaKey === '01100101')?.value).toBeCloseTo(2.82);
		});
	});

	it('explains wrong metadata flags', async () => {
		const workbook = path.resolve(__dirname, '../../fixtures/generated/mss_2021_kontext_mit_metadaten.xlsx');
		const cases: [string[], RegExp][] = [
			[
				['--metadata-sheet', 'Legende'],
				/Das Metadatenblatt gibt es nicht\. Blätter: „Kontextindikatoren“, „Metadaten“/
			],
			[['--metadata-sheet', 'Kontextindikatoren'], /fehlt eine Spalte „Indikator“/],
			[['--metadata-sheet', 'Metadaten', '--metadata', 'x.csv'], /entweder --metadata-sheet/]
		];
		for (const [flags, message] of cases) {
			const io = captureIO(dir);
			expect(
				await runCli(
					['import-indicators', workbook, '--level', 'planungsraum', '--year', '2021', ...flags],
					io
				)
			).toBe(1);
			expect(io.errors.join('\n')).toMatch(message);
		}
	});

	it('explains wrong reading flags', async () => {
		const report = path.resolve(
			__dirname,
			'../../../../shared/fixtures/berlin-baufertigstellungen-2023/SB_F02-02-00_2023j01_BE.xlsx'
		);
		const cases: [string[], RegExp][] = [
			[['--sheet', 'Tabelle 99'], /Das Tabellenblatt gibt es nicht\. Blätter: „Titel“, „Impressum“/],
			[['--header-rows', 'oben'], /--header-rows braucht Zeilennummern/],
			[['--header-rows', '500-501'], /Kopfzeilen liegen außerhalb der Tabelle/],
			[['--skip-rows', 'x'], /--skip-rows braucht Zeilennummern/],
			[['--domain', 'sport'], /--domain ist einer von/]
		];
		for (const [flags, message] of cases) {
			const io = captureIO(dir);
			expect(await runCli(['import-indicators', report, '--level', 'bezirk', ...flags], io)).toBe(1);
			expect(io.errors.join('\n')).toMatch(message);
		}
	});
});
