// Cell formatting shared by the writers. Pure.
import { isSuppressed, SECRET_SIGN, type ExportCell } from './table';

/** yyyy-mm-dd of an instant in the city's time zone (Europe/Berlin). */
export function berlinDate(value: Date | string): string {
	const date = typeof value === 'string' ? new Date(value) : value;
	// en-CA writes ISO order (yyyy-mm-dd).
	return new Intl.DateTimeFormat('en-CA', {
		timeZone: 'Europe/Berlin',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit'
	}).format(date);
}

export type CsvVariant = 'comma' | 'semicolon';

/** Cells a spreadsheet would run as a formula ("=HYPERLINK(…)"): prefixed with ' (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

export function guardFormula(text: string): string {
	return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * One CSV cell as text. Numbers: decimal point in the comma variant, decimal comma in the semicolon
 * variant (German Excel), never thousands separators. null = empty; suppressed = ".".
 */
export function csvCell(cell: ExportCell, variant: CsvVariant): string {
	if (cell === null) return '';
	if (isSuppressed(cell)) return SECRET_SIGN;
	if (typeof cell === 'number') {
		if (!Number.isFinite(cell)) return '';
		const text = String(cell);
		return variant === 'semicolon' ? text.replace('.', ',') : text;
	}
	if (typeof cell === 'boolean') return cell ? 'true' : 'false';
	return guardFormula(cell);
}

/** A spreadsheet sheet name: at most 31 characters, none of []:*?/\ , unique in the workbook. */
export function sheetName(label: string, taken: Set<string>): string {
	const base =
		label
			.replace(/[[\]:*?/\\]/g, ' ')
			.trim()
			.slice(0, 31) || 'Tabelle';
	let name = base;
	for (let n = 2; taken.has(name.toLowerCase()); n++) {
		const suffix = ` (${n})`;
		name = `${base.slice(0, 31 - suffix.length)}${suffix}`;
	}
	taken.add(name.toLowerCase());
	return name;
}
