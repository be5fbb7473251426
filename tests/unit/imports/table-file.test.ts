import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { decodeText, readCsv, readTable } from '../../../src/lib/server/imports/table-file';
import { detectDecimalSeparator, parseOfficialNumber } from '../../../src/lib/stats/official-values';

const FIXTURES = path.resolve(__dirname, '../../../../shared/fixtures/berlin-mss-2021');
const fixture = (name: string) => new Uint8Array(fs.readFileSync(path.join(FIXTURES, name)));

describe('parseOfficialNumber', () => {
	it('reads decimal comma and point with thousands separators', () => {
		expect(parseOfficialNumber('1.234,5', ',')).toEqual({ ok: true, value: 1234.5, reason: null });
		expect(parseOfficialNumber('1 234', ',')).toEqual({ ok: true, value: 1234, reason: null });
		expect(parseOfficialNumber('-4,83', ',')).toEqual({ ok: true, value: -4.83, reason: null });
		expect(parseOfficialNumber('−4.83', '.')).toEqual({ ok: true, value: -4.83, reason: null });
		expect(parseOfficialNumber('1,234.5', '.')).toEqual({ ok: true, value: 1234.5, reason: null });
		expect(parseOfficialNumber(' 12,5 % ', ',')).toEqual({ ok: true, value: 12.5, reason: null });
	});

	it('reads the placeholders of official statistics, "–" as zero and the rest as null with a reason', () => {
		expect(parseOfficialNumber('–', ',')).toEqual({ ok: true, value: 0, reason: null });
		expect(parseOfficialNumber('.', ',')).toEqual({ ok: true, value: null, reason: 'unknown_or_secret' });
		expect(parseOfficialNumber('x', ',')).toEqual({ ok: true, value: null, reason: 'not_applicable' });
		expect(parseOfficialNumber('/', ',')).toEqual({ ok: true, value: null, reason: 'too_uncertain' });
		expect(parseOfficialNumber('…', ',')).toEqual({ ok: true, value: null, reason: 'not_yet_available' });
		expect(parseOfficialNumber('', ',')).toEqual({ ok: true, value: null, reason: 'missing' });
	});

	it('rejects text and numbers in the wrong format', () => {
		expect(parseOfficialNumber('hoch', '.')).toEqual({ ok: false });
		expect(parseOfficialNumber('12a', ',')).toEqual({ ok: false });
		expect(parseOfficialNumber('1,5', '.')).toEqual({ ok: false });
		expect(parseOfficialNumber('1.2.3', ',')).toEqual({ ok: false });
	});

	it('detects the decimal separator from unambiguous cells', () => {
		expect(detectDecimalSeparator(['1.234', '3,5', '12,25'])).toBe(',');
		expect(detectDecimalSeparator(['-0.25', '1.31', '3419'])).toBe('.');
		expect(detectDecimalSeparator(['1.234', '5'])).toBe('.');
	});
});

describe('reading the real Berlin files unchanged', () => {
	it('residents table: BOM, CRLF, ";" and "–" for zero; age groups add up to the total in every row', () => {
		const result = readCsv(fixture('einwohnerbestand_06-2022_plr.csv'));
		if (!result.ok) throw new Error(result.code);
		const { table } = result;
		expect(table.encoding).toBe('utf-8');
		expect(table.delimiter).toBe(';');
		expect(table.columns[0]).toBe('Gesamt');
		expect(table.columns.at(-1)).toBe('PLR-ID');
		expect(table.rows).toHaveLength(542);
		const ageColumns = ['unter6', '6-15', '15-18', '18-27', '27-45', '45-55', '55-65', '65undmehr'].map((c) =>
			table.columns.indexOf(c)
		);
		const number = (cell: string) => {
			const parsed = parseOfficialNumber(cell, '.');
			if (!parsed.ok || parsed.value === null) throw new Error(`not a count: ${cell}`);
			return parsed.value;
		};
		let rowsWithDash = 0;
		for (const row of table.rows) {
			if (row.includes('–')) rowsWithDash++;
			expect(ageColumns.reduce((sum, c) => sum + number(row[c]), 0)).toBe(number(row[0]));
		}
		expect(rowsWithDash).toBe(5);
		// keys keep their leading zeros
		expect(table.rows[0].at(-1)).toBe('01100101');
	});

	it('MSS index table: trailing spaces in headers trimmed, empty cells kept, class labels as text', () => {
		const result = readCsv(fixture('mss_2021_index-indikatoren_z-werte_plr.csv'));
		if (!result.ok) throw new Error(result.code);
		const { table } = result;
		expect(table.columns).toContain('Zuordnung Klasse Status-Index');
		expect(table.rows).toHaveLength(542);
		const blankenburg = table.rows.find((r) => r[0] === '03300515')!;
		expect(blankenburg[1]).toBe('Blankenburger Süden');
		expect(parseOfficialNumber(blankenburg[3], '.')).toEqual({ ok: true, value: null, reason: 'missing' });
		const classes = new Set(table.rows.map((r) => r[table.columns.indexOf('Zuordnung Klasse Status-Index')]));
		expect([...classes].filter(Boolean).sort()).toEqual(['hoch', 'mittel', 'niedrig', 'sehr niedrig']);
		expect(detectDecimalSeparator(table.rows.flatMap((r) => r.slice(3, 8)))).toBe('.');
	});

	it('LOR table: "," separator, dates with a leading space', () => {
		const result = readCsv(fixture('LOR_2021.csv'));
		if (!result.ok) throw new Error(result.code);
		expect(result.table.delimiter).toBe(',');
		expect(result.table.rows).toHaveLength(542);
		expect(result.table.rows[0][1]).toBe('01100101');
		expect(result.table.rows[0][9]).toBe(' 01.01.2021');
	});

	it('a Windows-1252 export with decimal commas, made from the context table, reads the same values', () => {
		const original = readCsv(fixture('mss_2021_kontext-indikatoren_anteile_plr.csv'));
		if (!original.ok) throw new Error(original.code);
		const text = [original.table.columns, ...original.table.rows]
			.map((r) => r.map((c) => c.replace(/^(-?\d+)\.(\d+)$/, '$1,$2')).join(';'))
			.join('\r\n');
		const ansi = new Uint8Array(Buffer.from(text, 'latin1'));
		expect(decodeText(ansi).encoding).toBe('windows-1252');
		const converted = readCsv(ansi);
		if (!converted.ok) throw new Error(converted.code);
		expect(converted.table.rows[0][1]).toBe('Stülerstraße');
		const decimal = detectDecimalSeparator(converted.table.rows.flatMap((r) => r.slice(3)));
		expect(decimal).toBe(',');
		expect(parseOfficialNumber(converted.table.rows[0][9], decimal)).toEqual(
			parseOfficialNumber(original.table.rows[0][9], '.')
		);
	});

	it('reads XLSX: the first worksheet, numbers as numbers, keys as text', async () => {
		const workbook = new ExcelJS.Workbook();
		const sheet = workbook.addWorksheet('Daten');
		sheet.addRow(['PLR-ID', 'Name', 'Anteil']);
		sheet.addRow(['01100101', 'Stülerstraße', 2.82]);
		sheet.addRow(['01100102', 'Großer Tiergarten', { formula: '1+1', result: 2 }]);
		const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
		const result = await readTable(bytes);
		if (!result.ok) throw new Error(result.code);
		expect(result.table.encoding).toBe('xlsx');
		expect(result.table.rows).toEqual([
			['01100101', 'Stülerstraße', '2.82'],
			['01100102', 'Großer Tiergarten', '2']
		]);
	});

	it('reports empty files and rows with too many cells', () => {
		expect(readCsv(new Uint8Array())).toEqual({ ok: false, code: 'empty_file' });
		expect(readCsv(new TextEncoder().encode('a;b\n1;2\n3;4;5\n'))).toEqual({
			ok: false,
			code: 'ragged_row',
			row: 3
		});
	});
});
