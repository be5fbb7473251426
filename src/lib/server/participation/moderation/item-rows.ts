// What every moderation adapter does the same way on its table: a module keeps `status`,
// `hidden_reason` and `report_count` on its own rows (contribution, idea, idea_comment), and the core
// moves them through these helpers — the adapter adds only its joins, paths and extra columns.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/types';
import type { ModerationAdapter, ModerationView, QueueEntry } from '../component';

type ModeratedTable = 'contribution' | 'idea' | 'idea_comment';
type StatusChange = Parameters<ModerationAdapter['setStatus']>[2];

/**
 * A row is in the 'reported' view while it has counted reports or any open report: reports that do
 * not count towards hiding (anonymous visitors, fresh or unconfirmed accounts) still reach the
 * moderators. `alias` names the table in the query; the item type of each table is its name.
 */
export function hasReports(table: ModeratedTable, alias: string) {
	return sql<boolean>`(${sql.ref(`${alias}.report_count`)} > 0 or exists (select 1 from qk.moderation_report r
		where r.item_type = ${table} and r.item_id = ${sql.ref(`${alias}.id`)} and r.resolved_at is null))`;
}

/** The rows a queue view lists: its status, and for 'reported' only rows with reports. */
export function queueViewFilter(view: ModerationView): { status: string; reported: boolean } {
	if (view === 'pending') return { status: 'pending', reported: false };
	if (view === 'hidden') return { status: 'hidden', reported: false };
	return { status: 'published', reported: true };
}

/** from → to, guarded by the old status; false when someone else was faster. */
export async function moveStatus(
	trx: Transaction<DB>,
	table: ModeratedTable,
	itemId: string,
	change: StatusChange
): Promise<boolean> {
	const row = await trx
		.updateTable(table)
		.set({
			status: change.to,
			hidden_reason: change.to === 'hidden' ? change.reason : null,
			...(change.clearReports ? { report_count: 0 } : {})
		})
		.where('id', '=', itemId)
		.where('status', '=', change.from)
		.executeTakeFirst();
	return Number(row.numUpdatedRows) > 0;
}

/** One more report on the row; its new count and status. */
export async function countReport(
	trx: Transaction<DB>,
	table: ModeratedTable,
	itemId: string
): Promise<{ reportCount: number; status: string }> {
	const row = await trx
		.updateTable(table)
		.set({ report_count: sql<number>`report_count + 1` })
		.where('id', '=', itemId)
		.returning(['report_count', 'status'])
		.executeTakeFirstOrThrow();
	return { reportCount: row.report_count, status: row.status };
}

/**
 * The three queue counts over `table as m`, optionally joined to the row that carries the
 * consultation (`consultationOf`: e.g. the idea of a comment).
 */
export async function queueCounts(
	db: Kysely<DB>,
	table: ModeratedTable,
	consultationIds: string[] | null,
	consultationOf?: { table: 'idea'; on: 'idea_id' }
): Promise<Record<ModerationView, number>> {
	const owner = consultationOf
		? sql`join qk.${sql.table(consultationOf.table)} o on o.id = m.${sql.ref(consultationOf.on)}`
		: sql``;
	const scope =
		consultationIds === null
			? sql``
			: consultationIds.length === 0
				? sql`where false`
				: sql`where ${sql.ref(consultationOf ? 'o.consultation_id' : 'm.consultation_id')} in (${sql.join(consultationIds)})`;
	const { rows } = await sql<Record<ModerationView, number>>`
		select count(*) filter (where m.status = 'pending')::int as pending,
			count(*) filter (where m.status = 'published' and ${hasReports(table, 'm')})::int as reported,
			count(*) filter (where m.status = 'hidden')::int as hidden
		from qk.${sql.table(table)} m ${owner} ${scope}`.execute(db);
	return { pending: rows[0].pending, reported: rows[0].reported, hidden: rows[0].hidden };
}

/** The columns every queue row has, as the adapters select them. */
export interface QueueRowBase {
	id: string;
	consultation_id: string;
	slug: string;
	title: string;
	status: string;
	author_id: string | null;
	display_name: string | null;
	blocked_user: string | null;
	report_count: number;
	hidden_reason: string | null;
	created_at: Date | string;
}

/** A queue row as the core shows it; the adapter adds what differs (path, body, parent, channel). */
export function queueEntry(
	itemType: string,
	r: QueueRowBase,
	own: Pick<QueueEntry, 'path' | 'parentId' | 'body' | 'categoryName' | 'channel'>
): QueueEntry {
	return {
		itemType,
		id: r.id,
		consultationId: r.consultation_id,
		consultationSlug: r.slug,
		consultationTitle: r.title,
		...own,
		status: r.status,
		authorId: r.author_id,
		authorName: r.display_name,
		authorBlocked: r.blocked_user !== null,
		reportCount: r.report_count,
		hiddenReason: r.hidden_reason,
		createdAt: new Date(r.created_at)
	};
}
