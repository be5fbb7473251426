import { describe, expect, it } from 'vitest';
import {
	cityDay,
	endOfCityDay,
	formatDate,
	formatDateTime,
	formatDay,
	startOfCityDay
} from '../../../src/lib/format/dates';

// 2027: summer time starts on Sunday 28 March (02:00 → 03:00) and ends on Sunday 31 October (03:00 → 02:00).
describe('days in Berlin, across the clock changes', () => {
	it('a consultation ending 28.02.2027 ends that evening in Berlin and is shown as that day', () => {
		const end = endOfCityDay('2027-02-28');
		expect(end.toISOString()).toBe('2027-02-28T22:59:59.000Z');
		expect(formatDay(end, 'de')).toBe('28. Februar 2027');
		expect(formatDay(end, 'en')).toBe('February 28, 2027');
		expect(cityDay(end)).toBe('2027-02-28');
	});

	it('the day summer time starts (28.03.2027) begins at +1 h and ends at +2 h', () => {
		expect(startOfCityDay('2027-03-28').toISOString()).toBe('2027-03-27T23:00:00.000Z');
		expect(endOfCityDay('2027-03-28').toISOString()).toBe('2027-03-28T21:59:59.000Z');
		expect(formatDay(startOfCityDay('2027-03-28'), 'de')).toBe('28. März 2027');
		expect(formatDay(endOfCityDay('2027-03-28'), 'de')).toBe('28. März 2027');
		expect(startOfCityDay('2027-03-29').toISOString()).toBe('2027-03-28T22:00:00.000Z');
	});

	it('the day summer time ends (31.10.2027) begins at +2 h and ends at +1 h', () => {
		expect(startOfCityDay('2027-10-31').toISOString()).toBe('2027-10-30T22:00:00.000Z');
		expect(endOfCityDay('2027-10-31').toISOString()).toBe('2027-10-31T22:59:59.000Z');
		expect(formatDay(endOfCityDay('2027-10-31'), 'de')).toBe('31. Oktober 2027');
		expect(startOfCityDay('2027-11-01').toISOString()).toBe('2027-10-31T23:00:00.000Z');
	});

	it('round-trips every day of 2027 (what the edit form shows is what was typed)', () => {
		for (let t = Date.UTC(2027, 0, 1); t < Date.UTC(2028, 0, 1); t += 86_400_000) {
			const day = new Date(t).toISOString().slice(0, 10);
			expect(cityDay(startOfCityDay(day))).toBe(day);
			expect(cityDay(endOfCityDay(day))).toBe(day);
			expect(endOfCityDay(day).getTime() - startOfCityDay(day).getTime()).toBeGreaterThan(22 * 3600_000);
		}
	});

	it('"today" is the Berlin day, not the UTC day', () => {
		expect(cityDay(new Date('2027-03-27T23:30:00Z'))).toBe('2027-03-28');
		expect(cityDay(new Date('2027-07-01T21:59:59Z'))).toBe('2027-07-01');
		expect(cityDay(new Date('2027-07-01T22:00:00Z'))).toBe('2027-07-02');
	});

	it('refuses what is not a day', () => {
		expect(() => endOfCityDay('28.02.2027')).toThrow(RangeError);
	});
});

describe('formatting', () => {
	it('a calendar day (phase, collected_on) is that day whatever the time zone', () => {
		expect(formatDay('2027-02-28', 'de')).toBe('28. Februar 2027');
		expect(formatDate('2027-10-31', 'de')).toBe('31.10.2027');
		expect(formatDay(null, 'de')).toBe('');
	});

	it('times are Berlin wall-clock times (moderation log, outbox), in summer and winter', () => {
		expect(formatDateTime('2027-10-30T22:30:00Z', 'de')).toBe('31.10.2027, 00:30');
		expect(formatDateTime(new Date('2027-10-31T22:30:00Z'), 'de')).toBe('31.10.2027, 23:30');
		expect(formatDate(new Date('2026-11-23T10:00:00Z'), 'en')).toBe('Nov 23, 2026');
	});
});
