// Map contributions in the outcomes service (participation/outcomes): how it loads a contribution's
// consultation, author, supporters and page, and what a person wrote here ("Meine Beiträge").
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/types';
import type { OutcomeAdapter, OutcomeEntry, OutcomeItem } from '../participation/component';

export const CONTRIBUTION_ITEM_TYPE = 'contribution';
const EXCERPT = 140;

function excerpt(body: string): string {
	const text = body.replace(/\s+/g, ' ').trim();
	return text.length > EXCERPT ? `${text.slice(0, EXCERPT - 1)}…` : text;
}

const pathOf = (slug: string, id: string, parentId: string | null) =>
	`/beteiligung/${slug}/beitrag/${parentId ?? id}`;

export const contributionOutcomeAdapter: OutcomeAdapter = {
	itemType: CONTRIBUTION_ITEM_TYPE,
	async load(db, itemId): Promise<OutcomeItem | null> {
		const row = await db
			.selectFrom('contribution as c')
			.innerJoin('consultation as s', 's.id', 'c.consultation_id')
			.select([
				'c.id',
				'c.consultation_id',
				'c.author_id',
				'c.body',
				'c.status',
				'c.kind',
				'c.parent_id',
				's.slug'
			])
			.where('c.id', '=', itemId)
			.executeTakeFirst();
		if (!row) return null;
		return {
			itemType: CONTRIBUTION_ITEM_TYPE,
			id: row.id,
			consultationId: row.consultation_id,
			authorId: row.author_id,
			excerpt: excerpt(row.body),
			path: pathOf(row.slug, row.id, row.parent_id),
			// Replies are part of the conversation, not input to decide on; hidden ones are not public.
			answerable: row.kind === 'map_comment' && row.status === 'published'
		};
	},
	async supporterIds(db, itemId) {
		const rows = await db
			.selectFrom('contribution_support')
			.select('user_id')
			.where('contribution_id', '=', itemId)
			.orderBy('created_at')
			.execute();
		return rows.map((r) => r.user_id);
	}
};

/** A person's map contributions and replies (not deleted ones), newest first. */
export async function mapCommentOutcomes(
	db: Kysely<DB>,
	authorId: string,
	options: { limit: number }
): Promise<{ entries: OutcomeEntry[]; total: number }> {
	const mine = db
		.selectFrom('contribution as c')
		.where('c.author_id', '=', authorId)
		.where('c.status', '!=', 'deleted');
	const [rows, count] = await Promise.all([
		mine
			.innerJoin('consultation as s', 's.id', 'c.consultation_id')
			.select(['c.id', 'c.kind', 'c.body', 'c.status', 'c.created_at', 'c.parent_id', 's.slug', 's.title'])
			.orderBy('c.created_at', 'desc')
			.orderBy('c.id')
			.limit(options.limit)
			.execute(),
		mine.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()
	]);
	return {
		total: Number(count.n),
		entries: rows.map((r) => ({
			itemType: CONTRIBUTION_ITEM_TYPE,
			itemId: r.id,
			kindKey: `outcomes.kind.${r.kind}`,
			consultationSlug: r.slug,
			consultationTitle: r.title,
			excerpt: excerpt(r.body),
			createdAt: new Date(r.created_at),
			status: r.status,
			path: pathOf(r.slug, r.id, r.parent_id),
			tracksOutcome: r.kind === 'map_comment'
		}))
	};
}
