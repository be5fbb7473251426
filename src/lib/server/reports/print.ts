// How a cell of the document model is printed in DOCX and PDF (XLSX keeps numbers as numbers).
import type { Cell } from '../../reports/model';

export function printCell(value: Cell, locale: string): string {
	if (value === null) return '';
	if (typeof value === 'string') return value;
	const decimals = Number.isInteger(value) ? 0 : Math.min(3, String(value).split('.')[1]?.length ?? 0);
	return new Intl.NumberFormat(locale === 'ar' ? 'ar-u-nu-latn' : locale, {
		minimumFractionDigits: decimals,
		maximumFractionDigits: decimals
	}).format(value);
}
