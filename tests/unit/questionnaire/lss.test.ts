import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importLss, parseRelevance, htmlToText, type LssImport } from '../../../src/lib/questionnaire/lss';
import { questionnaireDefinition, type Question } from '../../../src/lib/questionnaire/definition';

const fixture = (name: string) =>
	readFileSync(new URL(`../../fixtures/lss/${name}`, import.meta.url), 'utf8');

function load(name: string): LssImport {
	const r = importLss(fixture(name));
	if (!r.ok) throw new Error(r.error);
	expect(questionnaireDefinition.safeParse(r.value.definition).success).toBe(true);
	return r.value;
}
const byKey = (v: LssImport, key: string) => v.definition.questions.find((q) => q.key === key) as Question;

describe('LimeSurvey 3.x export (per-language rows, conditions table)', () => {
	const v = load('limesurvey3-buergerbefragung.lss');

	it('reads title, intro, languages and groups as page breaks', () => {
		expect(v.dbVersion).toBe(366);
		expect(v.title).toBe('Bürgerbefragung Altstadt 2019');
		expect(v.translations.en?.title).toBe('Resident survey Old Town 2019');
		expect(v.intro).toContain('etwa 5 Minuten');
		expect(v.languages).toEqual(['de', 'en']);
		expect(v.groups).toEqual([
			{ title: 'Wohnen im Quartier', questions: 4 },
			{ title: 'Zu Ihrer Person', questions: 4 }
		]);
		expect(v.definition.questions.map((q) => `${q.key}:${q.type}`)).toEqual([
			'SEITE1:page_break',
			'INFO1:info',
			'Q1:single_choice',
			'Q2:multiple_choice',
			'Q3:matrix',
			'Q4:long_text',
			'SEITE2:page_break',
			'Q5:number',
			'Q7:file',
			'Q8:yes_no'
		]);
		expect(byKey(v, 'SEITE2').text).toEqual({ de: 'Zu Ihrer Person', en: 'About you' });
	});

	it('maps texts in both languages, options, other, mandatory, ranges, file settings', () => {
		const q1 = byKey(v, 'Q1');
		expect(q1).toMatchObject({ required: true, display: 'radio', other: false });
		if (q1.type !== 'single_choice') throw new Error('type');
		expect(q1.text).toEqual({
			de: 'Wie lange wohnen Sie schon im Quartier?',
			en: 'How long have you lived in the neighbourhood?'
		});
		expect(q1.options.map((o) => o.code)).toEqual(['A1', 'A2', 'A3']);
		expect(q1.options[2].label).toEqual({ de: 'mehr als 5 Jahre', en: 'more than 5 years' });
		expect(byKey(v, 'Q2')).toMatchObject({ other: true, max: 2, help: { de: 'Mehrere Antworten möglich.' } });
		const q3 = byKey(v, 'Q3');
		if (q3.type !== 'matrix') throw new Error('type');
		expect(q3.text.de).toBe('Wie zufrieden sind Sie mit …');
		expect(q3.rows.map((r) => r.label.de)).toEqual(['Sauberkeit', 'Sicherheit am Abend']);
		expect(q3.columns.map((c) => c.code)).toEqual(['A1', 'A2', 'A3']);
		expect(byKey(v, 'Q5')).toMatchObject({ min: 14, max: 110, integer: true });
		expect(byKey(v, 'Q7')).toMatchObject({
			type: 'file',
			accept: ['image', 'pdf'],
			maxBytes: 2048 * 1024,
			maxFiles: 1
		});
		expect(byKey(v, 'Q8').text.de).toBe('Dürfen wir Sie zum Stadtteilzentrum erneut befragen?');
	});

	it('maps the conditions table: one field OR-ed, fields AND-ed; "+" multiple choice as includes', () => {
		expect(byKey(v, 'Q4').condition).toEqual({
			combinator: 'and',
			clauses: [{ question: 'Q1', op: 'equals', value: 'A3' }]
		});
		expect(byKey(v, 'Q8').condition).toEqual({
			combinator: 'and',
			clauses: [
				{
					combinator: 'or',
					clauses: [
						{ question: 'Q1', op: 'equals', value: 'A2' },
						{ question: 'Q1', op: 'equals', value: 'A3' }
					]
				},
				{ question: 'Q2', op: 'includes', value: 'SQ001' }
			]
		});
	});

	it('lists the gender question as not mappable', () => {
		expect(v.notMapped).toEqual([{ code: 'Q6', reason: 'lss.type', detail: 'gender' }]);
		expect(v.mapped.map((m) => m.from).join('')).toBe('LMFTN|Y');
	});
});

describe('LimeSurvey 6 export (l10n tables, relevance equations)', () => {
	const v = load('limesurvey6-leitbild.lss');

	it('maps types, l10n texts and attributes', () => {
		expect(v.dbVersion).toBe(624);
		expect(v.title).toBe('Leitbild-Befragung Grüne Wege');
		expect(v.translations.en).toEqual({
			title: 'Green Paths mission survey',
			intro: 'What should the green paths in Musterstadt look like?'
		});
		expect(v.mapped.map((m) => `${m.key}:${m.to}`)).toEqual([
			'G01Q01:single_choice',
			'G01Q02:scale',
			'G01Q03:matrix',
			'G01Q04:single_choice',
			'G02Q01:short_text',
			'G02Q02:ranking',
			'G02Q03:date',
			'G02Q04:file',
			'G02Q06:long_text',
			'G02Q07:yes_no',
			'G02Q08:info'
		]);
		expect(byKey(v, 'G01Q01')).toMatchObject({ display: 'dropdown', other: true, required: true });
		const g1q1 = byKey(v, 'G01Q01');
		if (g1q1.type !== 'single_choice') throw new Error('type');
		expect(g1q1.options[1].label).toEqual({ de: 'mit dem Fahrrad', en: 'by bike' });
		expect(byKey(v, 'G01Q02')).toMatchObject({
			min: 1,
			max: 5,
			help: { de: '1 = sehr schlecht, 5 = sehr gut' }
		});
		const matrix = byKey(v, 'G01Q03');
		if (matrix.type !== 'matrix') throw new Error('type');
		expect(matrix.columns.map((c) => c.code)).toEqual(['1', '2', '3', '4', '5']);
		expect(matrix.rows[1].label).toEqual({ de: 'Breite der Wege', en: 'Width of the paths' });
		expect(byKey(v, 'G01Q04_comment')).toMatchObject({
			type: 'long_text',
			condition: { clauses: [{ question: 'G01Q04', op: 'answered' }] }
		});
		expect(byKey(v, 'G02Q01')).toMatchObject({
			maxLength: 100,
			help: { de: 'Höchstens 100 Zeichen.', en: 'At most 100 characters.' }
		});
		expect(byKey(v, 'G02Q03')).toMatchObject({ min: '2020-01-01', max: '2025-12-31' });
		// LimeSurvey's "|" (file upload): kinds, size (capped at 10 MB), number of files (3 of at most 5)
		expect(byKey(v, 'G02Q04')).toMatchObject({
			type: 'file',
			accept: ['image'],
			maxBytes: 10_000_000,
			maxFiles: 3
		});
		expect(byKey(v, 'G02Q08').text.de).toBe('Vielen Dank für Ihre Teilnahme!');
	});

	it('maps relevance with and/or, !is_empty and piping; lists what does not map', () => {
		expect(byKey(v, 'G01Q02').condition).toEqual({
			combinator: 'and',
			clauses: [{ question: 'G01Q01', op: 'equals', value: 'AO02' }]
		});
		expect(byKey(v, 'SEITE2').condition).toEqual({
			combinator: 'and',
			clauses: [{ question: 'G01Q01', op: 'answered' }]
		});
		expect(byKey(v, 'G02Q06').condition).toEqual({
			combinator: 'and',
			clauses: [
				{
					combinator: 'or',
					clauses: [
						{ question: 'G01Q01', op: 'equals', value: 'AO03' },
						{ question: 'G01Q01', op: 'equals', value: 'AO04' }
					]
				},
				{ question: 'G02Q01', op: 'answered' }
			]
		});
		expect(byKey(v, 'G02Q06').text.de).toBe('Sie fahren meist mit {{G01Q01}}. Was fehlt Ihnen unterwegs?');
		expect(byKey(v, 'G02Q07').condition).toBeUndefined();
		expect(v.notMapped.map((n) => `${n.code}:${n.reason}`)).toEqual([
			'G01Q04:lss.commentSeparate',
			'G02Q04:lss.fileTypes',
			'G02Q05:lss.type',
			'G02Q07:lss.relevance'
		]);
	});
});

describe('refusals and the relevance parser', () => {
	it('refuses what is not a LimeSurvey survey structure', () => {
		expect(importLss('not xml <<<')).toMatchObject({ ok: false });
		expect(importLss('<?xml version="1.0"?><html><body/></html>')).toMatchObject({
			ok: false,
			error: 'lss.error.notLimeSurvey'
		});
		expect(importLss('<document><LimeSurveyDocType>Question</LimeSurveyDocType></document>')).toMatchObject({
			ok: false,
			error: 'lss.error.notSurvey'
		});
		expect(
			importLss(
				'<document><LimeSurveyDocType>Survey</LimeSurveyDocType><languages><language>de</language></languages></document>'
			)
		).toMatchObject({
			ok: false,
			error: 'lss.error.noQuestions'
		});
	});

	it('parses the simple forms and refuses the rest', () => {
		const q: Question = {
			key: 'Q1',
			type: 'single_choice',
			display: 'radio',
			other: false,
			required: false,
			text: { de: 'x' },
			options: [
				{ code: 'A1', label: { de: 'a' } },
				{ code: 'A2', label: { de: 'b' } }
			]
		};
		const n: Question = { key: 'Q2', type: 'number', integer: false, required: false, text: { de: 'n' } };
		const resolve = (name: string) =>
			name === 'Q1' ? { question: q } : name === 'Q2' ? { question: n } : null;
		expect(parseRelevance('Q1 == "A1"', resolve)).toEqual({
			combinator: 'and',
			clauses: [{ question: 'Q1', op: 'equals', value: 'A1' }]
		});
		expect(parseRelevance("Q1.NAOK != 'A2' && Q2 > 17", resolve)).toEqual({
			combinator: 'and',
			clauses: [
				{ question: 'Q1', op: 'not_equals', value: 'A2' },
				{ question: 'Q2', op: 'gt', value: 17 }
			]
		});
		expect(parseRelevance('18 > Q2 or is_empty(Q1)', resolve)).toEqual({
			combinator: 'or',
			clauses: [
				{ question: 'Q2', op: 'lt', value: 18 },
				{ question: 'Q1', op: 'not_answered' }
			]
		});
		expect(parseRelevance('!(Q1 == "A1" and !is_empty(Q2))', resolve)).toEqual({
			combinator: 'or',
			clauses: [
				{ question: 'Q1', op: 'not_equals', value: 'A1' },
				{ question: 'Q2', op: 'not_answered' }
			]
		});
		// yes/no answers compare as the engine's tokens 'yes' / 'no'
		const y: Question = { key: 'Q9', type: 'yes_no', required: false, text: { de: 'j' } };
		expect(parseRelevance('Q9 == "Y"', (name) => (name === 'Q9' ? { question: y } : null))).toEqual({
			combinator: 'and',
			clauses: [{ question: 'Q9', op: 'equals', value: 'yes' }]
		});
		for (const bad of [
			'Q1 == "A9"',
			'Q3 == "A1"',
			'sum(Q2) > 1',
			'Q1 == "A1" and',
			'Q1 =~ "x"',
			'Q2 >= 3',
			'(Q1 == "A1"'
		])
			expect(parseRelevance(bad, resolve), bad).toBeNull();
	});

	it('turns LimeSurvey HTML into plain text', () => {
		expect(
			htmlToText('<p>Eins &amp; zwei</p><p>drei<br/>vier&nbsp;&hellip;</p><script>alert(1)</script>')
		).toBe('Eins & zwei\ndrei\nvier …');
	});
});
