import { describe, expect, it } from 'vitest';
import { translator } from '../../../src/lib/i18n';
import {
	areaKeyMatcher,
	describeIssue,
	ImportMapping,
	keyFromHeader,
	parseIndicatorTable,
	suggestMapping,
	type ImportContext
} from '../../../src/lib/server/indicators';
import type { Table } from '../../../src/lib/server/imports/table-file';

const t = translator('de');
const context: ImportContext = {
	areas: new Map([
		['010101', 'a1'],
		['010102', 'a2'],
		['020101', 'a3']
	]),
	indicators: [
		{
			id: '11111111-1111-4111-8111-111111111111',
			key: 'kinderarmut',
			name: 'Kinderarmut',
			valueType: 'numeric'
		}
	]
};
const table = (columns: string[], rows: string[][]): Table => ({
	columns,
	rows,
	encoding: 'utf-8',
	delimiter: ';'
});

describe('suggestMapping', () => {
	it('recognises a wide file: key column by matching keys, name column, numeric and categorical columns', () => {
		const wide = table(
			['Name', 'Nr', 'Kinderarmut', 'Einwohner', 'Klasse'],
			[
				['Altstadt', '010101', '12,5', '1.234', 'hoch'],
				['Markt', '010102', '8,25', '987', 'mittel'],
				['Hafen', '020101', '.', '2.001', 'niedrig']
			]
		);
		const s = suggestMapping(wide, 'quartier', context, { year: 2024 });
		if (!s.ok) throw new Error(s.code);
		expect(s.mapping).toMatchObject({
			layout: 'wide',
			decimal: ',',
			year: 2024,
			roles: ['name', 'key', 'series', 'series', 'series']
		});
		expect(s.mapping.series).toEqual([
			{ source: 'Kinderarmut', action: 'existing', indicatorId: '11111111-1111-4111-8111-111111111111' },
			expect.objectContaining({
				source: 'Einwohner',
				action: 'new',
				valueType: 'numeric',
				meta: expect.objectContaining({ aggregation: 'sum' })
			}),
			expect.objectContaining({ source: 'Klasse', action: 'new', valueType: 'categorical' })
		]);
	});

	it('recognises a long file (area, year, indicator, value) and offers one target per indicator label', () => {
		const long = table(
			['Gebiet', 'Jahr', 'Indikator', 'Wert'],
			[
				['010101', '2023', 'Kinderarmut', '12.5'],
				['010101', '2024', 'Kinderarmut', '13.25'],
				['010102', '2024', 'Arbeitslose', '40'],
				['020101', '2024', 'Arbeitslose', 'x']
			]
		);
		const s = suggestMapping(long, 'quartier', context);
		if (!s.ok) throw new Error(s.code);
		expect(s.mapping).toMatchObject({
			layout: 'long',
			decimal: '.',
			roles: ['key', 'year', 'indicator', 'value']
		});
		expect(s.mapping.series.map((x) => [x.source, x.action])).toEqual([
			['Kinderarmut', 'existing'],
			['Arbeitslose', 'new']
		]);
		const parsed = parseIndicatorTable(long, s.mapping, context);
		if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
		expect(parsed.values.year).toEqual([2023, 2024, 2024, 2024]);
		expect(parsed.values.value).toEqual([12.5, 13.25, 40, null]);
		expect(parsed.values.reason).toEqual([null, null, null, 'not_applicable']);
		expect(parsed.series[1]).toMatchObject({
			values: 1,
			placeholders: { not_applicable: 1 },
			min: 40,
			max: 40,
			years: [2024]
		});
	});

	it('refuses an unknown hinted column', () => {
		expect(suggestMapping(table(['A'], [['1']]), 'q', context, { keyColumn: 'Schlüssel' })).toEqual({
			ok: false,
			code: 'unknown_column',
			column: 'Schlüssel'
		});
	});
});

describe('parseIndicatorTable', () => {
	const wide = table(
		['Nr', 'Name', 'K1'],
		[
			['010101', 'A', '1'],
			['10102', 'B', '–'],
			['999999', 'Unbekannt', '3'],
			['020101', 'C', 'abc']
		]
	);
	const mapping = ImportMapping.parse({
		layout: 'wide',
		levelKey: 'quartier',
		decimal: '.',
		roles: ['key', 'name', 'series'],
		year: 2024,
		series: [{ source: 'K1', action: 'existing', indicatorId: '11111111-1111-4111-8111-111111111111' }]
	});

	it('names row and column of text in a number column, in German', () => {
		const parsed = parseIndicatorTable(wide, mapping, context);
		expect(parsed.ok).toBe(false);
		if (parsed.ok) return;
		expect(parsed.issues.map((i) => describeIssue(i, t))).toEqual([
			'Zeile 5, Spalte „K1“: „abc“ ist keine Zahl.'
		]);
	});

	it('lists unmatched keys with their name, restores leading zeros and reads "–" as zero', () => {
		const ok = table(wide.columns, wide.rows.slice(0, 3));
		const parsed = parseIndicatorTable(ok, mapping, context);
		if (!parsed.ok) throw new Error('expected ok');
		expect(parsed.unmatched).toEqual([{ key: '999999', name: 'Unbekannt', row: 4, rows: 1 }]);
		expect(parsed.values.areaId).toEqual(['a1', 'a2']);
		expect(parsed.values.value).toEqual([1, 0]);
	});

	it('reports duplicate values for the same area and year', () => {
		const dup = table(wide.columns, [wide.rows[0], ['010101', 'A', '2']]);
		const parsed = parseIndicatorTable(dup, mapping, context);
		if (parsed.ok) throw new Error('expected issues');
		expect(describeIssue(parsed.issues[0], t)).toBe(
			'Zeile 3, Spalte „K1“: Für dieses Gebiet und das Jahr 2024 gibt es schon einen Wert (Zeile 2).'
		);
	});

	it('reports a bad year in a year column and a missing key', () => {
		const long = table(
			['Gebiet', 'Jahr', 'Indikator', 'Wert'],
			[
				['010101', '20x4', 'Kinderarmut', '1'],
				['', '2024', 'Kinderarmut', '1']
			]
		);
		const m = ImportMapping.parse({
			layout: 'long',
			levelKey: 'quartier',
			decimal: '.',
			roles: ['key', 'year', 'indicator', 'value'],
			series: [
				{ source: 'Kinderarmut', action: 'existing', indicatorId: '11111111-1111-4111-8111-111111111111' }
			]
		});
		const parsed = parseIndicatorTable(long, m, context);
		if (parsed.ok) throw new Error('expected issues');
		expect(parsed.issues.map((i) => describeIssue(i, t))).toEqual([
			'Zeile 2, Spalte „Jahr“: „20x4“ ist keine gültige Jahreszahl (z. B. 2024).',
			'Zeile 3, Spalte „Gebiet“: Der Gebietsschlüssel fehlt.'
		]);
	});
});

describe('ImportMapping', () => {
	const base = { levelKey: 'q', decimal: ',', series: [] };
	it('needs exactly one key column and, for wide files, a year', () => {
		expect(ImportMapping.safeParse({ ...base, layout: 'wide', roles: ['series'], year: 2024 }).success).toBe(
			false
		);
		expect(ImportMapping.safeParse({ ...base, layout: 'wide', roles: ['key', 'series'] }).success).toBe(
			false
		);
		expect(
			ImportMapping.safeParse({ ...base, layout: 'wide', roles: ['key', 'series'], year: 2024 }).success
		).toBe(true);
		expect(
			ImportMapping.safeParse({ ...base, layout: 'wide', roles: ['key', 'year', 'series'] }).success
		).toBe(true);
	});
	it('needs year, indicator and value columns for long files', () => {
		expect(
			ImportMapping.safeParse({ ...base, layout: 'long', roles: ['key', 'indicator', 'value'] }).success
		).toBe(false);
		expect(
			ImportMapping.safeParse({ ...base, layout: 'long', roles: ['key', 'year', 'indicator', 'value'] })
				.success
		).toBe(true);
		expect(
			ImportMapping.safeParse({
				...base,
				layout: 'long',
				roles: ['key', 'year', 'indicator', 'value', 'series']
			}).success
		).toBe(false);
	});
});

describe('keys', () => {
	it('derives stable indicator keys from headers', () => {
		const taken = new Set(['k01']);
		expect(keyFromHeader('EW 31.12.2020', taken)).toBe('EW-31-12-2020');
		expect(keyFromHeader('K01', taken)).toBe('K01-2');
		expect(keyFromHeader('Ältere Menschen (65+)', taken)).toBe('Altere-Menschen-65');
	});
	it('matches keys exactly, padding digit-only keys that lost their leading zeros', () => {
		const match = areaKeyMatcher(context.areas);
		expect(match(' 010101 ')).toBe('a1');
		expect(match('20101')).toBe('a3');
		expect(match('2010')).toBeUndefined();
	});
});

describe('rows that are not areas of the level', () => {
	const levels: ImportContext = {
		...context,
		areaNames: new Map([
			['altstadt', 'a1'],
			['markt', 'a2'],
			['hafen', 'a3']
		]),
		otherLevels: [
			{ key: 'bezirk', name: 'Bezirk', areas: new Map([['01', 'b1']]), areaNames: new Map([['nord', 'b1']]) }
		]
	};
	const file: Table = {
		...table(
			['Gebiet', 'Name', 'Einwohner'],
			[
				['010101', 'Altstadt', '1.204'],
				['', 'Markt', '880'],
				['01', 'Nord', '2.084'],
				['', 'Nord zusammen', '2.084'],
				['020101', 'Hafen', '77¹'],
				['Stadt gesamt', '', '2.161'],
				['999999', 'Neubaugebiet', '5']
			]
		),
		rowNumbers: [8, 9, 10, 11, 13, 14, 15]
	};
	const mapping = ImportMapping.parse({
		layout: 'wide',
		levelKey: 'quartier',
		decimal: ',',
		roles: ['key', 'name', 'series'],
		year: 2024,
		series: [{ source: 'Einwohner', action: 'existing', indicatorId: context.indicators[0].id }]
	});

	it('lists totals and rows of another level, matches names, and names the file row of unmatched keys', () => {
		const withNames: Table = {
			...file,
			rows: file.rows.map((r, i) => (i === 1 ? ['Markt', 'Markt', '880'] : r))
		};
		const parsed = parseIndicatorTable(withNames, mapping, levels);
		if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
		expect(parsed.values.areaId).toEqual(['a1', 'a2', 'a3']);
		expect(parsed.values.value).toEqual([1204, 880, 77]);
		expect(parsed.totals).toEqual([
			{ key: '01', name: 'Nord', row: 10, levelKey: 'bezirk' },
			{ key: '', name: 'Nord zusammen', row: 11, levelKey: null },
			{ key: 'Stadt gesamt', name: '', row: 14, levelKey: null }
		]);
		expect(parsed.unmatched).toEqual([{ key: '999999', name: 'Neubaugebiet', row: 15, rows: 1 }]);
		expect(parsed.perLevel).toEqual({ quartier: 3 });
	});

	it('with allLevels the rows of other levels are imported there and counted per level', () => {
		const withNames: Table = {
			...file,
			rows: file.rows.map((r, i) => (i === 1 ? ['Markt', 'Markt', '880'] : r))
		};
		const parsed = parseIndicatorTable(withNames, { ...mapping, allLevels: true }, levels);
		if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
		expect(parsed.values.areaId).toEqual(['a1', 'a2', 'b1', 'a3']);
		expect(parsed.perLevel).toEqual({ quartier: 3, bezirk: 1 });
	});

	it('a missing key is named with the row of the file', () => {
		const parsed = parseIndicatorTable(file, mapping, levels);
		expect(parsed.ok).toBe(false);
		if (parsed.ok) return;
		expect(parsed.issues).toEqual([{ code: 'missing_key', row: 9, column: 'Gebiet' }]);
		expect(describeIssue(parsed.issues[0], t)).toContain('Zeile 9');
	});
});

describe('an indicator named by several columns', () => {
	it('keeps equal row labels of different tables apart ("Tabelle" + "Merkmal")', () => {
		const long = table(
			['Gebiet', 'Jahr', 'Tabelle', 'Merkmal', 'Wert'],
			[
				['010101', '2024', 'Einwohner', 'insgesamt', '1.204'],
				['010101', '2024', 'Haushalte', 'insgesamt', '610'],
				['010102', '2024', 'Einwohner', 'insgesamt', '880']
			]
		);
		const s = suggestMapping(long, 'quartier', context, {
			layout: 'long',
			indicatorColumn: ['Tabelle', 'Merkmal'],
			valueColumn: 'Wert'
		});
		if (!s.ok) throw new Error(s.code);
		expect(s.mapping.roles).toEqual(['key', 'year', 'indicator', 'indicator', 'value']);
		expect(s.mapping.series.map((x) => x.source)).toEqual(['Einwohner – insgesamt', 'Haushalte – insgesamt']);
		const mapping = ImportMapping.parse(s.mapping);
		const parsed = parseIndicatorTable(long, mapping, context);
		if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
		expect(parsed.series.map((p) => [p.source, p.values])).toEqual([
			['Einwohner – insgesamt', 2],
			['Haushalte – insgesamt', 1]
		]);
	});
});
