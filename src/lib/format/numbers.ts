// Number formatting in the reader's language, one place for the whole site. Arabic shows Latin
// digits (one consistent choice: keys, years and figures read the same in every language).

const NUMBER_LOCALES: Record<string, string> = {
	de: 'de-DE',
	en: 'en-GB',
	tr: 'tr-TR',
	ar: 'ar-u-nu-latn',
	uk: 'uk-UA',
	ru: 'ru-RU'
};

/** Left-to-right isolate: a range or key keeps its order inside right-to-left text. */
export function isolateLtr(text: string): string {
	return `\u2066${text}\u2069`;
}

export function numberLocale(locale: string): string {
	return NUMBER_LOCALES[locale] ?? 'de-DE';
}

/** Decimals that suit a value: whole numbers none; large ones none; otherwise one (two below 1). */
export function decimalsFor(value: number): number {
	if (Number.isInteger(value) || Math.abs(value) >= 1000) return 0;
	return Math.abs(value) < 1 ? 2 : 1;
}

/** Decimals shared by a set of numbers (a legend reads best with one precision). */
export function sharedDecimals(values: readonly number[]): number {
	return values.reduce((d, v) => Math.max(d, decimalsFor(v)), 0);
}

export function formatNumber(value: number, locale: string, decimals = decimalsFor(value)): string {
	return new Intl.NumberFormat(numberLocale(locale), {
		minimumFractionDigits: decimals,
		maximumFractionDigits: decimals
	}).format(value);
}

/** "23,5 %", "1.234 Personen": the number with its unit. */
export function formatValue(value: number, unit: string, locale: string, decimals?: number): string {
	const number = formatNumber(value, locale, decimals ?? decimalsFor(value));
	return unit ? `${number} ${unit}` : number;
}

/** Labels of the legend classes: "10,0 – 15,2" (ranges share one precision; isolated so Arabic does not reverse them). */
export function legendLabels(breaks: readonly number[], locale: string): string[] {
	const decimals = sharedDecimals(breaks);
	const labels: string[] = [];
	for (let i = 1; i < breaks.length; i++)
		labels.push(
			isolateLtr(
				`${formatNumber(breaks[i - 1], locale, decimals)} – ${formatNumber(breaks[i], locale, decimals)}`
			)
		);
	return labels;
}

/** "12,5 %" in the reader's language (share 0–1 → percent). */
export function formatPercent(share: number, locale: string, decimals = 1): string {
	return new Intl.NumberFormat(numberLocale(locale), {
		style: 'percent',
		minimumFractionDigits: decimals,
		maximumFractionDigits: decimals
	}).format(share);
}
