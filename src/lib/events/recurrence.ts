// Recurring dates from a simple rule: every n weeks or months, a number of times, at the same Berlin
// wall-clock time (a Sozialraumforum at 18:00 stays at 18:00 across summer time). Browser-safe.
import { z } from 'zod';
import { berlinWallTime, fromBerlin } from './time';

export const RecurrenceRule = z.object({
	unit: z.enum(['week', 'month']),
	interval: z.number().int().min(1).max(24),
	count: z.number().int().min(1).max(52)
});
export type RecurrenceRule = z.infer<typeof RecurrenceRule>;

export interface Slot {
	startsAt: Date;
	endsAt: Date;
}

function daysInMonth(year: number, month: number): number {
	return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The first date and count−1 more; a monthly date on the 31st falls on the month's last day. */
export function expandRecurrence(first: Slot, rule: RecurrenceRule | null): Slot[] {
	if (!rule) return [first];
	const start = berlinWallTime(first.startsAt);
	const durationMs = first.endsAt.getTime() - first.startsAt.getTime();
	const out: Slot[] = [];
	for (let i = 0; i < rule.count; i++) {
		let startsAt: Date;
		if (rule.unit === 'week') {
			startsAt = fromBerlin({ ...start, day: start.day + 7 * rule.interval * i });
		} else {
			const monthIndex = start.month - 1 + rule.interval * i;
			const year = start.year + Math.floor(monthIndex / 12);
			const month = (monthIndex % 12) + 1;
			startsAt = fromBerlin({ ...start, year, month, day: Math.min(start.day, daysInMonth(year, month)) });
		}
		out.push({ startsAt, endsAt: new Date(startsAt.getTime() + durationMs) });
	}
	return out;
}
