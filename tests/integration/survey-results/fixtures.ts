// A survey with area, choice, scale, map and text questions and responses placed in areas, inserted
// as the engine stores them (survey_response + survey_response_area at every level).
import type { Kysely } from 'kysely';
import type { QuestionnaireDefinition } from '../../../src/lib/questionnaire/definition';
import type { DB } from '../../../src/lib/server/db/types';
import { saveQuestionnaireDefinition } from '../../../src/lib/server/surveys';
import { insertAreaTree } from '../helpers/roles-fixtures';
import { ctxFor, surveyFixture } from '../surveys/fixtures';

export function resultsDefinition(level: string): QuestionnaireDefinition {
	return {
		version: 1,
		questions: [
			{ key: 'WOHNORT', type: 'area', level, map: false, required: true, text: { de: 'Wo wohnen Sie?' } },
			{
				key: 'ZUFR',
				type: 'single_choice',
				display: 'radio',
				other: false,
				required: true,
				text: { de: 'Wie zufrieden sind Sie mit Ihrem Quartier?' },
				options: [
					{ code: '1', label: { de: 'sehr zufrieden' } },
					{ code: '2', label: { de: 'wenig zufrieden' } }
				]
			},
			{
				key: 'MEHR',
				type: 'multiple_choice',
				other: false,
				required: false,
				text: { de: 'Was fehlt?' },
				options: [
					{ code: 'baenke', label: { de: 'Bänke' } },
					{ code: 'baeume', label: { de: 'Bäume' } }
				]
			},
			{
				key: 'ORT',
				type: 'map',
				geometry: ['point'],
				maxFeatures: 1,
				required: false,
				text: { de: 'Wo fehlt etwas?' }
			},
			{ key: 'ALTER', type: 'number', integer: true, required: false, text: { de: 'Alter' } },
			{ key: 'WARUM', type: 'long_text', required: false, text: { de: 'Warum?' } }
		]
	};
}

export async function resultsFixture(db: Kysely<DB>, prefix: string) {
	const tree = await insertAreaTree(db, prefix);
	const { found, manager, slug } = await surveyFixture(
		db,
		{ accessMode: 'anyone', anonymous: true },
		`${prefix}-quartier`
	);
	const surveyId = found.survey.id;
	const saved = await saveQuestionnaireDefinition(
		ctxFor(db, manager),
		surveyId,
		resultsDefinition(`${prefix}-quartier`)
	);
	if (!saved.ok) throw new Error(JSON.stringify(saved));
	const ancestry: Record<string, string[]> = {
		[tree.quartierA]: [tree.quartierA, tree.altstadt, tree.nord, tree.city],
		[tree.quartierB]: [tree.quartierB, tree.altstadt, tree.nord, tree.city],
		[tree.quartierC]: [tree.quartierC, tree.hafen, tree.sued, tree.city]
	};
	// Quartier A: 10 (4 on paper), Quartier B: 2 (to be hidden), Quartier C: 8
	const plan: [string, number, 'online' | 'paper'][] = [
		[tree.quartierA, 6, 'online'],
		[tree.quartierA, 4, 'paper'],
		[tree.quartierB, 2, 'online'],
		[tree.quartierC, 8, 'online']
	];
	let i = 0;
	for (const [areaId, n, channel] of plan) {
		for (let j = 0; j < n; j++, i++) {
			const answers = {
				WOHNORT: { type: 'area', areaId },
				ZUFR: { type: 'single_choice', choice: i % 3 === 0 ? '2' : '1' },
				MEHR: { type: 'multiple_choice', choices: i % 2 ? ['baenke'] : ['baenke', 'baeume'] },
				ALTER: { type: 'number', number: 20 + i },
				...(i % 5 === 0
					? { ORT: { type: 'map', geometries: [{ type: 'Point', coordinates: [7.1 + i / 100, 51.2] }] } }
					: {}),
				...(i === 1 ? { WARUM: { type: 'long_text', text: 'Zu wenig Schatten, „leider“' } } : {})
			};
			const row = await db
				.insertInto('survey_response')
				.values({
					survey_id: surveyId,
					channel,
					answered_on: `2026-05-${String(1 + (i % 20)).padStart(2, '0')}`,
					complete: true,
					answers: JSON.stringify(answers)
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			const links = [
				...ancestry[areaId].map((a) => ({ response_id: row.id, question_key: 'WOHNORT', area_id: a })),
				...('ORT' in answers
					? ancestry[areaId].map((a) => ({ response_id: row.id, question_key: 'ORT', area_id: a }))
					: [])
			];
			await db.insertInto('survey_response_area').values(links).execute();
		}
	}
	// an unfinished response is never counted
	await db
		.insertInto('survey_response')
		.values({
			survey_id: surveyId,
			channel: 'online',
			answered_on: '2026-05-02',
			complete: false,
			answers: '{}'
		})
		.execute();
	return { tree, surveyId, manager, slug, definition: resultsDefinition(`${prefix}-quartier`) };
}
