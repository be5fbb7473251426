// The methods annex has one text (the model's `methods`) for every output: the DOCX/PDF annex blocks,
// the XLSX "Methoden" sheet (read back with exceljs) and a municipality's DOCX template, which can also
// place "what changed since the last run".
import ExcelJS from 'exceljs';
import { zipSync } from 'fflate';
import PizZip from 'pizzip';
import { describe, expect, it } from 'vitest';
import { translator } from '../../../src/lib/i18n';
import { buildReportDocument, type ReportInput } from '../../../src/lib/reports/model';
import { renderXlsx } from '../../../src/lib/server/reports/render-xlsx';
import { fillTemplate } from '../../../src/lib/server/reports/template';

const t = translator('de');

function input(overrides: Partial<ReportInput> = {}): ReportInput {
	return {
		title: 'Methodenbericht',
		cityName: 'Musterstadt',
		generatedAt: new Date('2026-03-01T10:00:00Z'),
		locale: 'de',
		k: 3,
		minPopulation: 1000,
		licence: 'dl-de/by-2-0',
		areas: [{ id: 'a1', key: '01', name: 'Altstadt', levelName: 'Stadtteil', population: 4000 }],
		indicators: [],
		figures: [],
		reach: [
			{
				areaKey: '01',
				indexClass: null,
				figures: [{ key: 'contributions', online: 10, analog: 5, per1000: 3.8 }]
			}
		],
		consultations: [],
		themes: [],
		ideas: [],
		measures: [],
		map: null,
		previous: null,
		figureLabels: { contributions: 'Beiträge' },
		indexClassLabels: {},
		...overrides
	};
}

/** The paragraphs between the annex heading and the sources table. */
function annexParagraphs(doc: ReturnType<typeof buildReportDocument>): string[] {
	const start = doc.blocks.findIndex((b) => b.type === 'heading' && b.text === doc.methods.title);
	const out: string[] = [];
	for (const b of doc.blocks.slice(start + 1)) {
		if (b.type !== 'paragraph') break;
		out.push(b.text);
	}
	return out;
}

describe('the methods annex', () => {
	it('is one text: the annex blocks are the model methods', () => {
		const doc = buildReportDocument(input(), t);
		expect(doc.methods.title).toBe('Anhang: Methoden und Quellen');
		expect(doc.methods.paragraphs).toHaveLength(5);
		expect(annexParagraphs(doc)).toEqual(doc.methods.paragraphs);
		expect(doc.methods.paragraphs.join(' ')).toContain('Anzahlen von 1 bis 2 werden nicht veröffentlicht');
		expect(doc.methods.paragraphs.join(' ')).toContain('Musterstadt');
	});

	it('is in the XLSX as a "Methoden" sheet beside "Quellen"', async () => {
		const doc = buildReportDocument(input(), t);
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load((await renderXlsx(doc, t)).buffer as ArrayBuffer);
		const names = workbook.worksheets.map((w) => w.name);
		expect(names).toContain('Quellen');
		expect(names).toContain('Methoden');
		const sheet = workbook.getWorksheet('Methoden')!;
		const texts: string[] = [];
		sheet.eachRow((row) => texts.push(String(row.getCell(1).value)));
		expect(texts).toEqual([doc.methods.title, ...doc.methods.paragraphs]);
	});

	it('names its sheet in every language', async () => {
		for (const l of ['en', 'tr', 'ar', 'uk', 'ru'] as const) {
			const tl = translator(l);
			const doc = buildReportDocument(input({ locale: l }), tl);
			const workbook = new ExcelJS.Workbook();
			await workbook.xlsx.load((await renderXlsx(doc, tl)).buffer as ArrayBuffer);
			const sheet = workbook.getWorksheet(tl('reports.doc.sheetMethods'));
			expect(sheet, l).toBeDefined();
			expect(String(sheet!.getRow(2).getCell(1).value)).toBe(doc.methods.paragraphs[0]);
		}
	});
});

describe('template data', () => {
	const CONTENT_TYPES =
		'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
	const template = (body: string) =>
		zipSync({
			'[Content_Types].xml': new TextEncoder().encode(CONTENT_TYPES),
			'word/document.xml': new TextEncoder().encode(
				`<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`
			)
		});
	const p = (text: string) => `<w:p><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
	const filled = (bytes: Uint8Array, data: Record<string, unknown>) =>
		new PizZip(fillTemplate(bytes, data))
			.file('word/document.xml')!
			.asText()
			.replace(/<[^>]+>/g, ' ')
			.replace(/\s+/g, ' ');

	it('offers the methods and what changed since the last run as placeholders', () => {
		const doc = buildReportDocument(
			input({ previous: { at: new Date('2025-03-01T10:00:00Z'), figures: { 'reach:01': 10 } } }),
			t
		);
		const data = doc.templateData;
		expect(data.methodsTitle).toBe(doc.methods.title);
		expect(data.methods).toEqual(doc.methods.paragraphs.map((text) => ({ text })));
		expect(data.methodsText).toBe(doc.methods.paragraphs.join('\n'));
		expect(data.hasChanges).toBe(true);
		expect(data.changesSince).toBe('01.03.2025');
		expect(data.changes).toContainEqual({
			figure: 'Beteiligung insgesamt – Altstadt',
			previous: '10',
			current: '15',
			change: '5'
		});
		const text = filled(
			template(
				p('{methodsTitle}') +
					p('{#methods}{text}{/methods}') +
					p('{#hasChanges}Seit {changesSince}:{/hasChanges}') +
					p('{#changes}{figure}: {previous} → {current} ({change}){/changes}')
			),
			data
		);
		expect(text).toContain('Anhang: Methoden und Quellen');
		expect(text).toContain(doc.methods.paragraphs[1].slice(0, 40));
		expect(text).toContain('Seit 01.03.2025:');
		expect(text).toContain('Beteiligung insgesamt – Altstadt: 10 → 15 (5)');
	});

	it('is empty for what changed on a first run', () => {
		const data = buildReportDocument(input(), t).templateData;
		expect(data).toMatchObject({ hasChanges: false, changesSince: '', changes: [] });
	});
});
