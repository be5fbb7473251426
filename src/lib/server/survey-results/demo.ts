// Demo city: the completed (closed) demo surveys get published results — every question with answer
// options, broken down by the finest area level that responses name, with responses per area.
import type { Kysely } from 'kysely';
import type { DB } from '../db/types';
import { parseDefinition } from '../surveys';
import { canBreakDown } from './compute';

export async function publishDemoSurveyResults(trx: Kysely<DB>, now: Date): Promise<void> {
	const surveys = await trx
		.selectFrom('survey as s')
		.innerJoin('questionnaire as q', 'q.id', 's.questionnaire_id')
		.select(['s.id', 'q.definition'])
		.where('s.is_demo', '=', true)
		.where('s.status', '=', 'closed')
		.execute();
	for (const s of surveys) {
		const definition = parseDefinition(s.definition);
		const questions = definition.questions.filter(canBreakDown).map((q) => q.key);
		const areaQuestion = definition.questions.find((q) => q.type === 'area');
		if (questions.length === 0) continue;
		const levels = areaQuestion?.type === 'area' ? [areaQuestion.level] : [];
		const values = {
			questions: JSON.stringify(questions),
			breakdown_levels: JSON.stringify(levels),
			reach: true,
			published_at: now,
			published_by: null
		};
		await trx
			.insertInto('survey_publication')
			.values({ survey_id: s.id, ...values })
			.onConflict((oc) => oc.column('survey_id').doUpdateSet(values))
			.execute();
	}
}
