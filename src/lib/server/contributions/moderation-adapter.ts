// Map contributions and their replies as moderated items ('contribution'): status and report count
// live on qk.contribution; the core (participation/moderation) does the rest.
import type { ModerationAdapter } from '../participation/component';
import {
	countReport,
	moveStatus,
	queueCounts,
	hasReports,
	queueEntry,
	queueViewFilter
} from '../participation/moderation/item-rows';

export const CONTRIBUTION_ITEM = 'contribution';

function contributionPath(slug: string, id: string, parentId: string | null): string {
	return `/beteiligung/${slug}/beitrag/${parentId ?? id}`;
}

export const contributionModeration: ModerationAdapter = {
	itemType: CONTRIBUTION_ITEM,
	moduleKey: 'map_comments',

	async load(db, itemId) {
		const row = await db
			.selectFrom('contribution as c')
			.innerJoin('consultation as k', 'k.id', 'c.consultation_id')
			.select([
				'c.id',
				'c.consultation_id',
				'c.status',
				'c.author_id',
				'c.report_count',
				'c.parent_id',
				'k.slug'
			])
			.where('c.id', '=', itemId)
			.where('c.status', '<>', 'deleted')
			.executeTakeFirst();
		if (!row) return null;
		return {
			itemType: CONTRIBUTION_ITEM,
			id: row.id,
			consultationId: row.consultation_id,
			authorId: row.author_id,
			status: row.status,
			reportCount: row.report_count,
			path: contributionPath(row.slug, row.id, row.parent_id)
		};
	},

	setStatus: (trx, itemId, change) => moveStatus(trx, 'contribution', itemId, change),
	addReport: (trx, itemId) => countReport(trx, 'contribution', itemId),
	countQueue: (db, consultationIds) => queueCounts(db, 'contribution', consultationIds),

	async queue(db, { consultationIds, view, limit }) {
		const f = queueViewFilter(view);
		let q = db
			.selectFrom('contribution as c')
			.innerJoin('consultation as k', 'k.id', 'c.consultation_id')
			.leftJoin('consultation_category as cat', 'cat.id', 'c.category_id')
			.leftJoin('app_user as u', 'u.id', 'c.author_id')
			.leftJoin('consultation_block as b', (join) =>
				join.onRef('b.user_id', '=', 'c.author_id').onRef('b.consultation_id', '=', 'c.consultation_id')
			)
			.select([
				'c.id',
				'c.consultation_id',
				'k.slug',
				'k.title',
				'c.parent_id',
				'c.body',
				'c.status',
				'cat.name as category_name',
				'c.channel',
				'c.author_id',
				'u.display_name',
				'b.user_id as blocked_user',
				'c.report_count',
				'c.hidden_reason',
				'c.created_at'
			])
			.where('c.status', '=', f.status)
			.$if(consultationIds !== null, (qb) => qb.where('c.consultation_id', 'in', consultationIds!));
		if (f.reported) q = q.where(hasReports('contribution', 'c'));
		const rows = await q
			.orderBy('c.created_at', view === 'pending' ? 'asc' : 'desc')
			.orderBy('c.id')
			.limit(limit)
			.execute();
		return rows.map((r) =>
			queueEntry(CONTRIBUTION_ITEM, r, {
				path: contributionPath(r.slug, r.id, r.parent_id),
				parentId: r.parent_id,
				body: r.body,
				categoryName: r.category_name,
				channel: r.channel
			})
		);
	},

	async paths(db, itemIds) {
		if (itemIds.length === 0) return new Map();
		const rows = await db
			.selectFrom('contribution as c')
			.innerJoin('consultation as k', 'k.id', 'c.consultation_id')
			.select(['c.id', 'c.parent_id', 'k.slug'])
			.where('c.id', 'in', itemIds)
			.execute();
		return new Map(rows.map((r) => [r.id, contributionPath(r.slug, r.id, r.parent_id)]));
	}
};
