import { describe, expect, it } from 'vitest';
import {
	berlinDay,
	buildMonthGrid,
	monthBounds,
	monthKey,
	parseMonth,
	shiftMonth,
	weekdayNames
} from '../../../src/lib/events/month-grid';

const at = (iso: string) => ({ startsAt: iso, id: iso });

describe('parseMonth and shiftMonth', () => {
	it('reads YYYY-MM, else falls back to the Berlin month of now (already March in Berlin at 23:30Z)', () => {
		const now = new Date('2027-02-28T23:30:00Z');
		expect(parseMonth('2027-10', now)).toEqual({ year: 2027, month: 10 });
		expect(parseMonth(null, now)).toEqual({ year: 2027, month: 3 });
		for (const bad of ['2027-13', '2027-00', '27-03', '2027-3', 'März', '1999-01'])
			expect(parseMonth(bad, now)).toEqual({ year: 2027, month: 3 });
	});
	it('crosses year ends both ways', () => {
		expect(monthKey(shiftMonth({ year: 2027, month: 12 }, 1))).toBe('2028-01');
		expect(monthKey(shiftMonth({ year: 2027, month: 1 }, -1))).toBe('2026-12');
		expect(monthKey(shiftMonth({ year: 2027, month: 5 }, -17))).toBe('2025-12');
	});
});

describe('monthBounds across DST changes', () => {
	it('March begins in winter time and ends in summer time', () => {
		const b = monthBounds({ year: 2027, month: 3 });
		expect(b.from.toISOString()).toBe('2027-02-28T23:00:00.000Z');
		expect(b.to.toISOString()).toBe('2027-03-31T22:00:00.000Z');
	});
	it('October begins in summer time and ends in winter time', () => {
		const b = monthBounds({ year: 2027, month: 10 });
		expect(b.from.toISOString()).toBe('2027-09-30T22:00:00.000Z');
		expect(b.to.toISOString()).toBe('2027-10-31T23:00:00.000Z');
	});
});

describe('buildMonthGrid', () => {
	it('lays March 2027 out in Monday-first weeks (the 1st is a Monday, 31 days → 5 weeks)', () => {
		const g = buildMonthGrid({ year: 2027, month: 3 }, [], new Date('2027-03-15T12:00:00Z'));
		expect(g.weeks).toHaveLength(5);
		expect(g.weeks[0][0]?.date).toBe('2027-03-01');
		expect(g.weeks[4].map((d) => d?.day ?? null)).toEqual([29, 30, 31, null, null, null, null]);
		expect(
			g.weeks
				.flat()
				.filter((d) => d?.today)
				.map((d) => d!.date)
		).toEqual(['2027-03-15']);
		expect(g.days).toEqual([]);
	});

	it('pads a month starting on a Sunday (August 2027) with six empty cells', () => {
		const g = buildMonthGrid({ year: 2027, month: 8 }, [], new Date('2027-01-01T12:00:00Z'));
		expect(g.weeks[0].slice(0, 6)).toEqual(Array(6).fill(null));
		expect(g.weeks[0][6]?.date).toBe('2027-08-01');
		expect(g.weeks).toHaveLength(6);
	});

	it('places dates on their Berlin day on both sides of the spring change', () => {
		const g = buildMonthGrid(
			{ year: 2027, month: 3 },
			[
				at('2027-03-27T23:30:00Z'), // 00:30 CET on the 28th
				at('2027-03-28T21:30:00Z'), // 23:30 CEST on the 28th
				at('2027-03-28T22:30:00Z'), // 00:30 CEST on the 29th
				at('2027-03-31T22:30:00Z') // 00:30 on 1 April: not March
			],
			new Date('2027-03-01T12:00:00Z')
		);
		expect(g.days.map((d) => [d.date, d.items.length])).toEqual([
			['2027-03-28', 2],
			['2027-03-29', 1]
		]);
	});

	it('places dates on their Berlin day around the autumn change, and a date still running from the month before on the 1st', () => {
		const g = buildMonthGrid(
			{ year: 2027, month: 11 },
			[
				at('2027-10-31T22:30:00Z'), // 23:30 CET on 31 October, still running into November
				at('2027-10-31T23:30:00Z'), // 00:30 CET on 1 November
				at('2027-11-30T22:59:00Z') // 23:59 CET on 30 November
			],
			new Date('2027-11-01T12:00:00Z')
		);
		expect(g.days.map((d) => [d.date, d.items.map((i) => i.id)])).toEqual([
			['2027-11-01', ['2027-10-31T22:30:00Z', '2027-10-31T23:30:00Z']],
			['2027-11-30', ['2027-11-30T22:59:00Z']]
		]);
		expect(berlinDay('2027-10-30T22:30:00Z')).toBe('2027-10-31');
	});

	it('February of a leap year has 29 days', () => {
		const g = buildMonthGrid({ year: 2028, month: 2 }, [], new Date('2028-02-01T00:00:00Z'));
		expect(g.weeks.flat().filter(Boolean)).toHaveLength(29);
	});
});

describe('weekdayNames', () => {
	it('starts on Monday with short heads and the long name for the title', () => {
		expect(weekdayNames('de').map((w) => w.short)).toEqual(['Mo', 'Di', 'Mi', 'Do', 'Fr', 'Sa', 'So']);
		expect(weekdayNames('de')[6].long).toBe('Sonntag');
		expect(weekdayNames('tr')[0].short).toBe('Pzt');
	});

	it('gives Arabic the narrow letters, since its short names are the full ones', () => {
		const ar = weekdayNames('ar');
		expect(ar[0].long).toBe('الاثنين');
		expect(ar.every((w) => w.short.length <= 2)).toBe(true);
		expect(new Set(ar.map((w) => w.short)).size).toBeGreaterThan(1);
	});
});
