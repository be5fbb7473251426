// What moderators read, over every module: the queue (to approve, reported, hidden) of one
// consultation or of all consultations a person moderates, the moderation log and the blocked
// accounts. Callers check the permission first (moderationScope).
import { sql, type Kysely } from 'kysely';
import type { Actor } from '../../auth/actor';
import { hasGlobalRole, isAdmin } from '../../auth/grant-rules';
import type { DB } from '../../db/types';
import type { QueueItem } from '../../../participation/types';
import { MODERATION_VIEWS, type ModerationView, type QueueEntry } from '../component';
import { registry as appRegistry, type Registry } from '../registry';
import { moderationAdapters } from './adapters';

export { MODERATION_VIEWS, type ModerationView };
export const MODERATION_PAGE_SIZE = 20;

export type { QueueItem };

/**
 * The consultations whose queue a person works: every one for platform-wide moderators and admins
 * (null), else those of their per-consultation moderator and co-manager grants and their own.
 * Managers by area reach the queue of each consultation from its page.
 */
export async function moderationScope(db: Kysely<DB>, actor: Actor | null): Promise<string[] | null> {
	if (!actor) return [];
	if (isAdmin(actor) || hasGlobalRole(actor, 'moderator')) return null;
	const granted = actor.grants
		.filter((g) => g.scopeType === 'consultation' && (g.role === 'moderator' || g.role === 'quarter_manager'))
		.map((g) => g.scopeId!);
	const own = await db.selectFrom('consultation').select('id').where('created_by', '=', actor.id).execute();
	return [...new Set([...granted, ...own.map((r) => r.id)])];
}

export async function countQueue(
	db: Kysely<DB>,
	consultationIds: string[] | null,
	registry: Registry = appRegistry
): Promise<Record<ModerationView, number>> {
	const total: Record<ModerationView, number> = { pending: 0, reported: 0, hidden: 0 };
	if (consultationIds?.length === 0) return total;
	for (const adapter of await moderationAdapters(registry)) {
		const counts = await adapter.countQueue(db, consultationIds);
		for (const view of MODERATION_VIEWS) total[view] += counts[view];
	}
	return total;
}

/** One page of the queue; the modules' lists are merged in queue order (oldest first for pending). */
export async function listQueue(
	db: Kysely<DB>,
	consultationIds: string[] | null,
	view: ModerationView,
	page: number,
	registry: Registry = appRegistry
): Promise<QueueItem[]> {
	if (consultationIds?.length === 0) return [];
	const start = Math.max(0, page - 1) * MODERATION_PAGE_SIZE;
	const limit = start + MODERATION_PAGE_SIZE;
	const lists = await Promise.all(
		(await moderationAdapters(registry)).map((a) => a.queue(db, { consultationIds, view, limit }))
	);
	const sign = view === 'pending' ? 1 : -1;
	const entries = lists
		.flat()
		.sort((a, b) => sign * (a.createdAt.getTime() - b.createdAt.getTime()) || a.id.localeCompare(b.id))
		.slice(start, limit);
	const reasons = await openReportReasons(db, entries);
	return entries.map((e) => ({ ...e, reportReasons: reasons.get(`${e.itemType}:${e.id}`) ?? [] }));
}

async function openReportReasons(db: Kysely<DB>, entries: QueueEntry[]): Promise<Map<string, string[]>> {
	const out = new Map<string, string[]>();
	if (entries.length === 0) return out;
	const rows = await db
		.selectFrom('moderation_report')
		.select(['item_type', 'item_id', sql<string[]>`array_agg(reason order by created_at)`.as('reasons')])
		.where('item_id', 'in', [...new Set(entries.map((e) => e.id))])
		.where('resolved_at', 'is', null)
		.groupBy(['item_type', 'item_id'])
		.execute();
	for (const r of rows) out.set(`${r.item_type}:${r.item_id}`, r.reasons);
	return out;
}

export interface LogEntry {
	id: string;
	action: string;
	reason: string | null;
	actorName: string | null;
	targetName: string | null;
	itemType: string | null;
	itemId: string | null;
	/** The item's page, while it exists */
	itemPath: string | null;
	consultationSlug: string | null;
	consultationTitle: string | null;
	createdAt: Date;
}

export async function listModerationLog(
	db: Kysely<DB>,
	consultationIds: string[] | null,
	page: number,
	registry: Registry = appRegistry
): Promise<{ entries: LogEntry[]; total: number }> {
	if (consultationIds?.length === 0) return { entries: [], total: 0 };
	const [rows, count] = await Promise.all([
		db
			.selectFrom('moderation_log as m')
			.leftJoin('app_user as a', 'a.id', 'm.actor_id')
			.leftJoin('app_user as t', 't.id', 'm.target_user_id')
			.leftJoin('consultation as c', 'c.id', 'm.consultation_id')
			.select([
				'm.id',
				'm.action',
				'm.reason',
				'a.display_name as actor_name',
				't.display_name as target_name',
				'm.item_type',
				'm.item_id',
				'c.slug',
				'c.title',
				'm.created_at'
			])
			.$if(consultationIds !== null, (q) => q.where('m.consultation_id', 'in', consultationIds!))
			.orderBy('m.created_at', 'desc')
			.orderBy('m.id')
			.limit(MODERATION_PAGE_SIZE)
			.offset(Math.max(0, page - 1) * MODERATION_PAGE_SIZE)
			.execute(),
		db
			.selectFrom('moderation_log')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.$if(consultationIds !== null, (q) => q.where('consultation_id', 'in', consultationIds!))
			.executeTakeFirstOrThrow()
	]);
	const paths = new Map<string, string>();
	for (const adapter of await moderationAdapters(registry)) {
		const ids = rows.filter((r) => r.item_type === adapter.itemType && r.item_id).map((r) => r.item_id!);
		for (const [id, path] of await adapter.paths(db, ids)) paths.set(`${adapter.itemType}:${id}`, path);
	}
	return {
		total: Number(count.n),
		entries: rows.map((r) => ({
			id: r.id,
			action: r.action,
			reason: r.reason,
			actorName: r.actor_name,
			targetName: r.target_name,
			itemType: r.item_type,
			itemId: r.item_id,
			itemPath: paths.get(`${r.item_type}:${r.item_id}`) ?? null,
			consultationSlug: r.slug,
			consultationTitle: r.title,
			createdAt: new Date(r.created_at)
		}))
	};
}

export async function listBlockedUsers(db: Kysely<DB>, consultationId: string) {
	const rows = await db
		.selectFrom('consultation_block as b')
		.innerJoin('app_user as u', 'u.id', 'b.user_id')
		.select(['b.user_id', 'u.display_name', 'b.reason', 'b.created_at'])
		.where('b.consultation_id', '=', consultationId)
		.orderBy('b.created_at', 'desc')
		.execute();
	return rows.map((r) => ({
		userId: r.user_id,
		displayName: r.display_name,
		reason: r.reason,
		createdAt: new Date(r.created_at)
	}));
}
