// "Who was reached": published ideas per area (every level they lie in), for the participation
// statistics. Counts only; the statistics pages apply the small-number rule.
import { sql } from 'kysely';
import type { StatDefinition } from '../participation/component';

export const ideaStats: StatDefinition[] = [
	{
		key: 'ideas',
		labelKey: 'ideas.module.title',
		async countPerArea(db, filter) {
			const rows = await db
				.selectFrom('idea_area as ia')
				.innerJoin('idea as i', 'i.id', 'ia.idea_id')
				.select(['ia.area_id', sql<number>`count(*)::int`.as('count')])
				.where('i.status', '=', 'published')
				.$if(filter.consultationId !== undefined, (q) => q.where('i.consultation_id', '=', filter.consultationId!))
				.groupBy('ia.area_id')
				.execute();
			return rows.map((r) => ({ areaId: r.area_id, channel: 'online', count: r.count }));
		}
	}
];
