// The .sav writer's structure, and both SPSS files read back by GNU PSPP (Debian's `pspp`).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { questionnaireDefinition } from '$lib/questionnaire/definition';
import { csvForSps, shortNames, spssDate, writeSav, writeSps } from '$lib/questionnaire/spss';
import {
	codebook,
	surveyColumns,
	surveyRows,
	toSpssTable,
	type TabularLabels
} from '$lib/questionnaire/tabular';

const def = questionnaireDefinition.parse({
	version: 1,
	questions: [
		{ key: 'wohnort', type: 'area', level: 'quartier', text: { de: 'Wo wohnen Sie?' } },
		{
			key: 'verkehr',
			type: 'single_choice',
			text: { de: 'Wie kommen Sie „meistens“ zur Arbeit?' },
			options: [
				{ code: 'A1', label: { de: 'Fahrrad' } },
				{ code: 'A2', label: { de: 'Öffentlicher Nahverkehr' } }
			]
		},
		{
			key: 'wuensche',
			type: 'multiple_choice',
			text: { de: 'Was fehlt?' },
			options: [
				{ code: 'baenke', label: { de: 'Bänke' } },
				{ code: 'baeume', label: { de: 'Bäume' } }
			]
		},
		{
			key: 'zufrieden',
			type: 'scale',
			min: 1,
			max: 5,
			minLabel: { de: 'gar nicht' },
			maxLabel: { de: 'sehr' },
			text: { de: 'Wie zufrieden sind Sie?' }
		},
		{ key: 'text', type: 'long_text', text: { de: 'Anmerkungen' } }
	]
});

const labels: TabularLabels = {
	locale: 'de',
	responseNumber: 'Antwort Nr.',
	channel: 'Kanal',
	date: 'Datum',
	channels: {
		online: 'online',
		paper: 'Papier',
		interview: 'Interview',
		workshop: 'Workshop',
		phone: 'Telefon'
	},
	yes: 'ja',
	no: 'nein',
	selected: 'gewählt',
	notSelected: 'nicht gewählt',
	other: 'Sonstiges',
	areaAtLevel: (q, l) => `${q} – ${l}`,
	place: (q, p) => `${q} – Platz ${p}`,
	features: (q) => `${q} – Anzahl`,
	files: (q) => `${q} – Dateien`,
	levels: [
		{ key: 'bezirk', name: 'Bezirk' },
		{ key: 'quartier', name: 'Quartier' }
	]
};
const areas = new Map([
	['b1', { id: 'b1', key: '01', name: 'Mitte', level: 'bezirk' }],
	['q1', { id: 'q1', key: '0101', name: 'Altstadt', level: 'quartier' }]
]);

function table() {
	const rows = surveyRows(
		def,
		[
			{
				channel: 'paper',
				date: '2026-05-04',
				areas: { wohnort: ['b1', 'q1'] },
				answers: {
					wohnort: { type: 'area', areaId: 'q1' },
					verkehr: { type: 'single_choice', choice: 'A2' },
					wuensche: { type: 'multiple_choice', choices: ['baeume'] },
					zufrieden: { type: 'scale', value: 5 },
					text: { type: 'long_text', text: 'Mehr Schatten, "bitte"' }
				}
			},
			{
				channel: 'online',
				date: '2026-05-05',
				areas: {},
				answers: { zufrieden: { type: 'scale', value: 2 } }
			}
		],
		areas,
		labels.levels
	);
	return { title: 'Bürgerbefragung Musterstadt', columns: surveyColumns(def, labels), rows };
}

function pspp(syntax: string, dir: string): string {
	const file = path.join(dir, 'read.sps');
	fs.writeFileSync(file, syntax);
	return execFileSync('pspp', ['-O', 'format=csv', file], { encoding: 'utf8', cwd: dir });
}

describe('survey table', () => {
	it('has one column per variable, area keys at every level and a codebook', () => {
		const t = table();
		expect(t.columns.map((c) => c.name)).toEqual([
			'response',
			'channel',
			'date',
			'wohnort_bezirk',
			'wohnort_quartier',
			'verkehr',
			'wuensche_baenke',
			'wuensche_baeume',
			'zufrieden',
			'text'
		]);
		expect(t.rows[0]).toEqual([
			1,
			'paper',
			'2026-05-04',
			'01',
			'0101',
			'A2',
			0,
			1,
			5,
			'Mehr Schatten, "bitte"'
		]);
		expect(t.rows[1]).toEqual([2, 'online', '2026-05-05', null, null, null, null, null, 2, null]);
		expect(codebook(t)).toContainEqual({
			variable: 'verkehr',
			label: 'Wie kommen Sie „meistens“ zur Arbeit?',
			code: 'A2',
			codeLabel: 'Öffentlicher Nahverkehr'
		});
	});
});

describe('SPSS writers', () => {
	it('writes the records of the documented layout', () => {
		const bytes = writeSav(toSpssTable(table()), new Date(Date.UTC(2026, 4, 6, 12, 0, 0)));
		const text = new TextDecoder('latin1').decode(bytes);
		expect(text.slice(0, 4)).toBe('$FL2');
		const view = new DataView(bytes.buffer);
		expect(view.getInt32(64, true)).toBe(2); // layout code
		expect(view.getInt32(68, true)).toBe(9 + 3); // case size: 9 one-segment variables + the text (22 bytes → 3 segments)
		expect(view.getInt32(80, true)).toBe(2); // cases
		expect(view.getFloat64(84, true)).toBe(100);
		expect(text.slice(92, 101)).toBe('06 May 26');
		expect(spssDate('1582-10-15')).toBe(86400);
		expect(shortNames(['wuensche_baenke', 'wuensche_baeume', '9x'])).toEqual(['WUENSCHE', 'WUENSCH1', 'V9X']);
	});

	it('is read back by pspp with variable labels, value labels and values', () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qk-sav-'));
		try {
			fs.writeFileSync(path.join(dir, 'survey.sav'), writeSav(toSpssTable(table())));
			const out = pspp('GET FILE="survey.sav".\nDISPLAY DICTIONARY.\nLIST.\n', dir);
			expect(out).not.toMatch(/error|warning/i);
			expect(out).toContain('wuensche_baeume,8,Was fehlt? – Bäume');
			expect(out).toContain('verkehr,6,Wie kommen Sie „meistens“ zur Arbeit?');
			expect(out).toMatch(/,2,Öffentlicher Nahverkehr/);
			expect(out).toMatch(/,5,sehr/);
			expect(out).toContain('channel');
			expect(out).toContain('1,2,04-MAY-2026,01,0101,2,0,1,5,"Mehr Schatten, ""bitte"""');
			expect(out).toContain('2,1,05-MAY-2026,,,.,.,.,2,');
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});

	it('writes .sps syntax that pspp runs on the CSV beside it', () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qk-sps-'));
		try {
			const t = toSpssTable(table());
			fs.writeFileSync(path.join(dir, 'survey.csv'), csvForSps(t));
			fs.writeFileSync(path.join(dir, 'survey.sps'), writeSps(t, 'survey.csv'));
			const out = pspp('INCLUDE FILE="survey.sps".\nDISPLAY DICTIONARY.\nLIST.\n', dir);
			expect(out).not.toMatch(/error|warning/i);
			expect(out).toContain('Was fehlt? – Bäume');
			expect(out).toMatch(/,2,Öffentlicher Nahverkehr/);
			expect(out).toContain('1,2,04-MAY-2026,01,0101,2,0,1,5,"Mehr Schatten, ""bitte"""');
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});
});
