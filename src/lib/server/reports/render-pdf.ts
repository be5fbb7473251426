// PDF (pdfkit, A4): the same blocks as the DOCX; charts and the map drawn as vectors (the layout of
// src/lib/reports/svg.ts), page numbers and the date in every footer. DejaVu Sans where installed
// (Cyrillic, Turkish and Arabic letters; pdfkit does not shape Arabic), else Helvetica.
import fs from 'node:fs';
import PDFDocument from 'pdfkit';
import type { BarChart, AreaMap, Block, ReportDocument, Translate } from '../../reports/model';
import { barLayout, COLOURS } from '../../reports/svg';
import { printCell } from './print';

const MARGIN = 56;
const FONT_DIR = '/usr/share/fonts/truetype/dejavu';

function fonts(doc: PDFKit.PDFDocument): { regular: string; bold: string; italic: string } {
	const regular = `${FONT_DIR}/DejaVuSans.ttf`;
	const bold = `${FONT_DIR}/DejaVuSans-Bold.ttf`;
	const italic = `${FONT_DIR}/DejaVuSans-Oblique.ttf`;
	if (fs.existsSync(regular) && fs.existsSync(bold) && fs.existsSync(italic)) {
		doc.registerFont('R', regular);
		doc.registerFont('B', bold);
		doc.registerFont('I', italic);
		return { regular: 'R', bold: 'B', italic: 'I' };
	}
	return { regular: 'Helvetica', bold: 'Helvetica-Bold', italic: 'Helvetica-Oblique' };
}

export function renderPdf(report: ReportDocument, t: Translate): Promise<Uint8Array> {
	return new Promise((resolve, reject) => {
		const doc = new PDFDocument({
			size: 'A4',
			margins: { top: MARGIN, bottom: MARGIN + 10, left: MARGIN, right: MARGIN },
			bufferPages: true,
			info: { Title: report.title, Creator: 'Quartierskompass', Subject: report.subtitle },
			lang: report.locale
		});
		const chunks: Buffer[] = [];
		doc.on('data', (c: Buffer) => chunks.push(c));
		doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
		doc.on('error', reject);
		try {
			draw(doc, report, t);
			doc.end();
		} catch (e) {
			reject(e);
		}
	});
}

function draw(doc: PDFKit.PDFDocument, report: ReportDocument, t: Translate) {
	const f = fonts(doc);
	const width = doc.page.width - 2 * MARGIN;
	const bottom = () => doc.page.height - MARGIN - 10;
	const ensure = (h: number) => {
		if (doc.y + h > bottom()) doc.addPage();
	};
	const align = report.locale === 'ar' ? 'right' : 'left';
	for (const block of report.blocks) drawBlock(block);

	function drawBlock(block: Block) {
		switch (block.type) {
			case 'heading': {
				const size = block.level === 1 ? 20 : block.level === 2 ? 15 : 12;
				ensure(size * 3);
				if (block.level > 1) doc.moveDown(0.6);
				doc
					.font(f.bold)
					.fontSize(size)
					.fillColor(COLOURS.text)
					.text(block.text, MARGIN, doc.y, { width, align });
				doc.moveDown(0.3);
				break;
			}
			case 'paragraph':
				ensure(30);
				doc
					.font(block.style === 'note' ? f.italic : f.regular)
					.fontSize(block.style === 'lead' ? 11.5 : 10)
					.fillColor(block.style === 'note' ? COLOURS.muted : COLOURS.text)
					.text(block.text, MARGIN, doc.y, { width, align });
				doc.moveDown(0.5);
				break;
			case 'quote':
				ensure(40);
				doc
					.font(f.italic)
					.fontSize(10)
					.fillColor(COLOURS.text)
					.text(`„${block.text}“`, MARGIN + 20, doc.y, { width: width - 20, align });
				doc
					.font(f.regular)
					.fontSize(8)
					.fillColor(COLOURS.muted)
					.text(`— ${block.source}`, MARGIN + 20, doc.y, { width: width - 20, align });
				doc.moveDown(0.5);
				break;
			case 'table':
				drawTable(block);
				break;
			case 'chart':
				if (block.chart.kind === 'bars') drawBars(block.chart);
				else drawMap(block.chart);
				break;
			case 'pageBreak':
				doc.addPage();
				break;
		}
	}

	function drawTable(block: Extract<Block, { type: 'table' }>) {
		ensure(60);
		doc.font(f.bold).fontSize(10).fillColor(COLOURS.text).text(block.title, MARGIN, doc.y, { width, align });
		doc.moveDown(0.2);
		// column widths: no word is ever broken (each column at least its longest word), the rest of the
		// width shared by the columns' text lengths
		const pad = 3;
		const printed = block.rows.map((r) => r.map((c) => printCell(c, report.locale)));
		const longestWord = (texts: string[], font: string) => {
			doc.font(font).fontSize(8);
			return Math.max(0, ...texts.flatMap((x) => x.split(/\s+/)).map((w) => doc.widthOfString(w)));
		};
		const mins = block.columns.map(
			(c, i) =>
				Math.max(
					longestWord([c], f.bold),
					longestWord(
						printed.map((r) => r[i] ?? ''),
						f.regular
					)
				) +
				2 * pad +
				1
		);
		const lengths = block.columns.map((c, i) =>
			Math.min(60, Math.max(c.length, ...printed.map((r) => (r[i] ?? '').length), 4))
		);
		const minSum = mins.reduce((x, y) => x + y, 0);
		const lengthSum = lengths.reduce((x, y) => x + y, 0);
		const spare = Math.max(0, width - minSum);
		let cols = mins.map((m, i) => m + (spare * lengths[i]) / lengthSum);
		const total = cols.reduce((x, y) => x + y, 0);
		if (total > width) cols = cols.map((w) => (w / total) * width);
		const row = (cells: string[], header: boolean) => {
			doc.font(header ? f.bold : f.regular).fontSize(8);
			const h =
				Math.max(...cells.map((c, i) => doc.heightOfString(c || ' ', { width: cols[i] - 2 * pad }))) +
				2 * pad;
			if (doc.y + h > bottom()) {
				doc.addPage();
				if (!header) row(block.columns, true);
				doc.font(f.regular).fontSize(8);
			}
			const y = doc.y;
			let x = MARGIN;
			if (header) doc.rect(MARGIN, y, width, h).fill('#e6e9ee');
			doc.fillColor(COLOURS.text);
			cells.forEach((c, i) => {
				const numeric = block.numeric[i];
				doc.text(c, x + pad, y + pad, {
					width: cols[i] - 2 * pad,
					align: numeric ? (report.locale === 'ar' ? 'left' : 'right') : align
				});
				x += cols[i];
			});
			doc
				.moveTo(MARGIN, y + h)
				.lineTo(MARGIN + width, y + h)
				.lineWidth(0.5)
				.strokeColor('#9aa3ad')
				.stroke();
			doc.x = MARGIN;
			doc.y = y + h;
		};
		row(block.columns, true);
		for (const r of printed) row(r, false);
		doc.moveDown(0.8);
	}

	function drawBars(chart: BarChart) {
		const l = barLayout(chart, report.locale);
		const scale = width / l.width;
		const h = l.height * scale;
		ensure(h + 10);
		const top = doc.y;
		doc.save();
		doc.translate(MARGIN, top).scale(scale);
		doc.font(f.bold).fontSize(13).fillColor(COLOURS.text).text(chart.title, 0, 2, { lineBreak: false });
		for (const b of l.bars) {
			doc.font(f.regular).fontSize(11).fillColor(COLOURS.text);
			const label = b.label.length > 28 ? `${b.label.slice(0, 27)}…` : b.label;
			doc.text(label, 0, b.y + 5, { width: l.axisX - 8, align: 'right', lineBreak: false });
			if (b.w > 0) doc.rect(b.x, b.y, b.w, b.h).fill(COLOURS.bar);
			doc.fillColor(COLOURS.text).text(b.text, b.x + b.w + 6, b.y + 5, { lineBreak: false });
		}
		doc
			.moveTo(l.axisX, 24)
			.lineTo(l.axisX, l.height - 20)
			.lineWidth(1)
			.strokeColor(COLOURS.muted)
			.stroke();
		if (l.reference) {
			doc
				.moveTo(l.reference.x, 22)
				.lineTo(l.reference.x, l.height - 18)
				.lineWidth(2)
				.dash(5, { space: 3 })
				.strokeColor(COLOURS.reference)
				.stroke()
				.undash();
			doc
				.font(f.regular)
				.fontSize(10)
				.fillColor(COLOURS.reference)
				.text(`– – ${l.reference.label}`, l.axisX, l.height - 14, { lineBreak: false });
		}
		doc.restore();
		doc.x = MARGIN;
		doc.y = top + h + 8;
	}

	function drawMap(map: AreaMap) {
		const target = Math.min(width * 0.7, 340);
		const scale = target / map.width;
		const h = map.height * scale;
		ensure(h + 24);
		doc.font(f.bold).fontSize(10).fillColor(COLOURS.text).text(map.title, MARGIN, doc.y, { width, align });
		const top = doc.y + 4;
		doc.save();
		doc.translate(MARGIN, top).scale(scale);
		for (const s of map.shapes) {
			doc
				.path(s.d)
				.lineWidth(1 / scale)
				.fillColor(s.selected ? COLOURS.selected : COLOURS.other);
			doc.fillAndStroke(s.selected ? COLOURS.selected : COLOURS.other, s.selected ? '#ffffff' : '#9aa3ad');
		}
		doc.restore();
		doc.x = MARGIN;
		doc.y = top + h + 10;
	}

	// footers: title, date, page x / n
	const range = doc.bufferedPageRange();
	for (let i = range.start; i < range.start + range.count; i++) {
		doc.switchToPage(i);
		const y = doc.page.height - MARGIN + 6;
		const saved = doc.page.margins.bottom;
		doc.page.margins.bottom = 0;
		doc.font(f.regular).fontSize(8).fillColor(COLOURS.muted);
		doc.text(`${report.title} · ${report.dateText}`, MARGIN, y, { width: width / 2, lineBreak: false });
		doc.text(t('reports.doc.pageOf', { page: i + 1, pages: range.count }), MARGIN + width / 2, y, {
			width: width / 2,
			align: 'right',
			lineBreak: false
		});
		doc.page.margins.bottom = saved;
	}
}
