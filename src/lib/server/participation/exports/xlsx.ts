// XLSX (exceljs): one data sheet per export table (headings in the reader's language, the first
// sheet is data so a plain "open" shows it), then the sheet "Spalten" describing every column.
import ExcelJS from 'exceljs';
import { guardFormula, sheetName } from './format';
import { isSuppressed, SECRET_SIGN, type ExportCell, type ExportTable, type Translate } from './table';

function xlsxCell(cell: ExportCell): string | number | boolean | null {
	if (isSuppressed(cell)) return SECRET_SIGN;
	if (typeof cell === 'number' && !Number.isFinite(cell)) return null;
	// exceljs writes strings as text, never as formulas; the guard keeps a CSV round trip safe too.
	return typeof cell === 'string' ? guardFormula(cell) : cell;
}

export async function toXlsx(
	tables: readonly ExportTable[],
	t: Translate,
	meta: { title: string; now: Date; smallCountK: number }
): Promise<Uint8Array> {
	const workbook = new ExcelJS.Workbook();
	workbook.creator = 'Quartierskompass';
	workbook.title = meta.title;
	workbook.created = meta.now;
	workbook.modified = meta.now;
	const taken = new Set<string>();
	const columnsSheetName = t('exports.xlsx.columnsSheet');
	taken.add(columnsSheetName.toLowerCase());
	const sheetNames = new Map<string, string>();

	for (const table of tables) {
		const name = sheetName(table.label, taken);
		sheetNames.set(table.key, name);
		const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
		sheet.columns = table.columns.map((c) => ({
			header: c.label,
			key: c.key,
			width: Math.min(60, Math.max(12, c.label.length + 2))
		}));
		for (const row of table.rows) sheet.addRow(row.map(xlsxCell));
		sheet.getRow(1).font = { bold: true };
		if (table.columns.length > 0)
			sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };
	}

	const columnsSheet = workbook.addWorksheet(columnsSheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
	columnsSheet.columns = [
		{ header: t('exports.xlsx.sheet'), key: 'sheet', width: 24 },
		{ header: t('exports.xlsx.heading'), key: 'heading', width: 32 },
		{ header: t('exports.xlsx.key'), key: 'key', width: 28 },
		{ header: t('exports.xlsx.description'), key: 'description', width: 90 }
	];
	columnsSheet.getRow(1).font = { bold: true };
	for (const table of tables)
		for (const c of table.columns)
			columnsSheet.addRow({
				sheet: sheetNames.get(table.key),
				heading: c.label,
				key: c.key,
				description:
					c.count === 'area'
						? `${c.description} ${t('exports.xlsx.suppressedNote', { k: String(meta.smallCountK) })}`
						: c.description
			});
	columnsSheet.getColumn('description').alignment = { wrapText: true, vertical: 'top' };

	return new Uint8Array(await workbook.xlsx.writeBuffer());
}
