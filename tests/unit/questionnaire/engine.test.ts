import { describe, expect, it } from 'vitest';
import {
	conditionHolds,
	parseAnswerForm,
	pipeText,
	progress,
	pruneHidden,
	questionnaireDefinition,
	splitPages,
	validateAnswer,
	visiblePages,
	type Answers,
	type Question
} from '../../../src/lib/questionnaire';

const def = questionnaireDefinition.parse({
	version: 1,
	questions: [
		{ key: 'KIND', type: 'yes_no', text: { de: 'Haben Sie Kinder?' }, required: true },
		{
			key: 'ANZ',
			type: 'number',
			text: { de: 'Wie viele?' },
			integer: true,
			min: 1,
			max: 15,
			condition: { combinator: 'and', clauses: [{ question: 'KIND', op: 'equals', value: 'yes' }] }
		},
		{
			key: 'P2',
			type: 'page_break',
			text: { de: 'Spielplätze' },
			condition: { combinator: 'and', clauses: [{ question: 'KIND', op: 'equals', value: 'yes' }] }
		},
		{
			key: 'SPIEL',
			type: 'multiple_choice',
			text: { de: 'Welche nutzen Sie?' },
			min: 1,
			max: 2,
			other: true,
			options: [
				{ code: 'A', label: { de: 'Am Markt', en: 'At the market' } },
				{ code: 'B', label: { de: 'Im Park' } },
				{ code: 'C', label: { de: 'Am Hafen' } }
			]
		},
		{ key: 'P3', type: 'page_break', text: { de: 'Zum Schluss' } },
		{ key: 'DANKE', type: 'info', text: { de: 'Sie nutzen {{SPIEL}}. Danke!' } },
		{
			key: 'MAT',
			type: 'matrix',
			required: true,
			text: { de: 'Wie finden Sie …' },
			rows: [
				{ code: 'r1', label: { de: 'Sauberkeit' } },
				{ code: 'r2', label: { de: 'Sicherheit' } }
			],
			columns: [
				{ code: '1', label: { de: 'gut' } },
				{ code: '2', label: { de: 'schlecht' } }
			]
		},
		{
			key: 'RANG',
			type: 'ranking',
			places: 2,
			required: true,
			text: { de: 'Was ist am wichtigsten?' },
			options: [
				{ code: 'x', label: { de: 'Bänke' } },
				{ code: 'y', label: { de: 'Bäume' } },
				{ code: 'z', label: { de: 'Licht' } }
			]
		}
	]
});
const q = (key: string) => def.questions.find((x) => x.key === key) as Question;

function fd(entries: [string, string][]): FormData {
	const f = new FormData();
	for (const [k, v] of entries) f.append(k, v);
	return f;
}

describe('conditions', () => {
	const answers: Answers = { KIND: { type: 'yes_no', yes: true }, ANZ: { type: 'number', number: 3 } };
	it('combines clauses with and/or, nested', () => {
		expect(
			conditionHolds(
				{
					combinator: 'and',
					clauses: [
						{ question: 'KIND', op: 'equals', value: 'yes' },
						{ question: 'ANZ', op: 'gt', value: 2 }
					]
				},
				answers
			)
		).toBe(true);
		expect(
			conditionHolds(
				{
					combinator: 'and',
					clauses: [
						{ question: 'KIND', op: 'equals', value: 'yes' },
						{ question: 'ANZ', op: 'gt', value: 3 }
					]
				},
				answers
			)
		).toBe(false);
		expect(
			conditionHolds(
				{
					combinator: 'or',
					clauses: [
						{ question: 'ANZ', op: 'lt', value: 2 },
						{
							combinator: 'and',
							clauses: [
								{ question: 'SPIEL', op: 'not_answered' },
								{ question: 'ANZ', op: 'answered' }
							]
						}
					]
				},
				answers
			)
		).toBe(true);
		expect(
			conditionHolds(
				{ combinator: 'and', clauses: [{ question: 'SPIEL', op: 'includes', value: 'A' }] },
				answers
			)
		).toBe(false);
		expect(
			conditionHolds(
				{ combinator: 'and', clauses: [{ question: 'KIND', op: 'not_equals', value: 'no' }] },
				answers
			)
		).toBe(true);
	});

	it('skips a page whose condition fails, and answers of hidden questions do not count', () => {
		expect(splitPages(def)).toHaveLength(3);
		const no: Answers = {
			KIND: { type: 'yes_no', yes: false },
			ANZ: { type: 'number', number: 2 },
			SPIEL: { type: 'multiple_choice', choices: ['A'] }
		};
		const pages = visiblePages(def, no);
		expect(pages.map((p) => p.questions.map((x) => x.key))).toEqual([['KIND'], ['DANKE', 'MAT', 'RANG']]);
		expect(Object.keys(pruneHidden(def.questions, no))).toEqual(['KIND']);
		const yes: Answers = { KIND: { type: 'yes_no', yes: true } };
		expect(visiblePages(def, yes).map((p) => p.questions.map((x) => x.key))).toEqual([
			['KIND', 'ANZ'],
			['SPIEL'],
			['DANKE', 'MAT', 'RANG']
		]);
	});

	it('one question per page keeps info blocks with the next question', () => {
		const pages = splitPages(def, 'one_question');
		expect(pages.map((p) => p.questions.map((x) => x.key))).toEqual([
			['KIND'],
			['ANZ'],
			['SPIEL'],
			['DANKE', 'MAT'],
			['RANG']
		]);
		expect(progress(1, 5)).toEqual({ page: 2, pages: 5, percent: 20 });
	});
});

describe('piping', () => {
	it('replaces {{KEY}} with the answer text in the reader language, as plain text', () => {
		const answers: Answers = {
			SPIEL: { type: 'multiple_choice', choices: ['A', '_other'], other: '<b>Schulhof</b>' }
		};
		expect(pipeText(q('DANKE').text.de!, def.questions, answers, 'en')).toBe(
			'Sie nutzen At the market, <b>Schulhof</b>. Danke!'
		);
		expect(pipeText('Vorher: {{ NICHTDA }}.', def.questions, answers, 'de')).toBe('Vorher: .');
	});
});

describe('validation', () => {
	it('required, min/max choices, Sonstiges text', () => {
		expect(validateAnswer(q('KIND'), undefined)?.key).toBe('surveys.validation.required');
		expect(validateAnswer(q('SPIEL'), { type: 'multiple_choice', choices: ['A', 'B', 'C'] })).toEqual({
			key: 'surveys.validation.maxChoices',
			params: { count: 2 }
		});
		expect(
			validateAnswer(q('SPIEL'), { type: 'multiple_choice', choices: ['_other'], other: ' ' })?.key
		).toBe('surveys.validation.otherText');
		expect(validateAnswer(q('SPIEL'), { type: 'multiple_choice', choices: ['Q'] })?.key).toBe(
			'surveys.validation.invalid'
		);
		expect(validateAnswer(q('SPIEL'), { type: 'multiple_choice', choices: ['A'] })).toBeNull();
	});
	it('number ranges and integers, matrix rows, ranking places, formats', () => {
		expect(validateAnswer(q('ANZ'), { type: 'number', number: 16 })).toEqual({
			key: 'surveys.validation.max',
			params: { max: 15 }
		});
		expect(validateAnswer(q('ANZ'), { type: 'number', number: 2.5 })?.key).toBe('surveys.validation.integer');
		expect(validateAnswer(q('MAT'), { type: 'matrix', rows: { r1: '1' } })?.key).toBe(
			'surveys.validation.matrixRows'
		);
		expect(validateAnswer(q('MAT'), { type: 'matrix', rows: { r1: '1', r2: '2' } })).toBeNull();
		expect(validateAnswer(q('RANG'), { type: 'ranking', order: ['x'] })?.key).toBe(
			'surveys.validation.rankingPlaces'
		);
		expect(validateAnswer(q('RANG'), { type: 'ranking', order: ['x', 'z'] })).toBeNull();
		const mail = {
			key: 'M',
			type: 'short_text',
			format: 'email',
			required: false,
			text: { de: 'E-Mail' }
		} as Question;
		expect(validateAnswer(mail, { type: 'short_text', text: 'nicht-mail' })?.key).toBe(
			'surveys.validation.email'
		);
		const plz = {
			key: 'PLZ',
			type: 'short_text',
			format: 'postcode',
			required: false,
			text: { de: 'PLZ' }
		} as Question;
		expect(validateAnswer(plz, { type: 'short_text', text: '12345' })).toBeNull();
		const day = {
			key: 'D',
			type: 'date',
			min: '2026-01-01',
			required: false,
			text: { de: 'Tag' }
		} as Question;
		expect(validateAnswer(day, { type: 'date', date: '2026-02-30' })?.key).toBe('surveys.validation.date');
		expect(validateAnswer(day, { type: 'date', date: '2025-12-31' })?.key).toBe('surveys.validation.dateMin');
		const area = {
			key: 'W',
			type: 'area',
			level: 'quartier',
			map: false,
			required: false,
			text: { de: 'Wo?' }
		} as Question;
		expect(validateAnswer(area, { type: 'area', areaId: 'x' }, { areaIds: new Set(['y']) })?.key).toBe(
			'surveys.validation.areaInvalid'
		);
	});
});

describe('reading a plain form', () => {
	it('reads every type from FormData, German decimals, Sonstiges, matrix and ranking fields', () => {
		const parsed = parseAnswerForm(
			def.questions,
			fd([
				['q.KIND', 'yes'],
				['q.ANZ', '2'],
				['q.SPIEL', 'B'],
				['q.SPIEL._other', 'Schulhof'],
				['q.MAT.r1', '1'],
				['q.MAT.r2', '2'],
				['q.RANG.z', '1'],
				['q.RANG.x', '2'],
				['q.RANG.y', '']
			])
		);
		expect(parsed.errors).toEqual({});
		expect(parsed.answers).toEqual({
			KIND: { type: 'yes_no', yes: true },
			ANZ: { type: 'number', number: 2 },
			SPIEL: { type: 'multiple_choice', choices: ['B', '_other'], other: 'Schulhof' },
			MAT: { type: 'matrix', rows: { r1: '1', r2: '2' } },
			RANG: { type: 'ranking', order: ['z', 'x'] }
		});
	});
	it('keeps what could not be read, with an error', () => {
		const parsed = parseAnswerForm(
			[q('ANZ'), q('RANG')],
			fd([
				['q.ANZ', 'zwei'],
				['q.RANG.x', '1'],
				['q.RANG.y', '1']
			])
		);
		expect(parsed.errors.ANZ?.key).toBe('surveys.validation.number');
		expect(parsed.raw.ANZ).toBe('zwei');
		expect(parsed.errors.RANG?.key).toBe('surveys.validation.rankingDuplicate');
		expect(parseAnswerForm([q('ANZ')], fd([['q.ANZ', '2,5']])).answers.ANZ).toEqual({
			type: 'number',
			number: 2.5
		});
	});
	it('reads the map question from drawn geometry or the non-map path', () => {
		const map = {
			key: 'ORT',
			type: 'map',
			geometry: ['point'],
			maxFeatures: 1,
			required: true,
			text: { de: 'Wo?' }
		} as Question;
		expect(
			parseAnswerForm([map], fd([['q.ORT.geojson', '[{"type":"Point","coordinates":[7.1,51.2]}]']])).answers
				.ORT
		).toEqual({
			type: 'map',
			geometries: [{ type: 'Point', coordinates: [7.1, 51.2] }]
		});
		expect(
			parseAnswerForm(
				[map],
				fd([
					['q.ORT.area', 'a1'],
					['q.ORT.describe', 'An der Ecke']
				])
			).answers.ORT
		).toEqual({
			type: 'map',
			geometries: [],
			areaId: 'a1',
			description: 'An der Ecke'
		});
		expect(parseAnswerForm([map], fd([['q.ORT.geojson', '{"type":"Nope"}']])).errors.ORT?.key).toBe(
			'surveyMap.validation.invalid'
		);
	});
});
