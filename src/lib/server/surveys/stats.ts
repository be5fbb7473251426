// "Wer wurde erreicht?": complete responses per area (every level) and channel (paper and interview
// count as analog).
import { sql } from 'kysely';
import type { StatDefinition } from '../participation/component';

export const surveyStats: StatDefinition[] = [
	{
		key: 'surveys',
		labelKey: 'surveys.stats.responses',
		figure: 'surveyResponses',
		async countPerArea(db, filter) {
			const rows = await db
				.selectFrom('survey_response_area as a')
				.innerJoin('survey_response as r', 'r.id', 'a.response_id')
				.innerJoin('survey as s', 's.id', 'r.survey_id')
				.select(['a.area_id', 'r.channel', sql<number>`count(distinct r.id)::int`.as('n')])
				.where('r.complete', '=', true)
				.$if(!!filter.consultationIds?.length, (q) =>
					q.where('s.consultation_id', 'in', filter.consultationIds!)
				)
				.$if(filter.from !== undefined, (q) =>
					q.where('r.answered_on', '>=', filter.from!.toISOString().slice(0, 10))
				)
				.$if(filter.to !== undefined, (q) =>
					q.where('r.answered_on', '<', filter.to!.toISOString().slice(0, 10))
				)
				.groupBy(['a.area_id', 'r.channel'])
				.execute();
			return rows.map((r) => ({ areaId: r.area_id, channel: r.channel, count: Number(r.n) }));
		}
	}
];
