// Dates as the city reads them. Every date shown or typed means Europe/Berlin, whatever time zone the
// server or the browser runs in: a consultation "bis 28. Februar 2027" is open until that evening in
// Berlin. Browser-safe (Intl only); server and components both use it.

export const CITY_TIME_ZONE = 'Europe/Berlin';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar day ('YYYY-MM-DD', e.g. a phase or collected_on) has no time zone: noon UTC is that day in Berlin. */
function toDate(value: Date | string | number): Date {
	if (typeof value === 'string' && DAY.test(value)) return new Date(`${value}T12:00:00Z`);
	return value instanceof Date ? value : new Date(value);
}

/** "28. Februar 2027" (de), "28 February 2027" (en): day precision, for periods and phases. */
export function formatDay(value: Date | string | null | undefined, locale: string): string {
	if (value === null || value === undefined || value === '') return '';
	return new Intl.DateTimeFormat(locale, {
		day: 'numeric',
		month: 'long',
		year: 'numeric',
		timeZone: CITY_TIME_ZONE
	}).format(toDate(value));
}

/** "28.02.2027", with time "28.02.2027, 14:05": lists, logs and tables. */
export function formatDate(value: Date | string, locale: string, withTime = false): string {
	return new Intl.DateTimeFormat(locale, {
		dateStyle: 'medium',
		...(withTime ? { timeStyle: 'short' } : {}),
		timeZone: CITY_TIME_ZONE
	}).format(toDate(value));
}

export function formatDateTime(value: Date | string, locale: string): string {
	return formatDate(value, locale, true);
}

const PARTS = new Intl.DateTimeFormat('en-US', {
	timeZone: CITY_TIME_ZONE,
	hourCycle: 'h23',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
	second: '2-digit'
});

function cityParts(at: Date): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number> {
	const out = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
	for (const p of PARTS.formatToParts(at))
		if (p.type in out) out[p.type as keyof typeof out] = Number(p.value);
	return out;
}

/** Berlin's offset from UTC at that instant, in ms (+1 h in winter, +2 h in summer). */
function offsetAt(at: Date): number {
	const p = cityParts(at);
	const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
	return wall - (at.getTime() - at.getUTCMilliseconds());
}

/** The calendar day 'YYYY-MM-DD' it is in Berlin at that instant (what a date input should show). */
export function cityDay(at: Date): string {
	const p = cityParts(at);
	return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** The instant a Berlin wall-clock time on that day happens. Berlin changes clocks at 02:00/03:00, never near midnight. */
function cityTime(day: string, hour: number, minute: number, second: number): Date {
	const m = DAY.exec(day);
	if (!m) throw new RangeError(`not a day: ${day}`);
	const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), hour, minute, second);
	// The offset at the wall time read as UTC is at most 2 h off; once more from the first guess is exact.
	const first = wall - offsetAt(new Date(wall));
	return new Date(wall - offsetAt(new Date(first)));
}

/** 00:00:00 Berlin time: when something starting on that day begins. */
export function startOfCityDay(day: string): Date {
	return cityTime(day, 0, 0, 0);
}

/** 23:59:59 Berlin time: when something ending on that day ends (it is open through the whole day). */
export function endOfCityDay(day: string): Date {
	return cityTime(day, 23, 59, 59);
}
