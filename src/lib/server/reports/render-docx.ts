// DOCX (the maintained `docx` package): real headings, tables and paragraphs the planner edits further
// in Word or LibreOffice; charts and the map rasterised from SVG to PNG with @resvg/resvg-js. A4, a
// header with title and date, page numbers in the footer.
import { Resvg } from '@resvg/resvg-js';
import {
	AlignmentType,
	BorderStyle,
	Document,
	Footer,
	Header,
	HeadingLevel,
	ImageRun,
	Packer,
	PageBreak,
	PageNumber,
	Paragraph,
	ShadingType,
	Table,
	TableCell,
	TableRow,
	TextRun,
	WidthType
} from 'docx';
import type { Block, Cell, Chart, ReportDocument } from '../../reports/model';
import { chartSize, chartSvg } from '../../reports/svg';
import { printCell } from './print';
import type { Translate } from '../../reports/model';

const A4 = { width: 11906, height: 16838 };
const MARGIN = 1134; // 2 cm
const CONTENT_PX = 600;

export function svgToPng(svg: string, width: number): Buffer {
	const resvg = new Resvg(svg, {
		fitTo: { mode: 'width', value: width * 2 },
		font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' }
	});
	return resvg.render().asPng();
}

function chartImage(chart: Chart, locale: string, alt: string): Paragraph {
	const size = chartSize(chart, locale);
	const png = svgToPng(chartSvg(chart, locale), size.width);
	const scale = Math.min(1, CONTENT_PX / size.width);
	return new Paragraph({
		children: [
			new ImageRun({
				type: 'png',
				data: png,
				transformation: { width: Math.round(size.width * scale), height: Math.round(size.height * scale) },
				altText: { name: chart.title, title: chart.title, description: alt }
			})
		]
	});
}

function tableOf(
	block: Extract<Block, { type: 'table' }>,
	locale: string,
	rtl: boolean
): (Paragraph | Table)[] {
	const cell = (value: Cell, numeric: boolean, header: boolean) =>
		new TableCell({
			shading: header ? { type: ShadingType.CLEAR, color: 'auto', fill: 'E6E9EE' } : undefined,
			children: [
				new Paragraph({
					bidirectional: rtl,
					alignment: numeric ? AlignmentType.END : AlignmentType.START,
					children: [
						new TextRun({ text: printCell(value, locale), bold: header, size: 18, rightToLeft: rtl })
					]
				})
			]
		});
	const border = { style: BorderStyle.SINGLE, size: 4, color: '9AA3AD' };
	return [
		new Paragraph({
			heading: HeadingLevel.HEADING_4,
			bidirectional: rtl,
			children: [new TextRun({ text: block.title, rightToLeft: rtl })]
		}),
		new Table({
			width: { size: 100, type: WidthType.PERCENTAGE },
			visuallyRightToLeft: rtl,
			borders: {
				top: border,
				bottom: border,
				left: border,
				right: border,
				insideHorizontal: border,
				insideVertical: border
			},
			rows: [
				new TableRow({
					tableHeader: true,
					children: block.columns.map((c, i) => cell(c, block.numeric[i], true))
				}),
				...block.rows.map(
					(row) => new TableRow({ children: row.map((v, i) => cell(v, block.numeric[i], false)) })
				)
			]
		}),
		new Paragraph({ text: '' })
	];
}

export async function renderDocx(doc: ReportDocument, t: Translate): Promise<Uint8Array> {
	const rtl = doc.locale === 'ar';
	const children: (Paragraph | Table)[] = [];
	const para = (text: string, opts: { italics?: boolean; size?: number; indent?: boolean } = {}) =>
		new Paragraph({
			bidirectional: rtl,
			indent: opts.indent ? { start: 567 } : undefined,
			spacing: { after: 120 },
			children: [new TextRun({ text, italics: opts.italics, size: opts.size, rightToLeft: rtl })]
		});
	const headings = { 1: HeadingLevel.TITLE, 2: HeadingLevel.HEADING_1, 3: HeadingLevel.HEADING_2 } as const;
	for (const block of doc.blocks) {
		switch (block.type) {
			case 'heading':
				children.push(
					new Paragraph({
						heading: headings[block.level],
						bidirectional: rtl,
						children: [new TextRun({ text: block.text, rightToLeft: rtl })]
					})
				);
				break;
			case 'paragraph':
				children.push(
					para(block.text, { italics: block.style === 'note', size: block.style === 'lead' ? 24 : undefined })
				);
				break;
			case 'quote':
				children.push(
					para(`„${block.text}“`, { italics: true, indent: true }),
					para(`— ${block.source}`, { size: 18, indent: true })
				);
				break;
			case 'table':
				children.push(...tableOf(block, doc.locale, rtl));
				break;
			case 'chart':
				children.push(chartImage(block.chart, doc.locale, block.alt));
				break;
			case 'pageBreak':
				children.push(new Paragraph({ children: [new PageBreak()] }));
				break;
		}
	}
	const document = new Document({
		creator: 'Quartierskompass',
		title: doc.title,
		description: doc.subtitle,
		styles: { default: { document: { run: { font: 'DejaVu Sans', size: 20 } } } },
		sections: [
			{
				properties: {
					page: {
						size: A4,
						margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN }
					}
				},
				headers: {
					default: new Header({
						children: [
							new Paragraph({
								bidirectional: rtl,
								children: [new TextRun({ text: `${doc.title} · ${doc.dateText}`, size: 16, color: '595959' })]
							})
						]
					})
				},
				footers: {
					default: new Footer({
						children: [
							new Paragraph({
								alignment: AlignmentType.CENTER,
								children: [
									new TextRun({ text: `${t('reports.doc.page')} `, size: 16 }),
									new TextRun({ children: [PageNumber.CURRENT], size: 16 }),
									new TextRun({ text: ` / `, size: 16 }),
									new TextRun({ children: [PageNumber.TOTAL_PAGES], size: 16 })
								]
							})
						]
					})
				},
				children
			}
		]
	});
	return new Uint8Array(await Packer.toBuffer(document));
}
