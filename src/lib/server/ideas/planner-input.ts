// Planner workspace (issue 12): the published ideas of an area with their official status, filtered
// by consultation, period and a German full-text search (the stored `search` vector), newest first.
// Ideas are posted online; the analog filter finds none.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/types';
import type { ParticipationHooks, PlannerInputFilter } from '../participation/component';
import { IDEA_ITEM, ideaPath } from './queries';

function filtered(db: Kysely<DB>, areaId: string, filter: PlannerInputFilter) {
	return db
		.selectFrom('idea as i')
		.innerJoin('consultation as k', 'k.id', 'i.consultation_id')
		.leftJoin('consultation_category as cat', 'cat.id', 'i.category_id')
		.where('i.status', '=', 'published')
		.where((eb) =>
			eb.exists(
				eb
					.selectFrom('idea_area as ia')
					.select('ia.idea_id')
					.whereRef('ia.idea_id', '=', 'i.id')
					.where('ia.area_id', '=', areaId)
			)
		)
		.$if(filter.channel === 'analog', (q) => q.where(sql<boolean>`false`))
		.$if(!!filter.consultationId, (q) => q.where('i.consultation_id', '=', filter.consultationId!))
		.$if(!!filter.from, (q) => q.where('i.created_at', '>=', filter.from!))
		.$if(!!filter.to, (q) => q.where('i.created_at', '<', filter.to!))
		.$if(!!filter.q, (q) => q.where(sql<boolean>`i.search @@ plainto_tsquery('german', ${filter.q!})`));
}

export const ideaPlannerInput: NonNullable<ParticipationHooks['plannerInput']> = async (
	db,
	areaId,
	filter
) => {
	const [rows, total, byCategory] = await Promise.all([
		filtered(db, areaId, filter)
			.leftJoin('outcome as o', (j) => j.onRef('o.item_id', '=', 'i.id').on('o.item_type', '=', IDEA_ITEM))
			.select([
				'i.id',
				'i.title',
				'i.body',
				'i.created_at',
				'cat.name as category',
				'k.slug',
				'k.title as ktitle',
				'o.status'
			])
			.orderBy('i.created_at', 'desc')
			.orderBy('i.id')
			.limit(filter.limit)
			.execute(),
		filtered(db, areaId, filter)
			.select(sql<number>`count(*)::int`.as('n'))
			.executeTakeFirst(),
		filtered(db, areaId, filter)
			.select(['cat.name as category', sql<number>`count(*)::int`.as('n')])
			.groupBy('cat.name')
			.execute()
	]);
	return {
		entries: rows.map((r) => ({
			itemType: IDEA_ITEM,
			itemId: r.id,
			kindKey: 'ideas.kind.idea',
			title: r.title,
			text: r.body,
			category: r.category,
			channel: 'online' as const,
			consultationTitle: r.ktitle,
			createdAt: new Date(r.created_at),
			statusKey: `outcomes.status.${r.status ?? 'received'}`,
			path: ideaPath(r.slug, r.id)
		})),
		total: Number(total?.n ?? 0),
		byCategory: byCategory.map((r) => ({
			category: r.category ?? '',
			channel: 'online' as const,
			count: Number(r.n)
		}))
	};
};
