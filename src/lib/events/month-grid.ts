// The month view of the public date lists: which month the URL asks for, its bounds in Berlin time,
// and the weeks (Monday first) with each day's dates. Browser-safe, no database.
import { berlinWallTime, fromBerlin } from './time';

export interface Month {
	year: number;
	/** 1–12 */
	month: number;
}

const MONTH = /^(\d{4})-(\d{2})$/;
const pad = (n: number) => String(n).padStart(2, '0');

/** '2027-03' → that month; anything else (or nothing) → the Berlin month of `now`. */
export function parseMonth(value: string | null | undefined, now: Date): Month {
	const m = MONTH.exec((value ?? '').trim());
	if (m) {
		const year = Number(m[1]);
		const month = Number(m[2]);
		if (year >= 2000 && year <= 2200 && month >= 1 && month <= 12) return { year, month };
	}
	const w = berlinWallTime(now);
	return { year: w.year, month: w.month };
}

export function monthKey(m: Month): string {
	return `${m.year}-${pad(m.month)}`;
}

export function shiftMonth(m: Month, by: number): Month {
	const i = m.year * 12 + (m.month - 1) + by;
	return { year: Math.floor(i / 12), month: (i % 12) + 1 };
}

/** Midnight in Berlin at the first of the month, and at the first of the next (exclusive). */
export function monthBounds(m: Month): { from: Date; to: Date } {
	const next = shiftMonth(m, 1);
	return {
		from: fromBerlin({ year: m.year, month: m.month, day: 1, hour: 0, minute: 0 }),
		to: fromBerlin({ year: next.year, month: next.month, day: 1, hour: 0, minute: 0 })
	};
}

function daysIn(m: Month): number {
	return new Date(Date.UTC(m.year, m.month, 0)).getUTCDate();
}

/** 0 = Monday … 6 = Sunday, of a calendar day. */
function weekday(year: number, month: number, day: number): number {
	return (new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7;
}

/** The Berlin calendar day of an instant, 'YYYY-MM-DD'. */
export function berlinDay(at: Date | string): string {
	const w = berlinWallTime(new Date(at));
	return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
}

export interface MonthDay<T> {
	/** 'YYYY-MM-DD' */
	date: string;
	day: number;
	today: boolean;
	items: T[];
}

export interface MonthGrid<T> {
	month: string;
	/** Monday-first weeks; days of the neighbouring months are null */
	weeks: (MonthDay<T> | null)[][];
	/** the days that have dates, in order */
	days: MonthDay<T>[];
}

/**
 * Places each item on the Berlin day it starts (a date that began in the month before and still runs
 * is shown on the first), in the given order.
 */
export function buildMonthGrid<T extends { startsAt: string | Date }>(
	m: Month,
	items: T[],
	now: Date
): MonthGrid<T> {
	const key = monthKey(m);
	const today = berlinDay(now);
	const n = daysIn(m);
	const all: MonthDay<T>[] = Array.from({ length: n }, (_, i) => {
		const date = `${key}-${pad(i + 1)}`;
		return { date, day: i + 1, today: date === today, items: [] };
	});
	const first = `${key}-01`;
	for (const item of items) {
		const d = berlinDay(item.startsAt);
		const target = d < first ? first : d;
		if (!target.startsWith(key)) continue;
		all[Number(target.slice(8, 10)) - 1].items.push(item);
	}
	const lead = weekday(m.year, m.month, 1);
	const cells: (MonthDay<T> | null)[] = [...Array(lead).fill(null), ...all];
	while (cells.length % 7) cells.push(null);
	const weeks: (MonthDay<T> | null)[][] = [];
	for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
	return { month: key, weeks, days: all.filter((d) => d.items.length > 0) };
}

/**
 * Column heads Monday to Sunday: a short name with the long one for its title. Arabic has no short
 * weekday names and its full ones break inside a phone-wide column, so longer names fall back to the
 * narrow form (ن ث ر …, as Arabic calendars print them).
 */
export function weekdayNames(locale: string): { short: string; long: string }[] {
	return Array.from({ length: 7 }, (_, i) => {
		// 1 March 2027 is a Monday
		const day = Date.UTC(2027, 2, 1 + i, 12);
		const name = (weekday: 'narrow' | 'short' | 'long') =>
			new Intl.DateTimeFormat(locale, { weekday, timeZone: 'UTC' }).format(day);
		const short = name('short');
		return { short: short.length > 4 ? name('narrow') : short, long: name('long') };
	});
}
