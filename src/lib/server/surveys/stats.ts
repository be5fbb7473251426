// "Wer wurde erreicht?": complete responses per area (every level) and channel.
import { sql } from 'kysely';
import type { StatDefinition } from '../participation/component';

export const surveyStats: StatDefinition[] = [
	{
		key: 'surveys',
		labelKey: 'surveys.stats.responses',
		async countPerArea(db, filter) {
			const rows = await db
				.selectFrom('survey_response_area as a')
				.innerJoin('survey_response as r', 'r.id', 'a.response_id')
				.innerJoin('survey as s', 's.id', 'r.survey_id')
				.select(['a.area_id', 'r.channel', sql<number>`count(distinct r.id)::int`.as('n')])
				.where('r.complete', '=', true)
				.$if(!!filter.consultationId, (q) => q.where('s.consultation_id', '=', filter.consultationId!))
				.groupBy(['a.area_id', 'r.channel'])
				.execute();
			return rows.map((r) => ({ areaId: r.area_id, channel: r.channel, count: Number(r.n) }));
		}
	}
];
