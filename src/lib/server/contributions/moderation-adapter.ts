// Map contributions and their replies as moderated items ('contribution'): status and report count
// live on qk.contribution; the core (participation/moderation) does the rest.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/types';
import type { ModerationAdapter, ModerationView, QueueEntry } from '../participation/component';

export const CONTRIBUTION_ITEM = 'contribution';

function contributionPath(slug: string, id: string, parentId: string | null): string {
	return `/beteiligung/${slug}/beitrag/${parentId ?? id}`;
}

function viewFilter(view: ModerationView) {
	if (view === 'pending') return { status: 'pending', reported: false };
	if (view === 'hidden') return { status: 'hidden', reported: false };
	return { status: 'published', reported: true };
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

	async setStatus(trx, itemId, change) {
		const updated = await trx
			.updateTable('contribution')
			.set({
				status: change.to,
				hidden_reason: change.to === 'hidden' ? change.reason : null,
				...(change.clearReports ? { report_count: 0 } : {})
			})
			.where('id', '=', itemId)
			.where('status', '=', change.from)
			.executeTakeFirst();
		return Number(updated.numUpdatedRows) > 0;
	},

	async addReport(trx, itemId) {
		const row = await trx
			.updateTable('contribution')
			.set({ report_count: sql<number>`report_count + 1` })
			.where('id', '=', itemId)
			.returning(['report_count', 'status'])
			.executeTakeFirstOrThrow();
		return { reportCount: row.report_count, status: row.status };
	},

	async queue(db, { consultationIds, view, limit }) {
		const f = viewFilter(view);
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
		if (f.reported) q = q.where('c.report_count', '>', 0);
		const rows = await q
			.orderBy('c.created_at', view === 'pending' ? 'asc' : 'desc')
			.orderBy('c.id')
			.limit(limit)
			.execute();
		return rows.map((r): QueueEntry => ({
			itemType: CONTRIBUTION_ITEM,
			id: r.id,
			consultationId: r.consultation_id,
			consultationSlug: r.slug,
			consultationTitle: r.title,
			path: contributionPath(r.slug, r.id, r.parent_id),
			parentId: r.parent_id,
			body: r.body,
			status: r.status,
			categoryName: r.category_name,
			channel: r.channel,
			authorId: r.author_id,
			authorName: r.display_name,
			authorBlocked: r.blocked_user !== null,
			reportCount: r.report_count,
			hiddenReason: r.hidden_reason,
			createdAt: new Date(r.created_at)
		}));
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
	},

	async countQueue(db: Kysely<DB>, consultationIds) {
		const row = await db
			.selectFrom('contribution')
			.select([
				sql<number>`count(*) filter (where status = 'pending')::int`.as('pending'),
				sql<number>`count(*) filter (where status = 'published' and report_count > 0)::int`.as('reported'),
				sql<number>`count(*) filter (where status = 'hidden')::int`.as('hidden')
			])
			.$if(consultationIds !== null, (qb) => qb.where('consultation_id', 'in', consultationIds!))
			.executeTakeFirstOrThrow();
		return { pending: row.pending, reported: row.reported, hidden: row.hidden };
	}
};
