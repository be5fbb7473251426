// XLSX (exceljs): one sheet per table of the report (numbers stay numbers, "." marks protected cells),
// a "Quellen" sheet with every indicator's definition, source, date and licence, and a "Methoden" sheet
// with the methods annex (the same text as in the DOCX and PDF: the model's `methods`).
import ExcelJS from 'exceljs';
import type { ReportDocument, Translate } from '../../reports/model';
import { guardFormula, sheetName } from '../participation/exports/format';

export async function renderXlsx(report: ReportDocument, t: Translate): Promise<Uint8Array> {
	const workbook = new ExcelJS.Workbook();
	workbook.creator = 'Quartierskompass';
	workbook.title = report.title;
	const taken = new Set<string>();
	const sourcesName = t('reports.doc.sheetSources');
	const methodsName = t('reports.doc.sheetMethods');
	taken.add(sourcesName.toLowerCase());
	taken.add(methodsName.toLowerCase());
	for (const block of report.blocks) {
		if (block.type !== 'table' || block.key === sourcesName.slice(0, 31)) continue;
		const sheet = workbook.addWorksheet(sheetName(block.key, taken), {
			views: [{ state: 'frozen', ySplit: 2, rightToLeft: report.locale === 'ar' }]
		});
		sheet.addRow([block.title]).font = { bold: true, size: 12 };
		const header = sheet.addRow(block.columns);
		header.font = { bold: true };
		for (const row of block.rows) sheet.addRow(row.map((c) => (typeof c === 'string' ? guardFormula(c) : c)));
		sheet.columns.forEach((col, i) => {
			col.width = Math.min(60, Math.max(12, (block.columns[i] ?? '').length + 2));
		});
	}
	const sources = workbook.addWorksheet(sourcesName, { views: [{ state: 'frozen', ySplit: 1 }] });
	sources.addRow([
		t('reports.doc.col.indicator'),
		t('reports.doc.col.definition'),
		t('reports.doc.col.source'),
		t('reports.doc.col.asOf'),
		t('reports.doc.col.licence')
	]).font = { bold: true };
	for (const s of report.sources)
		sources.addRow([s.name, s.definition, s.source, s.asOf, s.licence].map(guardFormula));
	sources.addRow([]);
	sources.addRow([t('reports.doc.generated', { date: report.dateText })]);
	sources.columns = [{ width: 30 }, { width: 60 }, { width: 30 }, { width: 14 }, { width: 40 }];
	const methods = workbook.addWorksheet(methodsName, { views: [{ rightToLeft: report.locale === 'ar' }] });
	methods.addRow([guardFormula(report.methods.title)]).font = { bold: true, size: 12 };
	for (const text of report.methods.paragraphs) {
		const row = methods.addRow([guardFormula(text)]);
		row.alignment = { wrapText: true, vertical: 'top' };
	}
	methods.columns = [{ width: 110 }];
	return new Uint8Array(await workbook.xlsx.writeBuffer());
}
