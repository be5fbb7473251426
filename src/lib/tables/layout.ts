// Finds the table inside a sheet as statistics offices publish it: title rows above the header,
// a header spread over several rows (group header, column name, unit row), blank spacer rows and
// columns, label-only rows ("davon", "darunter") between the data and a footnote/source block
// below it. Pure and browser-safe: the input is a grid of cell texts (merged cells already filled).
import { parseOfficialNumber } from '../stats/official-values';

/** 1-based, inclusive row range of the sheet. */
export interface RowRange {
	from: number;
	to: number;
}

export interface ReadingOptions {
	/** header rows as the planner set them; otherwise detected */
	headerRows?: RowRange;
	/** rows (1-based, of the sheet) left out of the data */
	skipRows?: readonly number[];
}

export interface SheetReading {
	header: RowRange;
	/** first and last row of the data block */
	data: RowRange;
	/** title rows above the header (their text) */
	titles: string[];
	/** first row of the footnote/source block, null when there is none */
	footerFrom: number | null;
	/** rows inside the data block that were left out: blank, label-only or asked for */
	skipped: number[];
	/** rows the planner asked to skip */
	skipRequested: number[];
	/** 1-based sheet columns that make up the table (spacer columns are dropped) */
	sheetColumns: number[];
	/** true when the header rows were detected, false when the planner set them */
	detected: boolean;
	/** the first rows of the sheet and the start of the footnote block, for the preview */
	excerpt: ExcerptRow[];
}

export type RowRole = 'title' | 'header' | 'data' | 'skipped' | 'footer' | 'blank';

export interface ExcerptRow {
	row: number;
	role: RowRole;
	/** the table's columns (spacer columns left out), shortened */
	cells: string[];
}

const EXCERPT_COLUMNS = 6;
const EXCERPT_DATA_ROWS = 4;

export interface GridTable {
	columns: string[];
	rows: string[][];
	/** the sheet row (1-based) of every data row */
	rowNumbers: number[];
	reading: SheetReading;
}

export type GridResult =
	{ ok: true; table: GridTable } | { ok: false; code: 'empty_file' | 'header_out_of_range' | 'no_data_rows' };

const SOFT_HYPHEN = /\u00ad/g;
const CONNECTIVES = new Set(['davon', 'darunter', 'darin', 'dar.', 'und zwar', 'von', 'und']);
const UNIT =
	/^\(?((\d[\d ]*\s?)?(anzahl|%|prozent|eur|euro|€|tsd\.?|mio\.?|m²|qm|ha|km²|jahre|monate|personen|‰)|(in|je|pro) [^()]+)\)?$/i;
const FOOTER_START =
	/^(_{3,}|-{3,}|—{2,}|quelle|quellen|datenquelle|anmerkung|anmerkungen|hinweis|hinweise|fußnote|fussnote|erläuterung|stand:|source|\*+\)?\s|\d{1,2}\)\s|\d{1,2}\s+\p{L}|[a-z]\)\s)/iu;
const YEAR = /^(19|20|21)\d{2}$/;

/** Header text of a cell: line breaks, soft hyphens ("ins-\ngesamt") and runs of blanks cleaned. */
export function cleanHeaderText(raw: string): string {
	return raw
		.replace(SOFT_HYPHEN, '')
		.replace(/(\p{Ll})-\s*\r?\n\s*(\p{Ll})/gu, '$1$2')
		.replace(/\s*\r?\n\s*—\s*\r?\n\s*/g, ' – ')
		.replace(/\s+/g, ' ')
		.trim();
}

/** A header part without its footnote marker ("Bauüberhang insgesamt 1" → "Bauüberhang insgesamt"). */
function withoutFootnote(text: string): string {
	return text
		.replace(/(?<![mk])\s*[¹²³⁴⁵⁶⁷⁸⁹⁰]+$/u, '')
		.replace(/(\p{L}{3,})\s+\d{1,2}\)?$/u, '$1')
		.replace(/\s*\*+\)?$/u, '')
		.trim();
}

type CellKind = 'blank' | 'number' | 'text';

function kindOf(cell: string): CellKind {
	const text = cell.trim();
	if (text === '') return 'blank';
	const comma = parseOfficialNumber(text, ',');
	const point = comma.ok ? comma : parseOfficialNumber(text, '.');
	return point.ok ? 'number' : 'text';
}

interface RowProfile {
	filled: number;
	numbers: number;
	years: number;
	distinct: number;
	first: string;
}

function profile(row: readonly string[]): RowProfile {
	let filled = 0;
	let numbers = 0;
	let years = 0;
	const texts = new Set<string>();
	let first = '';
	for (const cell of row) {
		const kind = kindOf(cell);
		if (kind === 'blank') continue;
		if (!first) first = cell.trim();
		filled++;
		texts.add(cell.trim());
		if (kind === 'number') {
			numbers++;
			if (YEAR.test(cell.trim())) years++;
		}
	}
	return { filled, numbers, years, distinct: texts.size, first };
}

/** A data row: numbers (or official placeholders) in at least half of its cells beside the label. */
function isDataRow(p: RowProfile): boolean {
	if (p.filled < 2 || p.distinct < 2) return false;
	// A row of years only is a header of a time series, not data.
	if (p.years === p.numbers && p.numbers >= 2 && p.filled - p.numbers <= 1) return false;
	return p.numbers >= 1 && p.numbers >= (p.filled - 1) / 2;
}

function isFooterRow(p: RowProfile): boolean {
	return p.distinct === 1 && FOOTER_START.test(p.first);
}

/** The header rows above the first data row: blank rows right above it are spacers; title rows
 * (one text, maybe merged across) and blank rows above end the header. */
export function detectHeader(grid: readonly (readonly string[])[]): RowRange | null {
	const profiles = grid.map(profile);
	const firstData = profiles.findIndex(isDataRow);
	if (firstData < 0) {
		const firstFilled = profiles.findIndex((p) => p.filled > 0 && p.distinct > 1);
		return firstFilled < 0 ? null : { from: firstFilled + 1, to: firstFilled + 1 };
	}
	// Blank rows and label rows ("Abgang ganzer Gebäude", "davon") between header and data.
	let to = firstData - 1;
	while (to >= 0 && profiles[to].distinct < 2) to--;
	if (to < 0) return { from: firstData, to: firstData };
	let from = to;
	while (from - 1 >= 0 && profiles[from - 1].distinct >= 2 && !isDataRow(profiles[from - 1])) from--;
	// A single-text row directly on the first data row is the column header of a one-column label table.
	return { from: from + 1, to: to + 1 };
}

/** "Group – Name (unit)" from the header cells of one column, top to bottom. */
export function combineHeader(parts: readonly string[]): string {
	const cleaned: string[] = [];
	for (const raw of parts) {
		const text = withoutFootnote(cleanHeaderText(raw));
		if (!text || cleaned.at(-1) === text) continue;
		if (CONNECTIVES.has(text.toLowerCase())) continue;
		cleaned.push(text);
	}
	if (cleaned.length > 1 && UNIT.test(cleaned.at(-1)!)) {
		const unit = cleaned.pop()!.replace(/^\((.*)\)$/, '$1');
		return `${cleaned.join(' – ')} (${unit})`;
	}
	return cleaned.join(' – ');
}

function columnLetter(n: number): string {
	let s = '';
	for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
	return s;
}

/** Reads the table of a sheet with detected or given header rows. */
export function readGrid(grid: readonly (readonly string[])[], options: ReadingOptions = {}): GridResult {
	const height = grid.length;
	if (!grid.some((r) => r.some((c) => c.trim() !== ''))) return { ok: false, code: 'empty_file' };
	const detected = options.headerRows === undefined;
	const header = options.headerRows ?? detectHeader(grid);
	if (!header) return { ok: false, code: 'empty_file' };
	if (header.from < 1 || header.to < header.from || header.to >= height)
		return { ok: false, code: 'header_out_of_range' };
	const profiles = grid.map(profile);
	const width = Math.max(...grid.map((r) => r.length));
	const skipRequested = [...new Set(options.skipRows ?? [])]
		.filter((n) => n > header.to && n <= height)
		.sort((a, b) => a - b);
	const skipSet = new Set(skipRequested);

	// The data block: from below the header to the footnote block (or the last filled row).
	let footerFrom: number | null = null;
	let last = header.to;
	let seenData = false;
	for (let i = header.to; i < height; i++) {
		const p = profiles[i];
		if (p.filled === 0) continue;
		if (seenData && isFooterRow(p)) {
			footerFrom = i + 1;
			break;
		}
		if (isDataRow(p) || p.numbers > 0) seenData = true;
		last = i + 1;
	}
	const dataFrom = header.to + 1;
	const dataTo = Math.max(dataFrom, last);

	// Columns with anything in the header or the data; spacer columns are dropped.
	const used: number[] = [];
	for (let c = 0; c < width; c++) {
		let any = false;
		for (let r = header.from - 1; r < dataTo && !any; r++) any = (grid[r]?.[c] ?? '').trim() !== '';
		if (any) used.push(c);
	}
	if (used.length === 0) return { ok: false, code: 'no_data_rows' };

	// A header merged across a column without any data ("Gebäudeart – Bauherr" over A:B) is one column.
	for (let i = used.length - 1; i > 0; i--) {
		const c = used[i];
		let data = false;
		for (let r = header.to; r < dataTo && !data; r++) data = (grid[r]?.[c] ?? '').trim() !== '';
		const same = grid
			.slice(header.from - 1, header.to)
			.every((row) => (row[c] ?? '') === (row[used[i - 1]] ?? ''));
		if (!data && same) used.splice(i, 1);
	}
	const names = used.map((c) => {
		const parts: string[] = [];
		for (let r = header.from - 1; r < header.to; r++) parts.push(grid[r]?.[c] ?? '');
		return combineHeader(parts) || `Spalte ${columnLetter(c + 1)}`;
	});
	const seen = new Map<string, number>();
	const columns = names.map((name) => {
		const n = (seen.get(name) ?? 0) + 1;
		seen.set(name, n);
		return n === 1 ? name : `${name} (${n})`;
	});

	const rows: string[][] = [];
	const rowNumbers: number[] = [];
	const skipped: number[] = [];
	for (let r = dataFrom; r <= dataTo; r++) {
		const cells = used.map((c) => grid[r - 1]?.[c] ?? '');
		const filled = cells.filter((c) => c.trim() !== '').length;
		// Blank rows and label rows without any value ("davon", "Genehmigungszeitraum") are not data.
		if (skipSet.has(r) || filled === 0 || (filled === 1 && profiles[r - 1].numbers === 0)) {
			if (filled > 0 || skipSet.has(r)) skipped.push(r);
			continue;
		}
		rows.push(cells);
		rowNumbers.push(r);
	}
	if (rows.length === 0) return { ok: false, code: 'no_data_rows' };
	const skippedSet = new Set(skipped);
	const roleOf = (r: number): RowRole => {
		if (r < header.from) return 'title';
		if (r <= header.to) return 'header';
		if (footerFrom !== null && r >= footerFrom) return 'footer';
		if (skippedSet.has(r)) return 'skipped';
		if (r > dataTo || !used.some((c) => (grid[r - 1]?.[c] ?? '').trim() !== '')) return 'blank';
		return 'data';
	};
	const excerptRows: number[] = [];
	let dataShown = 0;
	for (let r = 1; r <= height && dataShown < EXCERPT_DATA_ROWS; r++) {
		const role = roleOf(r);
		if (role === 'blank') continue;
		excerptRows.push(r);
		if (role === 'data') dataShown++;
	}
	if (footerFrom !== null) excerptRows.push(footerFrom);
	const excerpt = excerptRows.map((r) => ({
		row: r,
		role: roleOf(r),
		cells: used.slice(0, EXCERPT_COLUMNS).map((c) => {
			const text = cleanHeaderText(grid[r - 1]?.[c] ?? '');
			return text.length > 40 ? `${text.slice(0, 39)}…` : text;
		})
	}));
	const titles: string[] = [];
	for (let r = 0; r < header.from - 1; r++) {
		const text = grid[r].find((c) => c.trim() !== '');
		if (text) titles.push(cleanHeaderText(text));
	}
	return {
		ok: true,
		table: {
			columns,
			rows,
			rowNumbers,
			reading: {
				header,
				data: { from: dataFrom, to: dataTo },
				titles,
				footerFrom,
				skipped,
				skipRequested,
				sheetColumns: used.map((c) => c + 1),
				detected,
				excerpt
			}
		}
	};
}

/** "3-7", "3–7" or "3" → a row range; null when it is not one. */
export function parseRowRange(text: string): RowRange | null {
	const m = /^\s*(\d{1,6})\s*(?:[-–—]|bis)?\s*(\d{1,6})?\s*$/.exec(text);
	if (!m) return null;
	const from = Number(m[1]);
	const to = m[2] === undefined ? from : Number(m[2]);
	return from >= 1 && to >= from ? { from, to } : null;
}

/** "12, 15-17" → [12, 15, 16, 17]; null when it is not such a list (at most 10,000 rows). */
export function parseRowList(text: string): number[] | null {
	if (text.trim() === '') return [];
	const out: number[] = [];
	for (const part of text.split(/[,;\s]+/).filter(Boolean)) {
		const range = parseRowRange(part);
		if (!range || range.to - range.from > 10000) return null;
		for (let n = range.from; n <= range.to; n++) out.push(n);
	}
	return out.length > 10000 ? null : out;
}

export function formatRowRange(range: RowRange): string {
	return range.from === range.to ? String(range.from) : `${range.from}–${range.to}`;
}

/** Compact list "12, 15–17" of row numbers. */
export function formatRowList(rows: readonly number[]): string {
	const sorted = [...new Set(rows)].sort((a, b) => a - b);
	const parts: string[] = [];
	for (let i = 0; i < sorted.length; i++) {
		let j = i;
		while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
		parts.push(formatRowRange({ from: sorted[i], to: sorted[j] }));
		i = j;
	}
	return parts.join(', ');
}
