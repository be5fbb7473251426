// Display of indicator values in tables (locale number format, placeholders with their reason).

type Translate = (key: string, params?: Record<string, unknown>) => string;

export function formatNumber(value: number, locale: string, maxDigits = 2): string {
	return new Intl.NumberFormat(locale, { maximumFractionDigits: maxDigits }).format(value);
}

export function formatIndicatorValue(
	row: { value: number | null; category: string | null; reason: string | null },
	unit: string,
	locale: string,
	t: Translate
): string {
	if (row.category !== null) return row.category;
	if (row.value === null) return row.reason ? t(`indicators.reasons.${row.reason}`) : '–';
	const number = formatNumber(row.value, locale);
	return unit ? `${number} ${unit}` : number;
}
