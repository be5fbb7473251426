// Header detection on the real published files in ../shared/fixtures and on the shapes derived from
// them by scripts/fixtures/make-tables.ts.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTable, type Table } from '../../../src/lib/server/imports/table-file';
import {
	combineHeader,
	detectHeader,
	formatRowList,
	parseRowList,
	parseRowRange,
	readGrid
} from '../../../src/lib/tables/layout';
import { isTotalLabel } from '../../../src/lib/tables/totals';

const SHARED = path.resolve(__dirname, '../../../../shared/fixtures');
const GENERATED = path.resolve(__dirname, '../../fixtures/generated');
const BAU = path.join(SHARED, 'berlin-baufertigstellungen-2023/SB_F02-02-00_2023j01_BE.xlsx');
const bytes = (file: string) => new Uint8Array(fs.readFileSync(file));

async function read(file: string, options: Parameters<typeof readTable>[1] = {}): Promise<Table> {
	const result = await readTable(bytes(file), options);
	if (!result.ok) throw new Error(`unreadable: ${result.code}`);
	return result.table;
}

// Reading the 24-sheet workbook takes about half a second; more on a busy CI machine.
describe(
	'the Baufertigstellungen report of the Amt für Statistik Berlin-Brandenburg (24 sheets)',
	{ timeout: 30_000 },
	() => {
		it('Tab. 16: title row, a five-row merged header with unit row, label rows, footnote block', async () => {
			const table = await read(BAU, { sheet: 'BAUÜB Tab. 16' });
			const r = table.reading!;
			expect(r.sheet).toBe('BAUÜB Tab. 16');
			expect(r.sheets).toHaveLength(24);
			expect(r.header).toEqual({ from: 3, to: 7 });
			expect(r.titles[0]).toMatch(/^16 Bauüberhang an Wohnbauvorhaben in Berlin am 31\.12\.2023/);
			expect(r.footerFrom).toBe(52);
			expect(r.data).toEqual({ from: 8, to: 51 });
			// "davon", "darunter", "Genehmigungszeitraum": label rows without values are not data.
			expect(r.skipped).toEqual([10, 16, 19, 22, 31]);
			expect(r.sheetColumns).toEqual([1, 2, 3, 4, 5, 6, 7]);
			expect(table.columns).toEqual([
				'Gebäudeart – Bauherr – Genehmigungszeitraum – Bezirk',
				'Bauüberhang insgesamt (Anzahl)',
				'Darunter neu zu errichtende Wohngebäude – Bauüberhang (Anzahl)',
				'Darunter neu zu errichtende Wohngebäude – unter Dach (Anzahl)',
				'Darunter neu zu errichtende Wohngebäude – noch nicht unter Dach (Anzahl)',
				'Darunter neu zu errichtende Wohngebäude – noch nicht begonnen (Anzahl)',
				'Darunter neu zu errichtende Wohngebäude – erloschene Baugenehmigungen (Anzahl)'
			]);
			const mitte = table.rows.findIndex((row) => row[0] === 'Mitte');
			expect(table.rowNumbers![mitte]).toBe(40);
			expect(table.rows[mitte]).toEqual(['Mitte', '494', '172', '72', '39', '61', '17']);
			expect(table.rows.at(-1)![0]).toBe('Reinickendorf');
		});

		it('Tab. 23: a sheet name with two blanks found as typed with one; label row between header and data', async () => {
			const table = await read(BAU, { sheet: 'bauab tab. 23' });
			const r = table.reading!;
			expect(r.sheet).toBe('BAUAB Tab.  23');
			expect(r.header).toEqual({ from: 3, to: 7 });
			expect(r.skipped).toEqual([9, 11, 19]);
			expect(table.columns).toEqual([
				'Abgangsursache – Bezirk',
				'Wohngebäude – insgesamt (Anzahl)',
				'Wohngebäude – Wohnungen (Anzahl)',
				'Wohngebäude – Wohn-/ Nutzfläche (1 000 m²)',
				'Nichtwohngebäude – insgesamt (Anzahl)',
				'Nichtwohngebäude – Wohnungen (Anzahl)',
				'Nichtwohngebäude – Wohn-/ Nutzfläche (1 000 m²)'
			]);
			// Excel's 32.200000000000003 reads as 32.2.
			expect(table.rows[0]).toEqual(['insgesamt', '175', '307', '32.2', '105', '37', '267.7']);
		});

		it('without a sheet name it passes over the title page, the imprint and the contents', async () => {
			const table = await read(BAU);
			expect(['Titel', 'Impressum', 'Inhaltsverzeichnis']).not.toContain(table.reading!.sheet);
			expect(table.rows.length).toBeGreaterThan(10);
		});

		it('an unknown sheet is refused with the sheets there are', async () => {
			const result = await readTable(bytes(BAU), { sheet: 'Tabelle 99' });
			expect(result).toMatchObject({ ok: false, code: 'unknown_sheet' });
			expect(!result.ok && result.sheets).toContain('BAUÜB Tab. 16');
		});

		it('header rows set by the planner win over the detection; rows out of range are refused', async () => {
			const table = await read(BAU, { sheet: 'BAUÜB Tab. 16', headerRows: { from: 5, to: 7 } });
			expect(table.reading!.detected).toBe(false);
			expect(table.columns[3]).toBe('unter Dach (Anzahl)');
			const out = await readTable(bytes(BAU), { sheet: 'BAUÜB Tab. 16', headerRows: { from: 200, to: 201 } });
			expect(out).toMatchObject({ ok: false, code: 'header_out_of_range' });
		});

		it('rows the planner skips are left out and listed', async () => {
			const table = await read(BAU, { sheet: 'BAUÜB Tab. 16', skipRows: [9, 11, 12] });
			expect(table.reading!.skipRequested).toEqual([9, 11, 12]);
			expect(table.rowNumbers).not.toContain(9);
			expect(table.rowNumbers![0]).toBe(13);
		});
	}
);

describe('the MSS and LOR files of Berlin (one header row, as before)', () => {
	for (const [file, first] of [
		['mss_2021_index-indikatoren_z-werte_plr.csv', 'PLR-ID'],
		['mss_2021_kontext-indikatoren_anteile_plr.csv', 'PLR-ID'],
		['einwohnerbestand_06-2022_plr.csv', 'Gesamt'],
		['LOR_2021.csv', 'techn. Schlüssel (UUID)']
	] as const)
		it(file, async () => {
			const table = await read(path.join(SHARED, 'berlin-mss-2021', file));
			expect(table.reading!.header).toEqual({ from: 1, to: 1 });
			expect(table.reading!.titles).toEqual([]);
			expect(table.columns[0]).toBe(first);
			expect(table.rows).toHaveLength(542);
			expect(table.rowNumbers![0]).toBe(2);
		});
});

describe('shapes derived from the residents file', () => {
	it('XLSX: imprint sheet first, title, merged three-row header, spacer column, subtotals, footnotes', async () => {
		const table = await read(path.join(GENERATED, 'einwohner_bezirk_mitte.xlsx'));
		const r = table.reading!;
		expect(r.sheet).toBe('T1 Planungsräume ');
		expect(r.header).toEqual({ from: 3, to: 5 });
		expect(r.sheetColumns).toEqual([1, 2, 4, 5, 6, 7]);
		expect(r.footerFrom).toBe(29);
		expect(table.columns).toEqual([
			'Planungsraum',
			'Name',
			'Einwohner – insgesamt (Anzahl)',
			'Einwohner – unter 6 Jahren (Anzahl)',
			'Einwohner – weiblich (Anzahl)',
			'Einwohner – Ausländer (Anzahl)'
		]);
		expect(table.rows[0]).toEqual(['01100101', 'PLR 01100101', '3503¹', '169', '1708', '1509']);
		expect(table.rows.at(-1)![1]).toBe('Mitte insgesamt');
	});

	it('CSV: title row, two-row header, narrow no-break spaces as thousands separators, source line', async () => {
		const table = await read(path.join(GENERATED, 'einwohner_bezirk_mitte.csv'));
		expect(table.reading!.header).toEqual({ from: 3, to: 4 });
		expect(table.reading!.footerFrom).toBe(26);
		expect(table.columns[1]).toBe('Einwohner – insgesamt');
		expect(table.rows[0][1]).toMatch(/^3[\u202f\u00a0]503$/);
	});
});

describe('pure helpers', () => {
	it('combines header parts: repeated merge fills once, connectives dropped, footnote markers cut, unit last', () => {
		expect(combineHeader(['Einwohner', 'ins-\r\ngesamt 1', 'Anzahl'])).toBe('Einwohner – insgesamt (Anzahl)');
		expect(combineHeader(['Wohngebäude', 'darin', 'Wohnungen', 'Anzahl'])).toBe(
			'Wohngebäude – Wohnungen (Anzahl)'
		);
		expect(combineHeader(['Fläche', 'Fläche', '1 000 m²'])).toBe('Fläche (1 000 m²)');
		expect(combineHeader(['Arbeitslose¹', 'je 100 EW'])).toBe('Arbeitslose (je 100 EW)');
		expect(combineHeader(['', '', ''])).toBe('');
	});

	it('detects a header of years above the data of a time series', () => {
		const grid = [
			['Tabelle 1: Einwohner'],
			[],
			['Gebiet', '2021', '2022', '2023'],
			['01', '1.204', '1.230', '1.251'],
			['02', '880', '901', '–']
		];
		expect(detectHeader(grid)).toEqual({ from: 3, to: 3 });
		const read = readGrid(grid);
		expect(read.ok && read.table.columns).toEqual(['Gebiet', '2021', '2022', '2023']);
	});

	it('parses and formats row numbers as planners type them', () => {
		expect(parseRowRange('3-5')).toEqual({ from: 3, to: 5 });
		expect(parseRowRange(' 3 – 5 ')).toEqual({ from: 3, to: 5 });
		expect(parseRowRange('4')).toEqual({ from: 4, to: 4 });
		expect(parseRowRange('5-3')).toBeNull();
		expect(parseRowRange('drei')).toBeNull();
		expect(parseRowList('12, 15-17')).toEqual([12, 15, 16, 17]);
		expect(parseRowList('')).toEqual([]);
		expect(parseRowList('1-99999')).toBeNull();
		expect(formatRowList([17, 12, 15, 16])).toBe('12, 15–17');
	});

	it('recognises totals and subtotals by their label', () => {
		for (const label of [
			'insgesamt',
			'Summe',
			'Stadt gesamt',
			'Mitte insgesamt',
			'Bezirksregion 011001 zusammen',
			'Gesamtstadt',
			'Zwischensumme Nord',
			'Berlin (insgesamt)'
		])
			expect(isTotalLabel(label), label).toBe(true);
		for (const label of ['Mitte', 'Gesundbrunnen', 'Wohngebäude', '01100101', 'Gesamtschule Nord-Ost'])
			expect(isTotalLabel(label), label).toBe(false);
	});
});
