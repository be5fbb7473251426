// In-app notifications ("Benachrichtigungen"): written in the transaction of what they report, listed
// newest first at /konto/benachrichtigungen, marked as read by their reader only.
import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type { NotificationView } from '../../../participation/outcomes';
import { ok, pageOf, type CommandContext, type Result } from '../../core';
import type { DB } from '../../db/types';
import { itemSummaryAdapters, publicItems, refKey, type ItemRef } from '../../following';
import { registry as appRegistry, type Registry } from '../registry';
import { NOTIFICATIONS_PAGE_SIZE } from './schemas';

export interface NewNotification {
	userId: string;
	itemType: string;
	itemId: string;
	messageKey: string;
	params: Record<string, string>;
	path: string;
}

/** One insert for all recipients (a popular idea may have hundreds of supporters). */
export async function writeNotifications(db: Kysely<DB>, list: NewNotification[], at: Date): Promise<void> {
	if (list.length === 0) return;
	await db
		.insertInto('notification')
		.values(
			list.map((n) => ({
				user_id: n.userId,
				item_type: n.itemType,
				item_id: n.itemId,
				message_key: n.messageKey,
				params: JSON.stringify(n.params),
				path: n.path,
				created_at: at
			}))
		)
		.execute();
}

/**
 * The items this person's notifications name that are no longer public (hidden, unpublished, deleted
 * later). A notification keeps the title or excerpt of its item, so these are never shown or counted.
 * Item types without a summary adapter are not checked (nothing module-owned to hide).
 */
async function invisibleRefs(db: Kysely<DB>, userId: string, registry: Registry): Promise<ItemRef[]> {
	const rows = await db
		.selectFrom('notification')
		.select(['item_type', 'item_id'])
		.distinct()
		.where('user_id', '=', userId)
		.execute();
	if (rows.length === 0) return [];
	const known = new Set((await itemSummaryAdapters(registry)).map((a) => a.itemType));
	const checked = rows
		.filter((r) => known.has(r.item_type))
		.map((r) => ({ itemType: r.item_type, itemId: r.item_id }));
	const visible = await publicItems(db, checked, registry);
	return checked.filter((r) => !visible.has(refKey(r.itemType, r.itemId)));
}

function visibleOnly(hidden: readonly ItemRef[]) {
	return (eb: ExpressionBuilder<DB, 'notification'>) =>
		eb.not(
			eb.or(hidden.map((h) => eb.and([eb('item_type', '=', h.itemType), eb('item_id', '=', h.itemId)])))
		);
}

export async function countUnreadNotifications(
	db: Kysely<DB>,
	userId: string,
	registry: Registry = appRegistry
): Promise<number> {
	const hidden = await invisibleRefs(db, userId, registry);
	const row = await db
		.selectFrom('notification')
		.select(sql<number>`count(*)::int`.as('n'))
		.where('user_id', '=', userId)
		.where('read_at', 'is', null)
		.$if(hidden.length > 0, (q) => q.where(visibleOnly(hidden)))
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

export async function listNotifications(
	db: Kysely<DB>,
	userId: string,
	page = 1,
	pageSize = NOTIFICATIONS_PAGE_SIZE,
	registry: Registry = appRegistry
): Promise<{ entries: NotificationView[]; total: number; unread: number; page: number; pages: number }> {
	const hidden = await invisibleRefs(db, userId, registry);
	const counts = await db
		.selectFrom('notification')
		.select([
			sql<number>`count(*)::int`.as('total'),
			sql<number>`(count(*) filter (where read_at is null))::int`.as('unread')
		])
		.where('user_id', '=', userId)
		.$if(hidden.length > 0, (q) => q.where(visibleOnly(hidden)))
		.executeTakeFirstOrThrow();
	const total = Number(counts.total);
	const { page: current, pageCount: pages, offset } = pageOf(total, page, pageSize);
	const rows = await db
		.selectFrom('notification')
		.select(['id', 'message_key', 'params', 'path', 'created_at', 'read_at'])
		.where('user_id', '=', userId)
		.$if(hidden.length > 0, (q) => q.where(visibleOnly(hidden)))
		.orderBy('created_at', 'desc')
		.orderBy('id')
		.limit(pageSize)
		.offset(offset)
		.execute();
	return {
		total,
		unread: Number(counts.unread),
		page: current,
		pages,
		entries: rows.map((r) => ({
			id: r.id,
			messageKey: r.message_key,
			params: (typeof r.params === 'string' ? JSON.parse(r.params) : r.params) as Record<string, string>,
			path: r.path,
			createdAt: new Date(r.created_at),
			readAt: r.read_at ? new Date(r.read_at) : null
		}))
	};
}

/**
 * Marks one notification (or, without an id, all) of the signed-in reader as read. Another person's
 * notification (or a missing one) is `not_found`, as a forbidden object looks missing; one already
 * read is fine.
 */
export async function markNotificationsRead(
	ctx: CommandContext,
	notificationId: string | null
): Promise<Result<{ marked: number }, 'login_required' | 'not_found'>> {
	if (!ctx.actor || ctx.actor.system) return { ok: false, code: 'login_required' };
	let query = ctx.db
		.updateTable('notification')
		.set({ read_at: ctx.now })
		.where('user_id', '=', ctx.actor.id)
		.where('read_at', 'is', null);
	if (notificationId) query = query.where('id', '=', notificationId);
	const r = await query.executeTakeFirst();
	const marked = Number(r.numUpdatedRows);
	if (notificationId && marked === 0) {
		const own = await ctx.db
			.selectFrom('notification')
			.select('id')
			.where('id', '=', notificationId)
			.where('user_id', '=', ctx.actor.id)
			.executeTakeFirst();
		if (!own) return { ok: false, code: 'not_found' };
	}
	return ok({ marked });
}
