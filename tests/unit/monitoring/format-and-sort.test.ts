import { describe, expect, it } from 'vitest';
import { formatNumber, formatValue, legendLabels } from '../../../src/lib/format/numbers';
import {
	nextSort,
	SORT_PARAMS,
	sortFromParam,
	sortRows,
	sortToParam
} from '../../../src/lib/monitoring/table-sort';

describe('legend labels and values', () => {
	it('label classes as ranges with one shared precision, in the reader’s number format', () => {
		// Each range is a left-to-right isolate, so right-to-left pages do not read it reversed.
		const ltr = (s: string) => `\u2066${s}\u2069`;
		expect(legendLabels([4, 4.9, 10], 'ar')).toEqual([ltr('4.0 – 4.9'), ltr('4.9 – 10.0')]);
		expect(legendLabels([4, 4.9, 7.62, 10, 44.1], 'de').map((l) => l.slice(1, -1))).toEqual([
			'4,0 – 4,9',
			'4,9 – 7,6',
			'7,6 – 10,0',
			'10,0 – 44,1'
		]);
		expect(legendLabels([4, 4.9, 10], 'en')).toEqual([ltr('4.0 – 4.9'), ltr('4.9 – 10.0')]);
		expect(legendLabels([1200, 3400, 15000], 'de')).toEqual([ltr('1.200 – 3.400'), ltr('3.400 – 15.000')]);
		expect(legendLabels([], 'de')).toEqual([]);
	});

	it('format values with their unit', () => {
		expect(formatValue(12.66, '%', 'de')).toBe('12,7 %');
		expect(formatValue(142461, 'Personen', 'de')).toBe('142.461 Personen');
		expect(formatValue(142461, 'Personen', 'en')).toBe('142,461 Personen');
		expect(formatValue(0.345, '', 'de')).toBe('0,35');
		expect(formatNumber(1000, 'ar')).toBe('1,000');
	});
});

describe('table sorting', () => {
	const rows = [
		{ key: '03', name: 'Übach', value: 5, count: 12 },
		{ key: '01', name: 'Ahornhof', value: null, count: null },
		{ key: '02', name: 'Zechensiedlung', value: 12.5, count: 40 },
		{ key: '04', name: 'Birkenweg', value: 5, count: 3 },
		{ key: '05', name: 'Am Kanal', value: null, count: null }
	];
	const names = (r: typeof rows) => r.map((x) => x.name);

	it('sort by name with German collation (Ü next to U, not after Z)', () => {
		expect(names(sortRows(rows, { key: 'name', direction: 'ascending' }, 'de'))).toEqual([
			'Ahornhof',
			'Am Kanal',
			'Birkenweg',
			'Übach',
			'Zechensiedlung'
		]);
	});

	it('sort by value both ways, with missing values last either way and ties by name', () => {
		expect(names(sortRows(rows, { key: 'value', direction: 'ascending' }, 'de'))).toEqual([
			'Birkenweg',
			'Übach',
			'Zechensiedlung',
			'Ahornhof',
			'Am Kanal'
		]);
		expect(names(sortRows(rows, { key: 'value', direction: 'descending' }, 'de'))).toEqual([
			'Zechensiedlung',
			'Birkenweg',
			'Übach',
			'Ahornhof',
			'Am Kanal'
		]);
		expect(names(sortRows(rows, { key: 'count', direction: 'ascending' }, 'de')).slice(0, 3)).toEqual([
			'Birkenweg',
			'Übach',
			'Zechensiedlung'
		]);
		// A copy: the input keeps its order.
		expect(rows[0].name).toBe('Übach');
	});

	it('toggle direction on the same column; numbers start descending, names ascending', () => {
		expect(nextSort({ key: 'name', direction: 'ascending' }, 'name')).toEqual({
			key: 'name',
			direction: 'descending'
		});
		expect(nextSort({ key: 'name', direction: 'ascending' }, 'value')).toEqual({
			key: 'value',
			direction: 'descending'
		});
		expect(nextSort({ key: 'value', direction: 'descending' }, 'value')).toEqual({
			key: 'value',
			direction: 'ascending'
		});
	});

	it('URL parameters round-trip and unknown ones are refused', () => {
		expect(SORT_PARAMS).toHaveLength(6);
		for (const param of SORT_PARAMS) expect(sortToParam(sortFromParam(param)!)).toBe(param);
		expect(sortToParam({ key: 'value', direction: 'descending' })).toBe('wert-ab');
		expect(sortFromParam('wert-quer')).toBeNull();
		expect(sortFromParam('')).toBeNull();
		expect(sortFromParam(null)).toBeNull();
	});
});
