// Map contributions in the roll-up "Was passiert in meinem Quartier?" (answered ones, with status and
// latest response) and as public summaries for measures, following and notifications. Only published
// map comments (not replies) of public consultations.
import type { Kysely } from 'kysely';
import type { DB } from '../db/types';
import type { AreaActivityEntry, ItemSummary, ItemSummaryAdapter } from '../participation/component';
import { CONTRIBUTION_ITEM_TYPE } from './outcomes';

const TITLE = 90;

function shortTitle(body: string): string {
	const text = body.replace(/\s+/g, ' ').trim();
	return text.length > TITLE ? `${text.slice(0, TITLE - 1)}…` : text;
}

function publicContributions(db: Kysely<DB>) {
	return db
		.selectFrom('contribution as c')
		.innerJoin('consultation as s', 's.id', 'c.consultation_id')
		.where('c.status', '=', 'published')
		.where('c.kind', '=', 'map_comment')
		.where('s.status', '!=', 'draft');
}

export const contributionSummaries: ItemSummaryAdapter = {
	itemType: CONTRIBUTION_ITEM_TYPE,
	kindKey: 'outcomes.kind.map_comment',
	async summaries(db, itemIds): Promise<Map<string, ItemSummary>> {
		const ids = itemIds.filter((id) => /^[0-9a-f-]{36}$/i.test(id));
		if (ids.length === 0) return new Map();
		const rows = await publicContributions(db)
			.select(['c.id', 'c.body', 'c.consultation_id', 's.slug'])
			.where('c.id', 'in', ids)
			.execute();
		const areas = rows.length
			? await db
					.selectFrom('contribution_area')
					.select(['contribution_id', 'area_id'])
					.where(
						'contribution_id',
						'in',
						rows.map((r) => r.id)
					)
					.execute()
			: [];
		return new Map(
			rows.map((r) => [
				r.id,
				{
					itemType: CONTRIBUTION_ITEM_TYPE,
					id: r.id,
					title: shortTitle(r.body),
					path: `/beteiligung/${r.slug}/beitrag/${r.id}`,
					consultationId: r.consultation_id,
					areaIds: areas.filter((a) => a.contribution_id === r.id).map((a) => a.area_id)
				}
			])
		);
	}
};

/** Answered contributions (an official status other than "eingegangen") in these areas, newest first. */
export async function contributionAreaActivity(
	db: Kysely<DB>,
	areaIds: readonly string[],
	options: { limit: number; since?: Date }
): Promise<AreaActivityEntry[]> {
	if (areaIds.length === 0) return [];
	const rows = await publicContributions(db)
		.innerJoin('outcome as o', (j) =>
			j.onRef('o.item_id', '=', 'c.id').on('o.item_type', '=', CONTRIBUTION_ITEM_TYPE)
		)
		.select(['c.id', 'c.body', 's.slug', 'o.status', 'o.updated_at'])
		.select((eb) =>
			eb
				.selectFrom('outcome_response as r')
				.select('r.response_text')
				.whereRef('r.item_id', '=', 'c.id')
				.where('r.item_type', '=', CONTRIBUTION_ITEM_TYPE)
				.orderBy('r.created_at', 'desc')
				.limit(1)
				.as('response')
		)
		.where('o.status', '!=', 'received')
		.where((eb) =>
			eb.exists(
				eb
					.selectFrom('contribution_area as ca')
					.select('ca.contribution_id')
					.whereRef('ca.contribution_id', '=', 'c.id')
					.where('ca.area_id', 'in', [...areaIds])
			)
		)
		.$if(!!options.since, (q) => q.where('o.updated_at', '>=', options.since!))
		.orderBy('o.updated_at', 'desc')
		.limit(options.limit)
		.execute();
	return rows.map((r) => ({
		itemType: CONTRIBUTION_ITEM_TYPE,
		itemId: r.id,
		kindKey: 'outcomes.kind.map_comment',
		title: shortTitle(r.body),
		path: `/beteiligung/${r.slug}/beitrag/${r.id}`,
		at: new Date(r.updated_at),
		statusKey: `outcomes.status.${r.status}`,
		response: r.response ?? null
	}));
}
