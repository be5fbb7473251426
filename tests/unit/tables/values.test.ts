// Values as statistics offices publish them (Zeichenerklärung of Destatis and the Amt für Statistik
// Berlin-Brandenburg, Impressum sheet of the Baufertigstellungen report in ../shared/fixtures).
import { describe, expect, it } from 'vitest';
import { parseOfficialNumber, type DecimalSeparator } from '../../../src/lib/stats/official-values';

const cases: [string, DecimalSeparator, number | null, string | null][] = [
	// number, decimal separator, value, reason
	['1.234,5', ',', 1234.5, null],
	['1 234', ',', 1234, null],
	['1\u202f234', ',', 1234, null],
	['1\u00a0234,75', ',', 1234.75, null],
	['12.345.678', ',', 12345678, null],
	['1,234.5', '.', 1234.5, null],
	['48,8 %', ',', 48.8, null],
	['48,8%', ',', 48.8, null],
	['−4,83', ',', -4.83, null],
	['12,3¹', ',', 12.3, null],
	['12,3²³', ',', 12.3, null],
	['45 a', ',', 45, null],
	['12,3*', ',', 12.3, null],
	['169 p', ',', 169, null],
	['3 503 r', ',', 3503, null],
	['12,3 1)', ',', 12.3, null],
	['(12,3)', ',', 12.3, null],
	['12,5 % ¹', ',', 12.5, null],
	['–', ',', 0, null],
	['-', ',', 0, null],
	['.', ',', null, 'unknown_or_secret'],
	['•', ',', null, 'unknown_or_secret'],
	['*', ',', null, 'unknown_or_secret'],
	['x', ',', null, 'not_applicable'],
	['/', ',', null, 'too_uncertain'],
	['()', ',', null, 'too_uncertain'],
	['( )', ',', null, 'too_uncertain'],
	['…', ',', null, 'not_yet_available'],
	['...', ',', null, 'not_yet_available'],
	['', ',', null, 'missing']
];

describe('parseOfficialNumber, as published', () => {
	for (const [text, decimal, value, reason] of cases)
		it(JSON.stringify(text), () => {
			expect(parseOfficialNumber(text, decimal)).toEqual({ ok: true, value, reason });
		});

	for (const text of ['hoch', '12a', 'a 12', '1,5,5', '12,3 abc', '¹', 'p'])
		it(`refuses ${JSON.stringify(text)}`, () => {
			expect(parseOfficialNumber(text, ',')).toEqual({ ok: false });
		});
});
