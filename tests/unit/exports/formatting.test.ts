// The export writers' pure logic: cell formatting, CSV quoting and BOM, the small-number rule,
// GeoJSON features, area-level column keys.
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { levelColumnKey } from '../../../src/lib/server/contributions/export-definition';
import type { ExportColumn } from '../../../src/lib/server/participation/component';
import {
	BOM,
	berlinDate,
	buildTable,
	csvCell,
	guardFormula,
	protectCount,
	sheetName,
	SUPPRESSED,
	toCsv,
	toGeoJson,
	type ExportTable
} from '../../../src/lib/server/participation/exports';

const t = (key: string, params?: Record<string, string>) =>
	params ? `${key}(${Object.values(params).join(',')})` : key;

interface Row {
	id: string;
	text: string;
	share: number;
	people: number;
	supports: number;
}

const columns: ExportColumn<Row>[] = [
	{ key: 'id', labelKey: 'x.id', descriptionKey: 'x.idD', value: (r) => r.id },
	{ key: 'text', labelKey: 'x.text', descriptionKey: 'x.textD', value: (r) => r.text },
	{ key: 'share', labelKey: 'x.share', descriptionKey: 'x.shareD', value: (r) => r.share },
	{
		key: 'people',
		labelKey: 'x.people',
		descriptionKey: 'x.peopleD',
		labelParams: { level: 'Quartier' },
		count: 'area',
		value: (r) => r.people
	},
	{ key: 'supports', labelKey: 'x.sup', descriptionKey: 'x.supD', count: 'item', value: (r) => r.supports }
];

const rows: Row[] = [
	{ id: 'a', text: 'Bank fehlt; bitte "bald"', share: 12.5, people: 2, supports: 1 },
	{ id: 'b', text: 'Zeile eins\nZeile zwei', share: 0.25, people: 0, supports: 2 },
	{ id: 'c', text: '=HYPERLINK("http://x")', share: -1.5, people: 3, supports: 0 }
];

function table(): ExportTable {
	return buildTable(
		{
			key: 'test',
			labelKey: 'x.title',
			geometry: (r: Row) => ({ type: 'Point', coordinates: [7, r.share] })
		},
		columns,
		rows,
		t,
		3
	);
}

describe('berlinDate', () => {
	it('writes the day in Europe/Berlin, across both daylight-saving changes', () => {
		expect(berlinDate(new Date('2026-03-28T23:30:00Z'))).toBe('2026-03-29'); // CET, +1
		expect(berlinDate(new Date('2026-06-30T21:59:00Z'))).toBe('2026-06-30'); // CEST, +2
		expect(berlinDate(new Date('2026-06-30T22:00:00Z'))).toBe('2026-07-01');
		expect(berlinDate('2026-12-31T23:00:00.000Z')).toBe('2027-01-01');
	});
});

describe('csvCell', () => {
	it('uses a decimal point with commas and a decimal comma with semicolons, no thousands separator', () => {
		expect(csvCell(1234.5, 'comma')).toBe('1234.5');
		expect(csvCell(1234.5, 'semicolon')).toBe('1234,5');
		expect(csvCell(7, 'semicolon')).toBe('7');
		expect(csvCell(-0.25, 'semicolon')).toBe('-0,25');
	});
	it('writes null empty, suppressed as ".", and guards formulas in text only', () => {
		expect(csvCell(null, 'comma')).toBe('');
		expect(csvCell(SUPPRESSED, 'semicolon')).toBe('.');
		expect(csvCell(Number.NaN, 'comma')).toBe('');
		expect(csvCell('=1+1', 'comma')).toBe("'=1+1");
		expect(csvCell('@SUM(A1)', 'comma')).toBe("'@SUM(A1)");
		expect(csvCell('-1,5', 'comma')).toBe("'-1,5");
		expect(csvCell(-1.5, 'semicolon')).toBe('-1,5');
		expect(guardFormula('Grünfläche')).toBe('Grünfläche');
	});
});

describe('the small-number rule', () => {
	it("suppresses 1 … k−1 in 'area' counts only; 0 and per-item counts stay", () => {
		expect(protectCount(1, 'area', 3)).toBe(SUPPRESSED);
		expect(protectCount(2, 'area', 3)).toBe(SUPPRESSED);
		expect(protectCount(3, 'area', 3)).toBe(3);
		expect(protectCount(0, 'area', 3)).toBe(0);
		expect(protectCount(4, 'area', 5)).toBe(SUPPRESSED);
		expect(protectCount(1, 'item', 3)).toBe(1);
		expect(protectCount(1, undefined, 3)).toBe(1);
		expect(protectCount(null, 'area', 3)).toBeNull();
	});

	it('buildTable applies it and counts suppressed cells', () => {
		const built = table();
		expect(built.rows.map((r) => r[3])).toEqual([SUPPRESSED, 0, 3]);
		expect(built.rows.map((r) => r[4])).toEqual([1, 2, 0]);
		expect(built.suppressedCells).toBe(1);
		expect(built.columns[3]).toEqual({
			key: 'people',
			label: 'x.people(Quartier)',
			description: 'x.peopleD(Quartier)',
			count: 'area'
		});
		expect(built.label).toBe('x.title');
		expect(built.geometries).toHaveLength(3);
	});

	it('refuses a column key defined twice', () => {
		expect(() => buildTable({ key: 'd', labelKey: 'x' }, [columns[0], columns[0]], rows, t, 3)).toThrow(
			/column id is defined twice/
		);
	});
});

describe('toCsv', () => {
	it('starts with a BOM, writes keys as header, quotes delimiters, quotes and line breaks', () => {
		const csv = toCsv(table(), 'comma');
		expect(csv.startsWith(BOM)).toBe(true);
		expect(csv.slice(1).split('\r\n')[0]).toBe('id,text,share,people,supports');
		const parsed = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true });
		expect(parsed.errors).toEqual([]);
		expect(parsed.data.slice(1)).toEqual([
			['a', 'Bank fehlt; bitte "bald"', '12.5', '.', '1'],
			['b', 'Zeile eins\nZeile zwei', '0.25', '0', '2'],
			['c', '\'=HYPERLINK("http://x")', '-1.5', '3', '0']
		]);
	});

	it('the semicolon variant keeps text with commas and semicolons intact and uses decimal commas', () => {
		const csv = toCsv(table(), 'semicolon');
		expect(csv.charCodeAt(0)).toBe(0xfeff);
		expect(csv).toContain('"Bank fehlt; bitte ""bald"""');
		const parsed = Papa.parse<string[]>(csv.slice(1), { delimiter: ';', skipEmptyLines: true });
		expect(parsed.data[1]).toEqual(['a', 'Bank fehlt; bitte "bald"', '12,5', '.', '1']);
		expect(parsed.data[3][2]).toBe('-1,5');
	});
});

describe('toGeoJson', () => {
	it('one feature per row of spatial tables; suppressed cells are null; other tables are left out', () => {
		const other = buildTable({ key: 'plain', labelKey: 'p' }, columns, rows, t, 3);
		const fc = toGeoJson([table(), other]);
		expect(fc.type).toBe('FeatureCollection');
		expect(fc.features).toHaveLength(3);
		expect(fc.features[0].properties).toEqual({
			id: 'a',
			text: 'Bank fehlt; bitte "bald"',
			share: 12.5,
			people: null,
			supports: 1
		});
		expect(fc.features[1].geometry).toEqual({ type: 'Point', coordinates: [7, 0.25] });
	});
});

describe('names', () => {
	it('sheet names fit Excel: 31 characters, no []:*?/\\, unique', () => {
		const taken = new Set(['spalten']);
		expect(sheetName('Hinweise auf der Karte', taken)).toBe('Hinweise auf der Karte');
		expect(sheetName('Hinweise auf der Karte', taken)).toBe('Hinweise auf der Karte (2)');
		expect(sheetName('Spalten', taken)).toBe('Spalten (2)');
		const long = sheetName('A/B: ein sehr langer Name [Test] mit mehr als 31 Zeichen', taken);
		expect(long.length).toBeLessThanOrEqual(31);
		expect(long).not.toMatch(/[[\]:*?/\\]/);
	});

	it('area level keys become snake_case column parts', () => {
		expect(levelColumnKey('stadtteil')).toBe('stadtteil');
		expect(levelColumnKey('Stadt-Bezirk')).toBe('stadt_bezirk');
		expect(levelColumnKey('t-quartier')).toBe('t_quartier');
		expect(levelColumnKey('Straßenzug Ü')).toBe('strassenzug_u');
		expect(levelColumnKey('---')).toBe('ebene');
	});
});
