// Printable PDFs (pdfkit, A4): the paper version of a survey — the same questions in order, a box to
// tick per option, lines and boxes to write in, the area question as a list of areas, the map question
// as a place to describe — and the sheet of one-time codes to cut and hand out. Texts are content in
// the reader's language with German fallback; the labels around them come from the locale files.
import PDFDocument from 'pdfkit';
import type { Question, QuestionnaireDefinition } from '../../questionnaire/definition';
import { textIn } from '../../questionnaire/results';

type T = (key: string, params?: Record<string, string>) => string;

const A4 = 'A4';
const MARGIN = 56;
const BOX = 10;

function render(draw: (doc: PDFKit.PDFDocument) => void, meta: { title: string }): Promise<Uint8Array> {
	return new Promise((resolve, reject) => {
		const doc = new PDFDocument({
			size: A4,
			margin: MARGIN,
			info: { Title: meta.title, Creator: 'Quartierskompass' },
			lang: 'de-DE'
		});
		const chunks: Buffer[] = [];
		doc.on('data', (c: Buffer) => chunks.push(c));
		doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
		doc.on('error', reject);
		try {
			draw(doc);
			doc.end();
		} catch (e) {
			reject(e);
		}
	});
}

function ensureSpace(doc: PDFKit.PDFDocument, height: number) {
	if (doc.y + height > doc.page.height - MARGIN) doc.addPage();
}

function checkbox(doc: PDFKit.PDFDocument, label: string, x = MARGIN + 14) {
	ensureSpace(doc, 18);
	const y = doc.y;
	doc
		.rect(x, y + 1, BOX, BOX)
		.lineWidth(0.8)
		.stroke();
	doc.text(label, x + BOX + 8, y, { width: doc.page.width - MARGIN - x - BOX - 8 });
	doc.moveDown(0.3);
	doc.x = MARGIN;
}

function writeLines(doc: PDFKit.PDFDocument, lines: number) {
	for (let i = 0; i < lines; i++) {
		ensureSpace(doc, 24);
		const y = doc.y + 18;
		doc
			.moveTo(MARGIN + 14, y)
			.lineTo(doc.page.width - MARGIN, y)
			.lineWidth(0.5)
			.stroke();
		doc.y = y + 4;
	}
	doc.moveDown(0.5);
}

function conditionNote(
	q: Question,
	numbers: Map<string, number>,
	all: Question[],
	locale: string,
	t: T
): string | null {
	if (!q.condition) return null;
	const c = q.condition;
	const only = c.clauses.length === 1 && 'question' in c.clauses[0] ? c.clauses[0] : null;
	if (only && (only.op === 'equals' || only.op === 'includes') && numbers.has(only.question)) {
		const target = all.find((x) => x.key === only.question);
		const option =
			target && (target.type === 'single_choice' || target.type === 'multiple_choice')
				? target.options.find((o) => o.code === String(only.value))
				: undefined;
		const answer = option ? textIn(option.label, locale) : String(only.value ?? '');
		return t('surveysResults.paper.onlyIf', { number: String(numbers.get(only.question)), answer });
	}
	return t('surveysResults.paper.conditional');
}

export interface PaperArea {
	name: string;
	level: string;
}

export function paperSurveyPdf(input: {
	title: string;
	intro: string;
	definition: QuestionnaireDefinition;
	areas: readonly PaperArea[];
	locale: string;
	t: T;
}): Promise<Uint8Array> {
	const { definition, locale, t } = input;
	const numbers = new Map<string, number>();
	let n = 0;
	for (const q of definition.questions)
		if (q.type !== 'info' && q.type !== 'page_break') numbers.set(q.key, ++n);
	return render(
		(doc) => {
			doc.font('Helvetica-Bold').fontSize(18).text(input.title);
			doc.moveDown(0.5);
			doc.font('Helvetica').fontSize(10);
			if (input.intro.trim()) doc.text(input.intro.trim());
			doc.moveDown(0.5);
			doc.font('Helvetica-Oblique').text(t('surveysResults.paper.howTo'));
			doc.moveDown(1);
			for (const q of definition.questions) {
				const text = textIn(q.text, locale).replace(/\{\{[A-Za-z0-9_]+\}\}/g, '…');
				if (q.type === 'page_break') {
					ensureSpace(doc, 60);
					doc.moveDown(0.5).font('Helvetica-Bold').fontSize(13).text(text).moveDown(0.5);
					continue;
				}
				if (q.type === 'info') {
					ensureSpace(doc, 40);
					doc.font('Helvetica').fontSize(10).text(text).moveDown(0.8);
					continue;
				}
				ensureSpace(doc, 70);
				doc
					.font('Helvetica-Bold')
					.fontSize(11)
					.text(`${numbers.get(q.key)}. ${text}${q.required ? ' *' : ''}`);
				doc.font('Helvetica').fontSize(10);
				const help = q.help ? textIn(q.help, locale) : '';
				if (help) doc.font('Helvetica-Oblique').text(help).font('Helvetica');
				const note = conditionNote(q, numbers, definition.questions, locale, t);
				if (note) doc.font('Helvetica-Oblique').text(note).font('Helvetica');
				doc.moveDown(0.4);
				switch (q.type) {
					case 'single_choice':
					case 'multiple_choice':
						doc
							.font('Helvetica-Oblique')
							.text(t(q.type === 'single_choice' ? 'surveysResults.paper.one' : 'surveysResults.paper.many'))
							.font('Helvetica');
						doc.moveDown(0.2);
						for (const o of q.options) checkbox(doc, textIn(o.label, locale));
						if (q.other) {
							checkbox(doc, `${t('surveysResults.export.other')}:`);
							writeLines(doc, 1);
						}
						break;
					case 'yes_no':
						checkbox(doc, t('surveysResults.export.yes'));
						checkbox(doc, t('surveysResults.export.no'));
						break;
					case 'scale': {
						ensureSpace(doc, 40);
						const y = doc.y;
						const steps = q.max - q.min + 1;
						const width = Math.min(40, (doc.page.width - 2 * MARGIN - 28) / (steps + (q.noAnswer ? 2 : 0)));
						for (let v = q.min, i = 0; v <= q.max; v++, i++) {
							const x = MARGIN + 14 + i * width;
							doc.text(String(v), x, y, { width: BOX + 4, align: 'center' });
							doc.rect(x + 2, y + 14, BOX, BOX).stroke();
						}
						if (q.noAnswer) {
							const x = MARGIN + 14 + (steps + 0.5) * width;
							doc.text(t('surveysResults.table.noAnswer'), x, y, { width: 120 });
							doc.rect(x + 2, y + 14, BOX, BOX).stroke();
						}
						doc.x = MARGIN;
						doc.y = y + 30;
						const ends = [
							q.minLabel && textIn(q.minLabel, locale) ? `${q.min} = ${textIn(q.minLabel, locale)}` : '',
							q.maxLabel && textIn(q.maxLabel, locale) ? `${q.max} = ${textIn(q.maxLabel, locale)}` : ''
						].filter(Boolean);
						if (ends.length) doc.text(ends.join(' · '), MARGIN + 14);
						doc.x = MARGIN;
						doc.moveDown(0.5);
						break;
					}
					case 'matrix': {
						const colW = Math.min(60, (doc.page.width - 2 * MARGIN - 180) / q.columns.length);
						ensureSpace(doc, 30);
						let y = doc.y;
						q.columns.forEach((c, j) =>
							doc.fontSize(8).text(textIn(c.label, locale), MARGIN + 180 + j * colW, y, {
								width: colW - 4,
								align: 'center'
							})
						);
						doc.fontSize(10);
						y = doc.y + 4;
						for (const row of q.rows) {
							if (y + 20 > doc.page.height - MARGIN) {
								doc.addPage();
								y = doc.y;
							}
							doc.text(textIn(row.label, locale), MARGIN + 14, y, { width: 160 });
							const rowEnd = doc.y;
							q.columns.forEach((_, j) =>
								doc.rect(MARGIN + 180 + j * colW + colW / 2 - BOX / 2, y + 1, BOX, BOX).stroke()
							);
							y = Math.max(rowEnd, y + 16) + 4;
						}
						doc.x = MARGIN;
						doc.y = y;
						doc.moveDown(0.5);
						break;
					}
					case 'ranking':
						doc
							.font('Helvetica-Oblique')
							.text(t('surveysResults.paper.rank', { places: String(q.places ?? q.options.length) }))
							.font('Helvetica');
						doc.moveDown(0.2);
						for (const o of q.options) checkbox(doc, textIn(o.label, locale));
						break;
					case 'area': {
						doc.font('Helvetica-Oblique').text(t('surveysResults.paper.one')).font('Helvetica');
						doc.moveDown(0.2);
						const list = input.areas.filter((a) => a.level === q.level);
						for (const a of list) checkbox(doc, a.name);
						checkbox(doc, t('surveysResults.paper.areaUnknown'));
						break;
					}
					case 'map':
						doc.text(t('surveysResults.paper.map'), MARGIN + 14);
						writeLines(doc, 3);
						break;
					case 'long_text':
						writeLines(doc, 5);
						break;
					case 'file':
						doc.text(t('surveysResults.paper.file'), MARGIN + 14);
						break;
					default:
						writeLines(doc, 1);
				}
				doc.x = MARGIN;
				doc.moveDown(0.8);
			}
			doc.moveDown(1).font('Helvetica-Oblique').fontSize(9).text(t('surveysResults.paper.required'));
			doc.text(t('surveysResults.paper.thanks'));
		},
		{ title: input.title }
	);
}

/** A sheet of one-time codes to cut apart: 2 × 7 cards per A4 page, each with the address and the code. */
export function codeSheetPdf(input: {
	title: string;
	url: string;
	codes: readonly string[];
	t: T;
}): Promise<Uint8Array> {
	const { t } = input;
	return render(
		(doc) => {
			const cols = 2;
			const rows = 7;
			const w = (doc.page.width - 2 * MARGIN) / cols;
			const h = (doc.page.height - 2 * MARGIN) / rows;
			input.codes.forEach((code, i) => {
				const onPage = i % (cols * rows);
				if (i > 0 && onPage === 0) doc.addPage();
				const x = MARGIN + (onPage % cols) * w;
				const y = MARGIN + Math.floor(onPage / cols) * h;
				doc.save().dash(3, { space: 3 }).rect(x, y, w, h).lineWidth(0.5).stroke().restore();
				doc
					.font('Helvetica-Bold')
					.fontSize(10)
					.text(input.title, x + 10, y + 10, { width: w - 20, height: 26, ellipsis: true });
				doc
					.font('Helvetica')
					.fontSize(8)
					.text(t('surveysResults.codes.how'), x + 10, y + 36, { width: w - 20 });
				doc
					.font('Helvetica-Bold')
					.fontSize(8)
					.text(input.url, x + 10, doc.y + 2, { width: w - 20 });
				doc
					.font('Courier-Bold')
					.fontSize(18)
					.text(code, x + 10, y + h - 36, { width: w - 20, align: 'center' });
			});
			if (input.codes.length === 0) doc.font('Helvetica').fontSize(11).text(t('surveysResults.codes.none'));
		},
		{ title: `${input.title} – ${t('surveysResults.codes.title')}` }
	);
}
