// "Who was reached": published map contributions per area (every level they were assigned to) and
// channel, for the participation statistics. Counts only; small-number rules apply where published.
import { sql } from 'kysely';
import type { StatDefinition } from '../participation/component';

export const contributionStats: StatDefinition[] = [
	{
		key: 'map_comments',
		labelKey: 'consultations.page.contributions',
		figure: 'contributions',
		async countPerArea(db, filter) {
			const rows = await db
				.selectFrom('contribution_area as ca')
				.innerJoin('contribution as c', 'c.id', 'ca.contribution_id')
				.select(['ca.area_id', 'c.channel', sql<number>`count(*)::int`.as('count')])
				.where('c.kind', '=', 'map_comment')
				.where('c.status', '=', 'published')
				.$if(!!filter.consultationIds?.length, (q) =>
					q.where('c.consultation_id', 'in', filter.consultationIds!)
				)
				.$if(filter.from !== undefined, (q) => q.where('c.created_at', '>=', filter.from!))
				.$if(filter.to !== undefined, (q) => q.where('c.created_at', '<', filter.to!))
				.groupBy(['ca.area_id', 'c.channel'])
				.execute();
			return rows.map((r) => ({ areaId: r.area_id, channel: r.channel, count: r.count }));
		}
	}
];
