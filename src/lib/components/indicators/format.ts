// Display of indicator values in tables (locale number format, placeholders with their reason).

import { numberLocale } from '../../format/numbers';

type Translate = (key: string, params?: Record<string, unknown>) => string;

/** Up to two decimals as imported (the map and profile round per value: format/numbers.ts). */
export function formatImportedNumber(value: number, locale: string, maxDigits = 2): string {
	return new Intl.NumberFormat(numberLocale(locale), { maximumFractionDigits: maxDigits }).format(value);
}

export function formatIndicatorValue(
	row: { value: number | null; category: string | null; reason: string | null },
	unit: string,
	locale: string,
	t: Translate
): string {
	if (row.category !== null) return row.category;
	if (row.value === null) return row.reason ? t(`indicators.reasons.${row.reason}`) : '–';
	const number = formatImportedNumber(row.value, locale);
	return unit ? `${number} ${unit}` : number;
}
