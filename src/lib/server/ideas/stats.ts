// "Who was reached": published ideas per area (every level they lie in), and the supports they got
// (issue 12), for the participation statistics. Counts only; the statistics pages apply the
// small-number rule.
import { sql } from 'kysely';
import type { StatDefinition } from '../participation/component';

export const ideaStats: StatDefinition[] = [
	{
		key: 'ideas',
		labelKey: 'ideas.module.title',
		figure: 'contributions',
		async countPerArea(db, filter) {
			const rows = await db
				.selectFrom('idea_area as ia')
				.innerJoin('idea as i', 'i.id', 'ia.idea_id')
				.select(['ia.area_id', sql<number>`count(*)::int`.as('count')])
				.where('i.status', '=', 'published')
				.$if(!!filter.consultationIds?.length, (q) =>
					q.where('i.consultation_id', 'in', filter.consultationIds!)
				)
				.$if(filter.from !== undefined, (q) => q.where('i.created_at', '>=', filter.from!))
				.$if(filter.to !== undefined, (q) => q.where('i.created_at', '<', filter.to!))
				.groupBy('ia.area_id')
				.execute();
			return rows.map((r) => ({ areaId: r.area_id, channel: 'online', count: r.count }));
		}
	},
	{
		// Supports are given online by signed-in people; they count in the areas of the idea.
		key: 'idea_supports',
		labelKey: 'planning.figure.supports',
		figure: 'supports',
		async countPerArea(db, filter) {
			const rows = await db
				.selectFrom('idea_support as s')
				.innerJoin('idea as i', 'i.id', 's.idea_id')
				.innerJoin('idea_area as ia', 'ia.idea_id', 'i.id')
				.select(['ia.area_id', sql<number>`count(*)::int`.as('count')])
				.where('i.status', '=', 'published')
				.$if(!!filter.consultationIds?.length, (q) =>
					q.where('i.consultation_id', 'in', filter.consultationIds!)
				)
				.$if(filter.from !== undefined, (q) => q.where('s.created_at', '>=', filter.from!))
				.$if(filter.to !== undefined, (q) => q.where('s.created_at', '<', filter.to!))
				.groupBy('ia.area_id')
				.execute();
			return rows.map((r) => ({ areaId: r.area_id, channel: 'online', count: r.count }));
		}
	}
];
