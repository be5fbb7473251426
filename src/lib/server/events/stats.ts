// "Who was reached": people who came to events, per area of residence (when asked at registration),
// channel 'workshop'. Counts only; the statistics apply the small-number rule where published.
import { sql } from 'kysely';
import type { StatDefinition } from '../participation/component';

export const eventStats: StatDefinition[] = [
	{
		key: 'events_attendance',
		labelKey: 'events.stats.attendance',
		async countPerArea(db, filter) {
			const rows = await db
				.selectFrom('event_registration as r')
				.innerJoin('event_occurrence as o', 'o.id', 'r.occurrence_id')
				.innerJoin('event as e', 'e.id', 'o.event_id')
				.select(['r.area_id', sql<number>`count(*)::int`.as('count')])
				.where('r.status', '=', 'registered')
				.where('r.area_id', 'is not', null)
				.where((eb) => eb.or([eb('r.attended', '=', true), eb('r.attended', 'is', null)]))
				.$if(filter.consultationId !== undefined, (q) =>
					q.where('e.consultation_id', '=', filter.consultationId!)
				)
				.groupBy('r.area_id')
				.execute();
			return rows.map((r) => ({ areaId: r.area_id!, channel: 'workshop', count: r.count }));
		}
	}
];
