// CSV: UTF-8 with BOM (Excel then reads umlauts right), header = column keys, CRLF line ends.
// Quoting by papaparse; formula guard and number format in format.ts.
import Papa from 'papaparse';
import { csvCell, type CsvVariant } from './format';
import type { ExportTable } from './table';

export const BOM = '\uFEFF';

export function toCsv(table: ExportTable, variant: CsvVariant): string {
	const body = Papa.unparse(
		{
			fields: table.columns.map((c) => c.key),
			data: table.rows.map((row) => row.map((cell) => csvCell(cell, variant)))
		},
		{
			delimiter: variant === 'semicolon' ? ';' : ',',
			newline: '\r\n',
			quotes: false,
			quoteChar: '"',
			escapeChar: '"',
			header: true,
			// Done per cell in csvCell, only for text (papaparse would also touch "-1,5").
			escapeFormulae: false
		}
	);
	return `${BOM}${body}\r\n`;
}
