// What moderators read: the queue of one consultation (to approve, reported, hidden), the audit
// log of moderation actions and the accounts blocked in it. Callers check canModerate first.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/types';

export const MODERATION_VIEWS = ['pending', 'reported', 'hidden'] as const;
export type ModerationView = (typeof MODERATION_VIEWS)[number];
export const MODERATION_PAGE_SIZE = 20;

export interface QueueItem {
	id: string;
	parentId: string | null;
	body: string;
	status: string;
	categoryName: string | null;
	channel: string;
	authorId: string | null;
	authorName: string | null;
	authorBlocked: boolean;
	reportCount: number;
	reportReasons: string[];
	hiddenReason: string | null;
	createdAt: Date;
}

function viewFilter(view: ModerationView) {
	if (view === 'pending') return { status: 'pending', reported: false };
	if (view === 'hidden') return { status: 'hidden', reported: false };
	return { status: 'published', reported: true };
}

export async function countModerationQueue(
	db: Kysely<DB>,
	consultationId: string
): Promise<Record<ModerationView, number>> {
	const row = await db
		.selectFrom('contribution')
		.select([
			sql<number>`count(*) filter (where status = 'pending')::int`.as('pending'),
			sql<number>`count(*) filter (where status = 'published' and report_count > 0)::int`.as('reported'),
			sql<number>`count(*) filter (where status = 'hidden')::int`.as('hidden')
		])
		.where('consultation_id', '=', consultationId)
		.executeTakeFirstOrThrow();
	return { pending: row.pending, reported: row.reported, hidden: row.hidden };
}

/** One page of the queue, oldest first for pending (first come, first served), else newest first. */
export async function listModerationQueue(
	db: Kysely<DB>,
	consultationId: string,
	view: ModerationView,
	page: number
): Promise<QueueItem[]> {
	const f = viewFilter(view);
	let q = db
		.selectFrom('contribution as c')
		.leftJoin('consultation_category as k', 'k.id', 'c.category_id')
		.leftJoin('app_user as u', 'u.id', 'c.author_id')
		.leftJoin('consultation_block as b', (join) =>
			join.onRef('b.user_id', '=', 'c.author_id').onRef('b.consultation_id', '=', 'c.consultation_id')
		)
		.select([
			'c.id',
			'c.parent_id',
			'c.body',
			'c.status',
			'k.name as category_name',
			'c.channel',
			'c.author_id',
			'u.display_name',
			'b.user_id as blocked_user',
			'c.report_count',
			'c.hidden_reason',
			'c.created_at'
		])
		.select((eb) =>
			eb
				.selectFrom('contribution_report as r')
				.select(sql<string[]>`coalesce(array_agg(r.reason order by r.created_at), '{}')`.as('reasons'))
				.whereRef('r.contribution_id', '=', 'c.id')
				.where('r.resolved_at', 'is', null)
				.as('reasons')
		)
		.where('c.consultation_id', '=', consultationId)
		.where('c.status', '=', f.status);
	if (f.reported) q = q.where('c.report_count', '>', 0);
	const rows = await q
		.orderBy('c.created_at', view === 'pending' ? 'asc' : 'desc')
		.orderBy('c.id')
		.limit(MODERATION_PAGE_SIZE)
		.offset(Math.max(0, page - 1) * MODERATION_PAGE_SIZE)
		.execute();
	return rows.map((r) => ({
		id: r.id,
		parentId: r.parent_id,
		body: r.body,
		status: r.status,
		categoryName: r.category_name,
		channel: r.channel,
		authorId: r.author_id,
		authorName: r.display_name,
		authorBlocked: r.blocked_user !== null,
		reportCount: r.report_count,
		reportReasons: r.reasons ?? [],
		hiddenReason: r.hidden_reason,
		createdAt: new Date(r.created_at)
	}));
}

export interface LogEntry {
	id: string;
	action: string;
	reason: string | null;
	actorName: string | null;
	targetName: string | null;
	contributionId: string | null;
	createdAt: Date;
}

export async function listModerationLog(
	db: Kysely<DB>,
	consultationId: string,
	page: number
): Promise<{ entries: LogEntry[]; total: number }> {
	const [rows, count] = await Promise.all([
		db
			.selectFrom('moderation_log as m')
			.leftJoin('app_user as a', 'a.id', 'm.actor_id')
			.leftJoin('app_user as t', 't.id', 'm.target_user_id')
			.select([
				'm.id',
				'm.action',
				'm.reason',
				'a.display_name as actor_name',
				't.display_name as target_name',
				'm.contribution_id',
				'm.created_at'
			])
			.where('m.consultation_id', '=', consultationId)
			.orderBy('m.created_at', 'desc')
			.orderBy('m.id')
			.limit(MODERATION_PAGE_SIZE)
			.offset(Math.max(0, page - 1) * MODERATION_PAGE_SIZE)
			.execute(),
		db
			.selectFrom('moderation_log')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('consultation_id', '=', consultationId)
			.executeTakeFirstOrThrow()
	]);
	return {
		total: Number(count.n),
		entries: rows.map((r) => ({
			id: r.id,
			action: r.action,
			reason: r.reason,
			actorName: r.actor_name,
			targetName: r.target_name,
			contributionId: r.contribution_id,
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
