import { describe, expect, it } from 'vitest';
import { questionnaireDefinition, type AnswerValue } from '$lib/questionnaire/definition';
import { computeResults, searchTexts, type ResultResponse } from '$lib/questionnaire/results';

const def = questionnaireDefinition.parse({
	version: 1,
	questions: [
		{ key: 'intro', type: 'info', text: { de: 'Willkommen' } },
		{ key: 'wohnort', type: 'area', level: 'stadtteil', text: { de: 'Wo wohnen Sie?' } },
		{
			key: 'verkehr',
			type: 'single_choice',
			text: { de: 'Wie kommen Sie zur Arbeit?' },
			options: [
				{ code: 'rad', label: { de: 'Rad' } },
				{ code: 'bus', label: { de: 'Bus' } }
			],
			other: true
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
		{ key: 'zufrieden', type: 'scale', min: 1, max: 5, noAnswer: true, text: { de: 'Zufrieden?' } },
		{
			key: 'matrix',
			type: 'matrix',
			text: { de: 'Bewerten Sie' },
			rows: [{ code: 'r1', label: { de: 'Sauberkeit' } }],
			columns: [
				{ code: 'gut', label: { de: 'gut' } },
				{ code: 'schlecht', label: { de: 'schlecht' } }
			]
		},
		{
			key: 'rang',
			type: 'ranking',
			text: { de: 'Reihenfolge' },
			options: [
				{ code: 'a', label: { de: 'A' } },
				{ code: 'b', label: { de: 'B' } }
			]
		},
		{ key: 'alter', type: 'number', integer: true, text: { de: 'Alter' } },
		{ key: 'text', type: 'long_text', text: { de: 'Anmerkungen' } },
		{ key: 'ja', type: 'yes_no', text: { de: 'Ja?' } }
	]
});

const r = (
	channel: ResultResponse['channel'],
	date: string,
	areaId: string | null,
	answers: Record<string, AnswerValue>
): ResultResponse => ({ channel, date, areaId, answers });

const responses: ResultResponse[] = [
	r('online', '2026-05-01', 'nord', {
		wohnort: { type: 'area', areaId: 'nord' },
		verkehr: { type: 'single_choice', choice: 'rad' },
		wuensche: { type: 'multiple_choice', choices: ['baenke', 'baeume'] },
		zufrieden: { type: 'scale', value: 4 },
		matrix: { type: 'matrix', rows: { r1: 'gut' } },
		rang: { type: 'ranking', order: ['a', 'b'] },
		alter: { type: 'number', number: 30 },
		text: { type: 'long_text', text: 'Mehr Bänke am Markt' },
		ja: { type: 'yes_no', yes: true }
	}),
	r('paper', '2026-05-03', 'sued', {
		wohnort: { type: 'area', areaId: 'sued' },
		verkehr: { type: 'single_choice', choice: '_other', other: 'zu Fuß' },
		wuensche: { type: 'multiple_choice', choices: ['baeume'] },
		zufrieden: { type: 'scale', value: 2 },
		rang: { type: 'ranking', order: ['b', 'a'] },
		alter: { type: 'number', number: 50 },
		text: { type: 'long_text', text: 'Schatten fehlt' },
		ja: { type: 'yes_no', yes: false }
	}),
	r('online', '2026-05-09', 'sued', {
		verkehr: { type: 'single_choice', choice: 'rad' },
		zufrieden: { type: 'scale', value: null },
		rang: { type: 'ranking', order: ['a', 'b'] },
		alter: { type: 'number', number: 41 }
	})
];

describe('computeResults', () => {
	const res = computeResults(def, responses, { areaIdsAtLevel: () => ['nord', 'sued', 'west'] });
	const q = (key: string) => res.questions.find((x) => x.key === key)!;

	it('skips info blocks and counts every question type', () => {
		expect(res.total).toBe(3);
		expect(res.questions.map((x) => x.key)).not.toContain('intro');
		expect(q('verkehr')).toMatchObject({
			n: 3,
			counts: [
				{ code: 'rad', count: 2, percent: 66.7 },
				{ code: 'bus', count: 0, percent: 0 },
				{ code: '_other', count: 1, percent: 33.3 }
			],
			otherTexts: ['zu Fuß']
		});
		expect(q('wuensche')).toMatchObject({
			n: 2,
			counts: [
				{ code: 'baenke', count: 1, percent: 50 },
				{ code: 'baeume', count: 2, percent: 100 }
			]
		});
		expect(q('zufrieden')).toMatchObject({ n: 3, noAnswer: 1, mean: 3 });
		expect(q('matrix')).toMatchObject({
			n: 1,
			rows: [{ code: 'r1', n: 1, counts: [{ count: 1 }, { count: 0 }] }]
		});
		expect(q('rang')).toMatchObject({
			options: [
				{ code: 'a', ranked: 3, meanRank: 1.33, first: 2 },
				{ code: 'b', ranked: 3, meanRank: 1.67, first: 1 }
			]
		});
		expect(q('alter')).toMatchObject({ n: 3, min: 30, max: 50, mean: 40.33, median: 41 });
		expect(q('text')).toMatchObject({ n: 2, texts: ['Mehr Bänke am Markt', 'Schatten fehlt'] });
		expect(q('ja')).toMatchObject({
			counts: [
				{ code: 'yes', count: 1 },
				{ code: 'no', count: 1 }
			]
		});
		expect(q('wohnort')).toMatchObject({
			counts: [
				{ code: 'nord', count: 1 },
				{ code: 'sued', count: 1 },
				{ code: 'west', count: 0 }
			]
		});
	});

	it('filters by channel, date range, area (with descendants) and the answer to another question', () => {
		expect(computeResults(def, responses, { filter: { channel: 'online' } }).total).toBe(2);
		expect(computeResults(def, responses, { filter: { from: '2026-05-02', to: '2026-05-08' } }).total).toBe(
			1
		);
		const byArea = computeResults(def, responses, {
			filter: { areaId: 'stadt' },
			descendants: (id) => new Set(id === 'stadt' ? ['stadt', 'sued'] : [id])
		});
		expect(byArea.total).toBe(2);
		const cross = computeResults(def, responses, {
			filter: { answer: { question: 'verkehr', code: 'rad' } }
		});
		expect(cross.total).toBe(2);
		expect(cross.questions.find((x) => x.key === 'ja')).toMatchObject({
			counts: [{ count: 1 }, { count: 0 }]
		});
		const yes = computeResults(def, responses, { filter: { answer: { question: 'ja', code: 'no' } } });
		expect(yes.total).toBe(1);
	});

	it('searches free texts case-insensitively', () => {
		expect(searchTexts(['Mehr Bänke am Markt', 'Schatten fehlt'], 'bänke')).toEqual(['Mehr Bänke am Markt']);
		expect(searchTexts(['a', 'b'], ' ')).toEqual(['a', 'b']);
	});
});
