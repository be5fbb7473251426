// "Wer wurde erreicht?": complete responses per area (every level) and channel (paper and interview
// count as analog). A response that names no area (no area or map answer) to a survey tied to an area
// (a door-to-door survey in one quarter) counts for that area and every area above it.
import { sql } from 'kysely';
import type { StatDefinition } from '../participation/component';

export const surveyStats: StatDefinition[] = [
	{
		key: 'surveys',
		labelKey: 'surveys.stats.responses',
		figure: 'surveyResponses',
		async countPerArea(db, filter) {
			const day = (d: Date) => d.toISOString().slice(0, 10);
			const named = db
				.selectFrom('survey_response_area as a')
				.innerJoin('survey_response as r', 'r.id', 'a.response_id')
				.innerJoin('survey as s', 's.id', 'r.survey_id')
				.select(['a.area_id', 'r.channel', sql<number>`count(distinct r.id)::int`.as('n')])
				.where('r.complete', '=', true)
				.$if(!!filter.consultationIds?.length, (q) =>
					q.where('s.consultation_id', 'in', filter.consultationIds!)
				)
				.$if(filter.from !== undefined, (q) => q.where('r.answered_on', '>=', day(filter.from!)))
				.$if(filter.to !== undefined, (q) => q.where('r.answered_on', '<', day(filter.to!)))
				.groupBy(['a.area_id', 'r.channel'])
				.execute();
			const consultations = filter.consultationIds?.length ? [...filter.consultationIds] : null;
			const tied = sql<{ area_id: string; channel: string; n: number }>`
				with recursive up (start_id, id, parent_id, depth) as (
					select a.id, a.id, a.parent_id, 0 from qk.area a
					where a.id in (select area_id from qk.survey where area_id is not null)
					union all
					select up.start_id, p.id, p.parent_id, up.depth + 1
					from up join qk.area p on p.id = up.parent_id where up.depth < 32
				)
				select up.id as area_id, r.channel, count(distinct r.id)::int as n
				from qk.survey_response r
				join qk.survey s on s.id = r.survey_id
				join up on up.start_id = s.area_id
				where r.complete
					and not exists (select 1 from qk.survey_response_area x where x.response_id = r.id)
					${consultations ? sql`and s.consultation_id = any(${consultations}::uuid[])` : sql``}
					${filter.from !== undefined ? sql`and r.answered_on >= ${day(filter.from)}::date` : sql``}
					${filter.to !== undefined ? sql`and r.answered_on < ${day(filter.to)}::date` : sql``}
				group by up.id, r.channel`.execute(db);
			const [a, b] = await Promise.all([named, tied]);
			return [...a, ...b.rows].map((r) => ({ areaId: r.area_id, channel: r.channel, count: Number(r.n) }));
		}
	}
];
