// Planner workspace (issue 12): the published map comments of an area (not replies), filtered by
// consultation, period, channel and a German full-text search, newest first, with counts per category
// and channel. Results entered from a workshop are named as such. No author names leave this function.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/types';
import type { ParticipationHooks, PlannerInputFilter } from '../participation/component';
import { CONTRIBUTION_ITEM_TYPE } from './outcomes';

function filtered(db: Kysely<DB>, areaId: string, filter: PlannerInputFilter) {
	return db
		.selectFrom('contribution as c')
		.innerJoin('consultation as k', 'k.id', 'c.consultation_id')
		.leftJoin('consultation_category as cat', 'cat.id', 'c.category_id')
		.where('c.kind', '=', 'map_comment')
		.where('c.status', '=', 'published')
		.where((eb) =>
			eb.exists(
				eb
					.selectFrom('contribution_area as ca')
					.select('ca.contribution_id')
					.whereRef('ca.contribution_id', '=', 'c.id')
					.where('ca.area_id', '=', areaId)
			)
		)
		.$if(!!filter.consultationId, (q) => q.where('c.consultation_id', '=', filter.consultationId!))
		.$if(!!filter.from, (q) => q.where('c.created_at', '>=', filter.from!))
		.$if(!!filter.to, (q) => q.where('c.created_at', '<', filter.to!))
		.$if(filter.channel === 'online', (q) => q.where('c.channel', '=', 'online'))
		.$if(filter.channel === 'analog', (q) => q.where('c.channel', '!=', 'online'))
		.$if(!!filter.q, (q) =>
			q.where(sql<boolean>`to_tsvector('german', c.body) @@ plainto_tsquery('german', ${filter.q!})`)
		);
}

export const contributionPlannerInput: NonNullable<ParticipationHooks['plannerInput']> = async (
	db,
	areaId,
	filter
) => {
	const [rows, total, byCategory] = await Promise.all([
		filtered(db, areaId, filter)
			.select([
				'c.id',
				'c.body',
				'c.channel',
				'c.created_at',
				'c.event_id',
				'cat.name as category',
				'k.slug',
				'k.title'
			])
			.leftJoin('outcome as o', (j) =>
				j.onRef('o.item_id', '=', 'c.id').on('o.item_type', '=', CONTRIBUTION_ITEM_TYPE)
			)
			.select('o.status as outcome')
			.orderBy('c.created_at', 'desc')
			.orderBy('c.id')
			.limit(filter.limit)
			.execute(),
		filtered(db, areaId, filter)
			.select(sql<number>`count(*)::int`.as('n'))
			.executeTakeFirst(),
		filtered(db, areaId, filter)
			.select([
				'cat.name as category',
				sql<string>`case when c.channel = 'online' then 'online' else 'analog' end`.as('ch'),
				sql<number>`count(*)::int`.as('n')
			])
			.groupBy(['cat.name', sql`case when c.channel = 'online' then 'online' else 'analog' end`])
			.execute()
	]);
	return {
		entries: rows.map((r) => ({
			itemType: CONTRIBUTION_ITEM_TYPE,
			itemId: r.id,
			// entered from a workshop's results (channel 'workshop', linked to the event)
			kindKey: r.event_id ? 'planning.kind.workshopResult' : 'planning.kind.contribution',
			title: null,
			text: r.body,
			category: r.category,
			channel: r.channel === 'online' ? 'online' : 'analog',
			consultationTitle: r.title,
			createdAt: new Date(r.created_at),
			statusKey: r.outcome ? `outcomes.status.${r.outcome}` : null,
			path: `/beteiligung/${r.slug}/beitrag/${r.id}`
		})),
		total: Number(total?.n ?? 0),
		byCategory: byCategory.map((r) => ({
			category: r.category ?? '',
			channel: r.ch === 'online' ? 'online' : 'analog',
			count: Number(r.n)
		}))
	};
};
