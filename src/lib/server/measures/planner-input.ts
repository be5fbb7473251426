// Planner workspace (issue 12): the published measures of an area and the areas inside it (what was
// done with residents' input), filtered by consultation, period (publication, else creation) and a
// German full-text search over title, description and who is responsible. Measures are not input of
// any channel: a channel filter leaves them out.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/types';
import type { ParticipationHooks, PlannerInputFilter } from '../participation/component';
import { MEASURE_ITEM_TYPE, measurePath } from '../../measures/types';

const at = sql<Date>`coalesce(m.published_at, m.created_at)`;

function filtered(db: Kysely<DB>, areaId: string, filter: PlannerInputFilter) {
	const areaIds = filter.areaIds?.length ? [...filter.areaIds] : [areaId];
	return db
		.selectFrom('measure as m')
		.leftJoin('consultation as k', 'k.id', 'm.consultation_id')
		.where('m.status', '=', 'published')
		.where((eb) =>
			eb.exists(
				eb
					.selectFrom('measure_area as ma')
					.select('ma.measure_id')
					.whereRef('ma.measure_id', '=', 'm.id')
					.where('ma.area_id', 'in', areaIds)
			)
		)
		.$if(!!filter.channel, (q) => q.where(sql<boolean>`false`))
		.$if(!!filter.consultationId, (q) => q.where('m.consultation_id', '=', filter.consultationId!))
		.$if(!!filter.from, (q) => q.where(at, '>=', filter.from!))
		.$if(!!filter.to, (q) => q.where(at, '<', filter.to!))
		.$if(!!filter.q, (q) =>
			q.where(
				sql<boolean>`to_tsvector('german', m.title || ' ' || m.description || ' ' || m.responsible) @@ plainto_tsquery('german', ${filter.q!})`
			)
		);
}

export const measurePlannerInput: NonNullable<ParticipationHooks['plannerInput']> = async (
	db,
	areaId,
	filter
) => {
	const [rows, total] = await Promise.all([
		filtered(db, areaId, filter)
			.select(['m.id', 'm.title', 'm.description', 'm.responsible', 'm.progress', 'k.title as ktitle'])
			.select(at.as('at'))
			.orderBy(at, 'desc')
			.orderBy('m.id')
			.limit(filter.limit)
			.execute(),
		filtered(db, areaId, filter)
			.select(sql<number>`count(*)::int`.as('n'))
			.executeTakeFirst()
	]);
	return {
		entries: rows.map((r) => ({
			itemType: MEASURE_ITEM_TYPE,
			itemId: r.id,
			kindKey: 'measures.kind',
			title: r.title,
			text: r.description,
			category: null,
			channel: null,
			consultationTitle: r.ktitle ?? '',
			createdAt: new Date(r.at),
			statusKey: null,
			path: measurePath(r.id),
			progress: r.progress,
			detail: r.responsible
		})),
		total: Number(total?.n ?? 0)
	};
};
