// "Who was reached": people who came to events, per area of residence (when asked at registration)
// and every area above it, channel 'workshop' (analog). Counts only; the statistics apply the
// small-number rule where published.
import { sql } from 'kysely';
import type { StatDefinition } from '../participation/component';

export const eventStats: StatDefinition[] = [
	{
		key: 'events_attendance',
		labelKey: 'events.stats.attendance',
		figure: 'workshopAttendance',
		async countPerArea(db, filter) {
			const consultation = filter.consultationIds?.length
				? sql`and e.consultation_id in (${sql.join(filter.consultationIds.map((id) => sql`${id}::uuid`))})`
				: sql``;
			const from = filter.from ? sql`and o.starts_at >= ${filter.from.toISOString()}::timestamptz` : sql``;
			const to = filter.to ? sql`and o.starts_at < ${filter.to.toISOString()}::timestamptz` : sql``;
			// The area of residence is one area; it counts there and in every area above it.
			const result = await sql<{ area_id: string; count: number }>`
				with recursive regs as (
					select r.id, r.area_id
					from qk.event_registration r
					join qk.event_occurrence o on o.id = r.occurrence_id
					join qk.event e on e.id = o.event_id
					where r.status = 'registered' and r.area_id is not null
						and (r.attended = true or r.attended is null)
						${consultation} ${from} ${to}
				), up (id, area_id, depth) as (
					select id, area_id, 0 from regs
					union all
					select up.id, a.parent_id, up.depth + 1
					from up join qk.area a on a.id = up.area_id
					where a.parent_id is not null and up.depth < 32
				)
				select area_id, count(*)::int as count from up group by area_id`.execute(db);
			return result.rows.map((r) => ({
				areaId: String(r.area_id),
				channel: 'workshop',
				count: Number(r.count)
			}));
		}
	}
];
