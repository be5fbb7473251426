// How a date's span reads: "10.03.2027, 18:00–20:00", or under a day's heading only "18:00–20:00".
// Berlin time, browser-safe.
import { CITY_TIME_ZONE, formatDateTime } from '../format/dates';
import { berlinWallTime } from './time';

const sameBerlinDay = (a: Date, b: Date) => {
	const x = berlinWallTime(a);
	const y = berlinWallTime(b);
	return x.year === y.year && x.month === y.month && x.day === y.day;
};

/** "10.03.2027, 18:00–20:00" on one Berlin day, else both ends in full. */
export function formatDateRange(startsAt: Date | string, endsAt: Date | string, locale: string): string {
	const s = new Date(startsAt);
	const e = new Date(endsAt);
	const end = sameBerlinDay(s, e)
		? new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone: CITY_TIME_ZONE }).format(e)
		: formatDateTime(e, locale);
	return `${formatDateTime(s, locale)}–${end}`;
}

/** Under a day's heading: "18:00–20:00", or with the end's date when it ends on another day. */
export function timesOfDay(startsAt: string | Date, endsAt: string | Date, locale: string): string {
	const time = new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone: CITY_TIME_ZONE });
	const s = new Date(startsAt);
	const e = new Date(endsAt);
	const end = sameBerlinDay(s, e)
		? time.format(e)
		: new Intl.DateTimeFormat(locale, {
				dateStyle: 'medium',
				timeStyle: 'short',
				timeZone: CITY_TIME_ZONE
			}).format(e);
	return `${time.format(s)}–${end}`;
}
