/** A date as the reader's locale writes it (day precision), in the city's time zone. */
export function formatDay(value: Date | string | null, locale: string): string {
	if (!value) return '';
	const date =
		typeof value === 'string' ? new Date(value.length === 10 ? `${value}T12:00:00Z` : value) : value;
	return new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : locale, {
		day: 'numeric',
		month: 'long',
		year: 'numeric',
		timeZone: 'Europe/Berlin'
	}).format(date);
}
