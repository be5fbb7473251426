// Ideas ('idea') and their comments ('idea_comment') as moderated items: status and report count live
// on qk.idea / qk.idea_comment; the core (participation/moderation) does reports, queue, log and mails.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/types';
import type { ModerationAdapter } from '../participation/component';
import {
	countReport,
	moveStatus,
	queueCounts,
	hasReports,
	queueEntry,
	queueViewFilter
} from '../participation/moderation/item-rows';
import { recordIdeaPublished } from './notify';
import { IDEA_COMMENT_ITEM, IDEA_ITEM, ideaPath } from './queries';

export const ideaModeration: ModerationAdapter = {
	itemType: IDEA_ITEM,
	moduleKey: 'ideas',
	async load(db, itemId) {
		const row = await db
			.selectFrom('idea as i')
			.innerJoin('consultation as k', 'k.id', 'i.consultation_id')
			.select(['i.id', 'i.consultation_id', 'i.status', 'i.author_id', 'i.report_count', 'k.slug'])
			.where('i.id', '=', itemId)
			.where('i.status', '<>', 'deleted')
			.executeTakeFirst();
		if (!row) return null;
		return {
			itemType: IDEA_ITEM,
			id: row.id,
			consultationId: row.consultation_id,
			authorId: row.author_id,
			status: row.status,
			reportCount: row.report_count,
			path: ideaPath(row.slug, row.id)
		};
	},
	async setStatus(trx, itemId, change) {
		const moved = await moveStatus(trx, 'idea', itemId, change);
		// Approved from the queue: now it is news for the area (not a restored hidden idea).
		if (moved && change.from === 'pending' && change.to === 'published')
			await recordIdeaPublished(trx, itemId, null, new Date());
		return moved;
	},
	addReport: (trx, itemId) => countReport(trx, 'idea', itemId),
	countQueue: (db, consultationIds) => queueCounts(db, 'idea', consultationIds),

	async queue(db, { consultationIds, view, limit }) {
		const f = queueViewFilter(view);
		let q = db
			.selectFrom('idea as i')
			.innerJoin('consultation as k', 'k.id', 'i.consultation_id')
			.leftJoin('consultation_category as cat', 'cat.id', 'i.category_id')
			.leftJoin('app_user as u', 'u.id', 'i.author_id')
			.leftJoin('consultation_block as b', (join) =>
				join.onRef('b.user_id', '=', 'i.author_id').onRef('b.consultation_id', '=', 'i.consultation_id')
			)
			.select([
				'i.id',
				'i.consultation_id',
				'k.slug',
				'k.title',
				'i.title as idea_title',
				'i.body',
				'i.status',
				'cat.name as category_name',
				'i.author_id',
				'u.display_name',
				'b.user_id as blocked_user',
				'i.report_count',
				'i.hidden_reason',
				'i.created_at'
			])
			.where('i.status', '=', f.status)
			.$if(consultationIds !== null, (qb) => qb.where('i.consultation_id', 'in', consultationIds!));
		if (f.reported) q = q.where(hasReports('idea', 'i'));
		const rows = await q
			.orderBy('i.created_at', view === 'pending' ? 'asc' : 'desc')
			.orderBy('i.id')
			.limit(limit)
			.execute();
		return rows.map((r) =>
			queueEntry(IDEA_ITEM, r, {
				path: ideaPath(r.slug, r.id),
				parentId: null,
				body: `${r.idea_title}\n\n${r.body}`,
				categoryName: r.category_name,
				channel: 'online'
			})
		);
	},

	async paths(db, itemIds) {
		if (itemIds.length === 0) return new Map();
		const rows = await db
			.selectFrom('idea as i')
			.innerJoin('consultation as k', 'k.id', 'i.consultation_id')
			.select(['i.id', 'k.slug'])
			.where('i.id', 'in', itemIds)
			.execute();
		return new Map(rows.map((r) => [r.id, ideaPath(r.slug, r.id)]));
	}
};

async function commentIdea(trx: Kysely<DB>, commentId: string): Promise<string> {
	const row = await trx
		.selectFrom('idea_comment')
		.select('idea_id')
		.where('id', '=', commentId)
		.executeTakeFirstOrThrow();
	return row.idea_id;
}

/** Published comments count on the idea: moving a comment in or out of 'published' moves the count. */
async function recount(trx: Kysely<DB>, ideaId: string) {
	await trx
		.updateTable('idea')
		.set({
			comment_count: sql<number>`(select count(*)::int from qk.idea_comment c where c.idea_id = ${ideaId} and c.status = 'published')`
		})
		.where('id', '=', ideaId)
		.execute();
}

export const ideaCommentModeration: ModerationAdapter = {
	itemType: IDEA_COMMENT_ITEM,
	moduleKey: 'ideas',
	async load(db, itemId) {
		const row = await db
			.selectFrom('idea_comment as c')
			.innerJoin('idea as i', 'i.id', 'c.idea_id')
			.innerJoin('consultation as k', 'k.id', 'i.consultation_id')
			.select([
				'c.id',
				'i.id as idea_id',
				'i.consultation_id',
				'c.status',
				'c.author_id',
				'c.report_count',
				'k.slug'
			])
			.where('c.id', '=', itemId)
			.where('c.status', '<>', 'deleted')
			.executeTakeFirst();
		if (!row) return null;
		return {
			itemType: IDEA_COMMENT_ITEM,
			id: row.id,
			consultationId: row.consultation_id,
			authorId: row.author_id,
			status: row.status,
			reportCount: row.report_count,
			path: ideaPath(row.slug, row.idea_id)
		};
	},
	async setStatus(trx, itemId, change) {
		if (!(await moveStatus(trx, 'idea_comment', itemId, change))) return false;
		await recount(trx, await commentIdea(trx, itemId));
		return true;
	},
	async addReport(trx, itemId) {
		const counted = await countReport(trx, 'idea_comment', itemId);
		if (counted.status !== 'published') await recount(trx, await commentIdea(trx, itemId));
		return counted;
	},
	async queue(db, { consultationIds, view, limit }) {
		const f = queueViewFilter(view);
		let q = db
			.selectFrom('idea_comment as c')
			.innerJoin('idea as i', 'i.id', 'c.idea_id')
			.innerJoin('consultation as k', 'k.id', 'i.consultation_id')
			.leftJoin('app_user as u', 'u.id', 'c.author_id')
			.leftJoin('consultation_block as b', (join) =>
				join.onRef('b.user_id', '=', 'c.author_id').onRef('b.consultation_id', '=', 'i.consultation_id')
			)
			.select([
				'c.id',
				'i.id as idea_id',
				'i.consultation_id',
				'k.slug',
				'k.title',
				'c.body',
				'c.status',
				'c.author_id',
				'u.display_name',
				'b.user_id as blocked_user',
				'c.report_count',
				'c.hidden_reason',
				'c.created_at'
			])
			.where('c.status', '=', f.status)
			.$if(consultationIds !== null, (qb) => qb.where('i.consultation_id', 'in', consultationIds!));
		if (f.reported) q = q.where(hasReports('idea_comment', 'c'));
		const rows = await q
			.orderBy('c.created_at', view === 'pending' ? 'asc' : 'desc')
			.orderBy('c.id')
			.limit(limit)
			.execute();
		return rows.map((r) =>
			queueEntry(IDEA_COMMENT_ITEM, r, {
				path: ideaPath(r.slug, r.idea_id),
				parentId: r.idea_id,
				body: r.body,
				categoryName: null,
				channel: 'online'
			})
		);
	},
	countQueue: (db, consultationIds) =>
		queueCounts(db, 'idea_comment', consultationIds, { table: 'idea', on: 'idea_id' }),
	async paths(db, itemIds) {
		if (itemIds.length === 0) return new Map();
		const rows = await db
			.selectFrom('idea_comment as c')
			.innerJoin('idea as i', 'i.id', 'c.idea_id')
			.innerJoin('consultation as k', 'k.id', 'i.consultation_id')
			.select(['c.id', 'i.id as idea_id', 'k.slug'])
			.where('c.id', 'in', itemIds)
			.execute();
		return new Map(rows.map((r) => [r.id, ideaPath(r.slug, r.idea_id)]));
	}
};
