// Reads the tables statistics offices deliver — CSV in any common encoding and delimiter, or XLSX —
// into rows of text cells. Parsing values is the caller's job (see $lib/stats/official-values).
import ExcelJS from 'exceljs';
import Papa from 'papaparse';

export interface Table {
	/** Header cells, trimmed (offices leave trailing spaces). */
	columns: string[];
	/** Data rows as text, each as long as `columns`. Row n of the file is rows[n - 2] (1-based, after the header). */
	rows: string[][];
	encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252' | 'xlsx';
	delimiter: string | null;
}

export type TableResult =
	| { ok: true; table: Table }
	| { ok: false; code: 'empty_file' | 'unreadable_file' | 'ragged_row'; row?: number };

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

function normaliseRows(raw: string[][]): TableResult {
	const rows = raw.filter((r) => r.some((cell) => cell.trim() !== ''));
	if (rows.length < 1) return { ok: false, code: 'empty_file' };
	const columns = rows[0].map((c) => c.trim());
	const width = columns.length;
	const data: string[][] = [];
	for (let i = 1; i < rows.length; i++) {
		const row = rows[i];
		// Trailing empty cells may be missing; extra non-empty cells mean a broken row.
		if (row.length > width && row.slice(width).some((c) => c.trim() !== ''))
			return { ok: false, code: 'ragged_row', row: i + 1 };
		data.push(Array.from({ length: width }, (_, c) => row[c] ?? ''));
	}
	return { ok: true, table: { columns, rows: data, encoding: 'utf-8', delimiter: null } };
}

export function readCsv(bytes: Uint8Array): TableResult {
	const { text, encoding } = decodeText(bytes);
	if (!text.trim()) return { ok: false, code: 'empty_file' };
	const parsed = Papa.parse<string[]>(text, {
		delimitersToGuess: [';', ',', '\t', '|'],
		skipEmptyLines: 'greedy'
	});
	if (parsed.errors.some((e) => e.type === 'Quotes')) return { ok: false, code: 'unreadable_file' };
	const result = normaliseRows(parsed.data);
	if (!result.ok) return result;
	return { ok: true, table: { ...result.table, encoding, delimiter: parsed.meta.delimiter } };
}

function cellText(value: ExcelJS.CellValue): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'number') return String(value);
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

/** First worksheet of an XLSX workbook. Numbers come as plain JS numbers written with a decimal point. */
export async function readXlsx(bytes: Uint8Array): Promise<TableResult> {
	const workbook = new ExcelJS.Workbook();
	try {
		await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
	} catch {
		return { ok: false, code: 'unreadable_file' };
	}
	const sheet = workbook.worksheets[0];
	if (!sheet) return { ok: false, code: 'empty_file' };
	const raw: string[][] = [];
	sheet.eachRow({ includeEmpty: false }, (row) => {
		const cells: string[] = [];
		for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value));
		raw.push(cells);
	});
	const result = normaliseRows(raw);
	if (!result.ok) return result;
	return { ok: true, table: { ...result.table, encoding: 'xlsx', delimiter: null } };
}

/** XLSX files are ZIP archives ("PK\x03\x04"); everything else is read as CSV. */
export function looksLikeXlsx(bytes: Uint8Array): boolean {
	return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

export async function readTable(bytes: Uint8Array): Promise<TableResult> {
	return looksLikeXlsx(bytes) ? readXlsx(bytes) : readCsv(bytes);
}
