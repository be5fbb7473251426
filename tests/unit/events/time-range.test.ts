import { describe, expect, it } from 'vitest';
import { formatDateRange, timesOfDay } from '../../../src/lib/events/time-range';

describe('formatDateRange', () => {
	it('gives the end time only on the same Berlin day, else the full end', () => {
		expect(formatDateRange('2027-03-10T17:00:00Z', '2027-03-10T19:30:00Z', 'de')).toBe(
			'10.03.2027, 18:00–20:30'
		);
		expect(formatDateRange('2027-03-10T17:00:00Z', '2027-03-11T09:00:00Z', 'de')).toBe(
			'10.03.2027, 18:00–11.03.2027, 10:00'
		);
		// 23:30 UTC on 31 October (winter time again) is 00:30 on 1 November in Berlin
		expect(formatDateRange('2027-10-31T21:00:00Z', '2027-10-31T23:30:00Z', 'de')).toBe(
			'31.10.2027, 22:00–01.11.2027, 00:30'
		);
	});
});

describe('timesOfDay', () => {
	it('gives only the times on one Berlin day, and the end date when it ends on another', () => {
		expect(timesOfDay('2027-03-28T16:00:00Z', '2027-03-28T18:30:00Z', 'de')).toBe('18:00–20:30');
		expect(timesOfDay('2027-03-27T22:00:00Z', '2027-03-28T09:00:00Z', 'de')).toBe('23:00–28.03.2027, 11:00');
	});
});
