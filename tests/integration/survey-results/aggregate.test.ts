// Results counted in the database (aggregate.ts) equal the results computed in JS over every response
// (computeSurveyResults over loadSurveyData), on both databases: a seeded survey with a condition,
// single choice with "Sonstiges", multiple choice with "Sonstiges", matrix, scale with "keine Angabe",
// ranking, yes/no, number (decimals), date, texts, map, and areas small enough to be suppressed.
import { expect, it } from 'vitest';
import type { QuestionnaireDefinition } from '../../../src/lib/questionnaire/definition';
import type { ResultFilter } from '../../../src/lib/questionnaire/results';
import {
	aggregateSurveyResults,
	computeSurveyResults,
	loadSurveyData
} from '../../../src/lib/server/survey-results';
import { saveQuestionnaireDefinition } from '../../../src/lib/server/surveys';
import { describeEachDatabase } from '../helpers/db';
import { insertAreaTree } from '../helpers/roles-fixtures';
import { ctxFor, surveyFixture } from '../surveys/fixtures';

const opt = (...codes: string[]) => codes.map((code) => ({ code, label: { de: `Antwort ${code}` } }));

function definition(level: string): QuestionnaireDefinition {
	return {
		version: 1,
		questions: [
			{ key: 'WOHNORT', type: 'area', level, map: false, required: true, text: { de: 'Wo?' } },
			{
				key: 'ZUFR',
				type: 'single_choice',
				display: 'radio',
				other: true,
				required: true,
				text: { de: 'Zufrieden?' },
				options: opt('1', '2', '3')
			},
			{
				key: 'WARUM',
				type: 'long_text',
				required: false,
				text: { de: 'Warum nicht?' },
				condition: { combinator: 'and', clauses: [{ question: 'ZUFR', op: 'equals', value: '3' }] }
			},
			{
				key: 'MEHR',
				type: 'multiple_choice',
				other: true,
				required: false,
				text: { de: 'Was fehlt?' },
				options: opt('baenke', 'baeume', 'licht')
			},
			{ key: 'NOTE', type: 'scale', min: 1, max: 5, noAnswer: true, required: false, text: { de: 'Note' } },
			{
				key: 'MATRIX',
				type: 'matrix',
				required: false,
				text: { de: 'Wie bewerten Sie …' },
				rows: opt('laerm', 'gruen'),
				columns: opt('gut', 'mittel', 'schlecht')
			},
			{
				key: 'RANG',
				type: 'ranking',
				required: false,
				text: { de: 'Reihenfolge' },
				options: opt('a', 'b', 'c')
			},
			{ key: 'JA', type: 'yes_no', required: false, text: { de: 'Ja?' } },
			{ key: 'BETRAG', type: 'number', integer: false, required: false, text: { de: 'Betrag' } },
			{ key: 'SEIT', type: 'date', required: false, text: { de: 'Seit wann?' } },
			{ key: 'NAME', type: 'short_text', required: false, text: { de: 'Straße' } },
			{
				key: 'ORT',
				type: 'map',
				geometry: ['point'],
				maxFeatures: 2,
				required: false,
				text: { de: 'Wo fehlt etwas?' }
			}
		]
	};
}

describeEachDatabase('survey results: counted in SQL = counted in JS', (get) => {
	const db = () => get().db;

	it('every question type, filters, cross-tab, reach and protected breakdowns agree', async () => {
		const tree = await insertAreaTree(db(), 'ag');
		const { found, manager } = await surveyFixture(
			db(),
			{ accessMode: 'anyone', anonymous: true },
			'ag-quartier'
		);
		const surveyId = found.survey.id;
		const def = definition('ag-quartier');
		const saved = await saveQuestionnaireDefinition(ctxFor(db(), manager), surveyId, def);
		expect(saved.ok).toBe(true);
		// Quartier A: 30, B: 2 (suppressed), C: 17; 'keine Angabe', "Sonstiges" texts, blank texts
		const plan: [string, number][] = [
			[tree.quartierA, 30],
			[tree.quartierB, 2],
			[tree.quartierC, 17]
		];
		let i = 0;
		const rows = [];
		for (const [areaId, n] of plan)
			for (let j = 0; j < n; j++, i++) {
				const zufr = String((i % 4) + 1 > 3 ? '_other' : (i % 4) + 1);
				rows.push({
					survey_id: surveyId,
					channel: i % 3 === 0 ? 'paper' : 'online',
					answered_on: `2026-05-${String(1 + ((i * 7) % 28)).padStart(2, '0')}`,
					complete: true,
					answers: JSON.stringify({
						WOHNORT: { type: 'area', areaId },
						ZUFR:
							zufr === '_other'
								? { type: 'single_choice', choice: '_other', other: i % 8 === 3 ? '' : `Anders ${i}` }
								: { type: 'single_choice', choice: zufr },
						...(zufr === '3' ? { WARUM: { type: 'long_text', text: i % 5 ? `Zu laut ${i}` : '  ' } } : {}),
						...(i % 7 === 6
							? {}
							: {
									MEHR: {
										type: 'multiple_choice',
										choices: i % 2 ? ['baenke', '_other'] : ['baeume', 'licht'],
										...(i % 2 ? { other: `Spielplatz ${i}` } : {})
									}
								}),
						NOTE: { type: 'scale', value: i % 6 === 0 ? null : (i % 5) + 1 },
						MATRIX: {
							type: 'matrix',
							rows: i % 4 === 0 ? { laerm: 'gut' } : { laerm: 'schlecht', gruen: i % 2 ? 'mittel' : 'gut' }
						},
						RANG: { type: 'ranking', order: i % 2 ? ['b', 'a', 'c'] : ['c', 'b'] },
						JA: { type: 'yes_no', yes: i % 3 === 1 },
						BETRAG: { type: 'number', number: 0.1 * i + 1.15 },
						SEIT: { type: 'date', date: `20${10 + (i % 15)}-0${1 + (i % 9)}-1${i % 10}` },
						...(i % 4 === 1 ? { NAME: { type: 'short_text', text: `Hauptstraße ${i}` } } : {}),
						...(i % 5 === 0
							? {
									ORT: {
										type: 'map',
										geometries: [
											{ type: 'Point', coordinates: [7.1, 51.2] },
											...(i % 10 === 0 ? [{ type: 'Point', coordinates: [7.2, 51.3] }] : [])
										]
									}
								}
							: {})
					})
				});
			}
		await db().insertInto('survey_response').values(rows).execute();
		// an unfinished response and a response of another type under a key are never counted as such
		await db()
			.insertInto('survey_response')
			.values([
				{ survey_id: surveyId, answered_on: '2026-05-02', complete: false, answers: '{}' },
				{
					survey_id: surveyId,
					answered_on: '2026-05-03',
					complete: true,
					answers: JSON.stringify({ NOTE: { type: 'short_text', text: 'falsch' } })
				}
			])
			.execute();

		const rules = { minCount: 3, minPopulation: 0 };
		const data = await loadSurveyData(db(), surveyId, def);
		const filters: ResultFilter[] = [
			{},
			{ channel: 'paper' },
			{ from: '2026-05-05', to: '2026-05-20' },
			{ areaId: tree.nord },
			{ areaId: tree.quartierB },
			{ answer: { question: 'ZUFR', code: '_other' } },
			{ answer: { question: 'MEHR', code: 'baenke' }, channel: 'online' },
			{ answer: { question: 'JA', code: 'yes' } },
			{ answer: { question: 'NOTE', code: '2' } }
		];
		const breakdowns = [
			undefined,
			{ question: 'ZUFR', level: 'ag-quartier' },
			{ question: 'MEHR', level: 'ag-stadtteil' },
			{ question: 'NOTE', level: 'ag-quartier' },
			{ question: 'JA', level: 'ag-bezirk' }
		];
		let suppressed = 0;
		for (const filter of filters)
			for (const breakdown of breakdowns) {
				// the SQL path counts; the drawn places of map answers stay with the JS path
				const { mapAnswers: _places, ...expected } = computeSurveyResults(def, data, {
					filter,
					rules,
					breakdown
				});
				const { frame, ...actual } = await aggregateSurveyResults(db(), surveyId, def, {
					filter,
					rules,
					breakdown
				});
				expect(actual, JSON.stringify({ filter, breakdown })).toEqual(expected);
				expect(frame.areas.length).toBe(data.areas.length);
				suppressed += expected.breakdown?.suppressedCells ?? 0;
				suppressed += expected.reach.filter((r) => r.hidden).length;
			}
		// the comparison covered real content: all responses, other texts, hidden cells
		const all = computeSurveyResults(def, data, { rules });
		expect(all.results.total).toBe(50);
		const zufr = all.results.questions.find((q) => q.key === 'ZUFR');
		expect(zufr?.type === 'single_choice' && zufr.otherTexts.length).toBeGreaterThan(3);
		expect(suppressed).toBeGreaterThan(0);
	});
});
