// Ideas in following, notifications, measures and "Was passiert in meinem Quartier?" (issue 10):
// public summaries (published ideas of public consultations) and the area roll-up with each idea's
// official status and latest response.
import type { Kysely } from 'kysely';
import type { DB } from '../db/types';
import type { AreaActivityEntry, AreaActivityOptions, ItemSummaryAdapter } from '../participation/component';
import { getIdeaSummaries, IDEA_ITEM, ideaPath } from './queries';

const PUBLIC = ['published', 'closed', 'archived'];

export const ideaSummaries: ItemSummaryAdapter = {
	itemType: IDEA_ITEM,
	kindKey: 'ideas.kind.idea',
	async summaries(db, itemIds) {
		const ids = itemIds.filter((id) => /^[0-9a-f-]{36}$/i.test(id));
		const found = ids.length ? await getIdeaSummaries(db, ids) : new Map();
		const areas = found.size
			? await db
					.selectFrom('idea_area')
					.select(['idea_id', 'area_id'])
					.where('idea_id', 'in', [...found.keys()])
					.execute()
			: [];
		return new Map(
			[...found.values()].map((s) => [
				s.id,
				{
					itemType: IDEA_ITEM,
					id: s.id,
					title: s.title,
					path: s.path,
					consultationId: s.consultationId,
					areaIds: areas.filter((a) => a.idea_id === s.id).map((a) => a.area_id)
				}
			])
		);
	}
};

/** Published ideas in these areas, newest change (post or response) first. */
export async function ideaAreaActivity(
	db: Kysely<DB>,
	areaIds: readonly string[],
	options: AreaActivityOptions
): Promise<AreaActivityEntry[]> {
	if (areaIds.length === 0) return [];
	const consultationIds = options.consultationIds;
	if (consultationIds && consultationIds.length === 0) return [];
	const rows = await db
		.selectFrom('idea as i')
		.innerJoin('consultation as c', 'c.id', 'i.consultation_id')
		.leftJoin('outcome as o', (j) => j.onRef('o.item_id', '=', 'i.id').on('o.item_type', '=', IDEA_ITEM))
		.select(['i.id', 'i.title', 'i.created_at', 'c.slug', 'o.status', 'o.updated_at'])
		.select((eb) =>
			eb
				.selectFrom('outcome_response as r')
				.select('r.response_text')
				.whereRef('r.item_id', '=', 'i.id')
				.where('r.item_type', '=', IDEA_ITEM)
				.orderBy('r.created_at', 'desc')
				.limit(1)
				.as('response')
		)
		.where('i.status', '=', 'published')
		.where('c.status', 'in', PUBLIC)
		.where((eb) =>
			eb.exists(
				eb
					.selectFrom('idea_area as ia')
					.select('ia.idea_id')
					.whereRef('ia.idea_id', '=', 'i.id')
					.where('ia.area_id', 'in', [...areaIds])
			)
		)
		.$if(!!consultationIds, (q) => q.where('i.consultation_id', 'in', [...consultationIds!]))
		.orderBy((eb) => eb.fn.coalesce('o.updated_at', 'i.created_at'), 'desc')
		.limit(options.limit)
		.execute();
	return rows.map((r) => ({
		itemType: IDEA_ITEM,
		itemId: r.id,
		kindKey: 'ideas.kind.idea',
		title: r.title,
		path: ideaPath(r.slug, r.id),
		at: new Date(r.updated_at ?? r.created_at),
		statusKey: `outcomes.status.${r.status ?? 'received'}`,
		response: r.response || null
	}));
}
