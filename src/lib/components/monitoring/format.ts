// Number formatting for the map, table, legend and profile in the reader's language.

const NUMBER_LOCALES: Record<string, string> = { de: 'de-DE', en: 'en-GB', ar: 'ar-u-nu-latn' };

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

/** Labels of the legend classes: "10,0 – 15,2" (ranges share one precision). */
export function legendLabels(breaks: readonly number[], locale: string): string[] {
	const decimals = sharedDecimals(breaks);
	const labels: string[] = [];
	for (let i = 1; i < breaks.length; i++)
		labels.push(
			`${formatNumber(breaks[i - 1], locale, decimals)} – ${formatNumber(breaks[i], locale, decimals)}`
		);
	return labels;
}
