// The paper version and the code sheet as PDF, read back with poppler (pdftotext, pdftoppm).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { translator } from '$lib/i18n';
import { questionnaireDefinition } from '$lib/questionnaire/definition';
import { codeSheetPdf, paperSurveyPdf } from '$lib/server/survey-results/paper';

const tf = translator('de');
const t = (key: string, p?: Record<string, string>) => tf(key, p ?? {}) as string;

function readBack(bytes: Uint8Array): { text: string; pages: number; png: number } {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qk-pdf-'));
	try {
		const file = path.join(dir, 'f.pdf');
		fs.writeFileSync(file, bytes);
		const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
		const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
		execFileSync('pdftoppm', ['-png', '-r', '40', '-f', '1', '-l', '1', file, path.join(dir, 'p')]);
		const png =
			fs
				.readdirSync(dir)
				.filter((f) => f.endsWith('.png'))
				.map((f) => fs.statSync(path.join(dir, f)).size)[0] ?? 0;
		expect(info).toMatch(/Page size:\s+595\.\d* x 841\.\d* pts \(A4\)/);
		return { text, pages: Number(/Pages:\s+(\d+)/.exec(info)![1]), png };
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

const definition = questionnaireDefinition.parse({
	version: 1,
	questions: [
		{ key: 'WOHNORT', type: 'area', level: 'quartier', required: true, text: { de: 'Wo wohnen Sie?' } },
		{
			key: 'VERKEHR',
			type: 'single_choice',
			text: { de: 'Wie kommen Sie zur Arbeit?' },
			options: [
				{ code: 'rad', label: { de: 'Fahrrad' } },
				{ code: 'bus', label: { de: 'Bus und Bahn' } }
			],
			other: true
		},
		{
			key: 'WARUM',
			type: 'long_text',
			text: { de: 'Warum nicht mit dem Rad?' },
			condition: { combinator: 'and', clauses: [{ question: 'VERKEHR', op: 'equals', value: 'bus' }] }
		},
		{ key: 'P2', type: 'page_break', text: { de: 'Ihr Wohnumfeld' } },
		{
			key: 'ZUFR',
			type: 'scale',
			min: 1,
			max: 5,
			minLabel: { de: 'gar nicht' },
			maxLabel: { de: 'sehr' },
			text: { de: 'Wie zufrieden sind Sie?' }
		},
		{
			key: 'M',
			type: 'matrix',
			text: { de: 'Wie bewerten Sie …' },
			rows: [{ code: 'r1', label: { de: 'Sauberkeit' } }],
			columns: [
				{ code: 'gut', label: { de: 'gut' } },
				{ code: 'schlecht', label: { de: 'schlecht' } }
			]
		},
		{ key: 'ORT', type: 'map', text: { de: 'Wo fehlt eine Bank?' } },
		{ key: 'FOTO', type: 'file', text: { de: 'Ein Foto der Stelle' } }
	]
});

describe('paper version', () => {
	it('prints every question with boxes, the areas as a list and the conditions as notes', async () => {
		const bytes = await paperSurveyPdf({
			title: 'Bewohnerbefragung Altstadt',
			intro: 'Ihre Meinung zählt.',
			definition,
			areas: [
				{ name: 'Quartier Süd', level: 'quartier' },
				{ name: 'Nord', level: 'bezirk' }
			],
			locale: 'de',
			t
		});
		const { text, png } = readBack(bytes);
		expect(text).toContain('Bewohnerbefragung Altstadt');
		expect(text).toContain('1. Wo wohnen Sie? *');
		expect(text).toContain('Quartier Süd');
		expect(text).not.toContain('Nord');
		expect(text).toContain('Bus und Bahn');
		expect(text).toContain('Sonstiges:');
		expect(text).toContain('Nur beantworten, wenn Sie bei Frage 2 „Bus und Bahn“ angekreuzt haben.');
		expect(text).toContain('Ihr Wohnumfeld');
		expect(text).toContain('1 = gar nicht · 5 = sehr');
		expect(text).toContain('Sauberkeit');
		expect(text).toContain('Bitte beschreiben Sie den Ort');
		// a file question cannot be answered on paper: upload online or enclose
		expect(text).toContain('Ein Foto der Stelle');
		expect(text.replace(/\s+/g, ' ')).toContain('Datei: bitte online hochladen oder diesem Bogen beilegen.');
		expect(png).toBeGreaterThan(500);
	});
});

describe('code sheet', () => {
	it('prints one card per code, 14 to a page', async () => {
		const codes = Array.from({ length: 15 }, (_, i) => `ABCD-${String(1000 + i)}`);
		const bytes = await codeSheetPdf({
			title: 'Aktivierende Befragung',
			url: 'https://example.org/b/1',
			codes,
			t
		});
		const { text, pages } = readBack(bytes);
		expect(pages).toBe(2);
		for (const c of codes) expect(text).toContain(c);
		expect(text).toContain('https://example.org/b/1');
	});
});
