// The demo seed's surveys: a closed resident survey with a few hundred responses across areas and
// channels, and a running survey; removing the demo removes them (questionnaires too).
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { removeDemo, seedDemo } from '../../../src/lib/server/demo';
import { listSurveys } from '../../../src/lib/server/surveys';
import { DEMO_RESIDENT_RESPONSES } from '../../../src/lib/server/surveys/demo';
import { surveyStats } from '../../../src/lib/server/surveys/stats';
import { describeEachDatabase } from '../helpers/db';

describeEachDatabase('surveys: demo seed', (get) => {
	it('seeds a completed survey and three running ones, data only, and removes them', async () => {
		await seedDemo(get());
		const db = get().db;
		const surveys = (await listSurveys(db)).sort((a, b) => b.completeResponses - a.completeResponses);
		expect(surveys.map((s) => [s.consultationSlug, s.status, s.completeResponses])).toEqual([
			['marktplatz-altstadt', 'closed', DEMO_RESIDENT_RESPONSES],
			['gruene-wege-musterstadt', 'open', 24],
			['gruene-wege-musterstadt', 'open', 0],
			['gruene-wege-musterstadt', 'open', 0]
		]);
		const channels = await db
			.selectFrom('survey_response')
			.select('channel')
			.distinct()
			.where('survey_id', '=', surveys[0].id)
			.execute();
		expect(channels.map((c) => c.channel).sort()).toEqual([
			'interview',
			'online',
			'paper',
			'phone',
			'workshop'
		]);
		const perArea = await surveyStats[0].countPerArea(db, { consultationIds: [surveys[0].consultationId] });
		expect(new Set(perArea.map((r) => r.areaId)).size).toBeGreaterThan(5);
		await removeDemo(get());
		const { rows } = await sql<{
			n: number;
		}>`select (select count(*)::int from qk.survey) + (select count(*)::int from qk.questionnaire) as n`.execute(
			db
		);
		expect(rows[0].n).toBe(0);
	});
});
