// Reads the tables statistics offices deliver — CSV in any common encoding and delimiter, or XLSX —
// into rows of text cells. Parsing values is the caller's job (see $lib/stats/official-values).
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { readGrid, type ReadingOptions, type SheetReading } from '../../tables/layout';
import { checkZipLimits, type ZipLimits } from './zip';

/**
 * An XLSX is a zip: its entries are counted and inflated with limits (bytes counted while inflating,
 * none kept) before exceljs unpacks it, so a small file that expands to gigabytes is refused early.
 * 100 MB of sheet XML is far more than any statistics table (100,000 values are about 10 MB).
 */
export const XLSX_LIMITS: ZipLimits = { maxTotalBytes: 100 * 1024 * 1024, maxEntries: 1000 };

export interface Table {
	/** Column names, trimmed; a header over several rows is combined as "Group – Name (unit)". */
	columns: string[];
	/** Data rows as text, each as long as `columns`. */
	rows: string[][];
	encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252' | 'xlsx';
	delimiter: string | null;
	/** The file row (1-based) of every data row; without it row n of the file is rows[n - 2]. */
	rowNumbers?: number[];
	/** How the table was found in the file (header rows, data block, footnotes, sheet). */
	reading?: TableReading;
}

export interface TableReading extends SheetReading {
	/** sheet names of a workbook (empty for CSV) */
	sheets: string[];
	/** the sheet read, null for CSV */
	sheet: string | null;
}

export interface TableOptions extends ReadingOptions {
	/** sheet name of a workbook (exact, or equal after trimming and ignoring case) */
	sheet?: string;
}

export type TableResult =
	| { ok: true; table: Table }
	| {
			ok: false;
			code:
				| 'empty_file'
				| 'unreadable_file'
				| 'ragged_row'
				| 'unknown_sheet'
				| 'header_out_of_range'
				| 'no_data_rows'
				| 'zip_too_large';
			row?: number;
			/** zip_too_large: the limit in MB */
			detail?: string;
			sheets?: string[];
	  };

/** BOM first; otherwise strict UTF-8; otherwise Windows-1252 (the usual "ANSI" export of German Excel). */
export function decodeText(bytes: Uint8Array): { text: string; encoding: Table['encoding'] } {
	if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
		return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
	if (bytes[0] === 0xff && bytes[1] === 0xfe)
		return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
	if (bytes[0] === 0xfe && bytes[1] === 0xff)
		return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
	try {
		return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
	} catch {
		return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
	}
}

function fromGrid(
	raw: string[][],
	options: ReadingOptions,
	meta: Pick<Table, 'encoding' | 'delimiter'> & { sheets: string[]; sheet: string | null },
	read: ReturnType<typeof readGrid> = readGrid(raw, options)
): TableResult {
	const result = read;
	if (!result.ok) return { ok: false, code: result.code };
	const { columns, rows, rowNumbers, reading } = result.table;
	return {
		ok: true,
		table: {
			columns,
			rows,
			rowNumbers,
			encoding: meta.encoding,
			delimiter: meta.delimiter,
			reading: { ...reading, sheets: meta.sheets, sheet: meta.sheet }
		}
	};
}

export function readCsv(bytes: Uint8Array, options: ReadingOptions = {}): TableResult {
	const grid = csvGrid(bytes);
	return 'raw' in grid ? csvTable(grid, options) : grid;
}

interface CsvGrid {
	raw: string[][];
	encoding: Table['encoding'];
	delimiter: string;
}

/** Step 1 of readCsv: the text decoded and split into rows of cells. */
function csvGrid(bytes: Uint8Array): CsvGrid | Extract<TableResult, { ok: false }> {
	const { text, encoding } = decodeText(bytes);
	if (!text.trim()) return { ok: false, code: 'empty_file' };
	// Blank rows are kept (they separate title, header and footnotes), but Papa's delimiter guess needs
	// rows of equal width: guess on the filled rows first.
	const delimiter = Papa.parse<string[]>(text, {
		delimitersToGuess: [';', ',', '\t', '|'],
		skipEmptyLines: 'greedy',
		preview: 200
	}).meta.delimiter;
	const parsed = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: false });
	if (parsed.errors.some((e) => e.type === 'Quotes')) return { ok: false, code: 'unreadable_file' };
	const raw = parsed.data;
	// A trailing line break gives one empty last row.
	while (raw.length > 0 && raw.at(-1)!.every((c) => c.trim() === '')) raw.pop();
	return { raw, encoding, delimiter: parsed.meta.delimiter };
}

/** Step 2 of readCsv: header detection and the data block. */
function csvTable({ raw, encoding, delimiter }: CsvGrid, options: ReadingOptions): TableResult {
	// A row with more non-empty cells than the widest header row is broken.
	const header = readGrid(raw, options);
	if (header.ok) {
		const width = Math.max(
			...raw.slice(header.table.reading.header.from - 1, header.table.reading.header.to).map((r) => r.length)
		);
		const bad = raw.findIndex(
			(r, i) =>
				i >= header.table.reading.header.to && r.length > width && r.slice(width).some((c) => c.trim() !== '')
		);
		if (bad >= 0) return { ok: false, code: 'ragged_row', row: bad + 1 };
	}
	// The grid is read once (header detection walks every row).
	return fromGrid(raw, options, { encoding, delimiter, sheets: [], sheet: null }, header);
}

function cellText(value: ExcelJS.CellValue): string {
	if (value === null || value === undefined) return '';
	// 32.200000000000003 is how Excel stores 32.2: 15 significant digits are what Excel shows.
	if (typeof value === 'number') return String(Number(value.toPrecision(15)));
	if (typeof value === 'string') return value;
	if (typeof value === 'boolean') return value ? '1' : '0';
	if (value instanceof Date) return value.toISOString().slice(0, 10);
	if (typeof value === 'object') {
		if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
		if ('richText' in value) return value.richText.map((r) => r.text).join('');
		if ('text' in value) return String(value.text);
		if ('error' in value) return '';
	}
	return String(value);
}

/** The cells of a worksheet as text, merged ranges filled with their top-left value. */
function sheetGrid(sheet: ExcelJS.Worksheet): string[][] {
	const grid: string[][] = [];
	sheet.eachRow({ includeEmpty: true }, (row, n) => {
		const cells: string[] = [];
		for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value));
		grid[n - 1] = cells;
	});
	for (let i = 0; i < grid.length; i++) grid[i] ??= [];
	const merges: string[] = (sheet.model as { merges?: string[] }).merges ?? [];
	for (const range of merges) {
		const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(range);
		if (!m) continue;
		const col = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
		const [c1, r1, c2, r2] = [col(m[1]), Number(m[2]), col(m[3]), Number(m[4])];
		const master = grid[r1 - 1]?.[c1 - 1] ?? '';
		for (let r = r1; r <= r2; r++)
			for (let c = c1; c <= c2; c++) {
				grid[r - 1] ??= [];
				if ((grid[r - 1][c - 1] ?? '') === '') grid[r - 1][c - 1] = master;
			}
	}
	for (const row of grid) for (let c = 0; c < row.length; c++) row[c] ??= '';
	return grid;
}

function findSheet(names: string[], wanted: string): number {
	const exact = names.indexOf(wanted);
	if (exact >= 0) return exact;
	const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();
	return names.findIndex((n) => norm(n) === norm(wanted));
}

/**
 * A worksheet of an XLSX workbook: the named one, else the first with a table of numbers in it.
 * Numbers come as plain JS numbers written with a decimal point.
 */
export async function readXlsx(
	bytes: Uint8Array,
	options: TableOptions = {},
	limits: ZipLimits = XLSX_LIMITS
): Promise<TableResult> {
	const checked = checkZipLimits(bytes, limits);
	if (!checked.ok)
		return checked.code === 'unreadable_file'
			? { ok: false, code: 'unreadable_file' }
			: { ok: false, code: 'zip_too_large', detail: String(Math.round(limits.maxTotalBytes / 1024 / 1024)) };
	const workbook = new ExcelJS.Workbook();
	try {
		await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
	} catch {
		return { ok: false, code: 'unreadable_file' };
	}
	const sheets = workbook.worksheets;
	const names = sheets.map((s) => s.name);
	if (sheets.length === 0) return { ok: false, code: 'empty_file' };
	const meta = (sheet: string) => ({ encoding: 'xlsx' as const, delimiter: null, sheets: names, sheet });
	if (options.sheet !== undefined) {
		const index = findSheet(names, options.sheet);
		if (index < 0) return { ok: false, code: 'unknown_sheet', sheets: names };
		return fromGrid(sheetGrid(sheets[index]), options, meta(names[index]));
	}
	// Without a choice: the sheet with the most numbers in its table (not the title page, the
	// imprint or the contents with their page numbers).
	let best: TableResult | null = null;
	let bestScore = -1;
	for (const sheet of sheets) {
		const result = fromGrid(sheetGrid(sheet), options, meta(sheet.name));
		const score = result.ok ? numberCells(result.table) : -1;
		if (best === null || score > bestScore) {
			best = result;
			bestScore = score;
		}
	}
	return best!;
}

function numberCells(table: Table): number {
	let n = 0;
	for (const row of table.rows) for (const cell of row) if (/^-?\d+([.,]\d+)?$/.test(cell.trim())) n++;
	return n;
}

/** XLSX files are ZIP archives ("PK\x03\x04"); everything else is read as CSV. */
export function looksLikeXlsx(bytes: Uint8Array): boolean {
	return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** Lets other requests in (timers, I/O) before and after a long synchronous step. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function readTable(bytes: Uint8Array, options: TableOptions = {}): Promise<TableResult> {
	await nextTurn();
	if (looksLikeXlsx(bytes)) {
		const result = await readXlsx(bytes, options);
		await nextTurn();
		return result;
	}
	// The two steps of readCsv with a turn for other requests between them.
	const grid = csvGrid(bytes);
	if (!('raw' in grid)) return grid;
	await nextTurn();
	const result = csvTable(grid, options);
	await nextTurn();
	return result;
}
