// Ideas in the outcomes service (participation/outcomes): statuses and responses are the core's;
// here is how it loads an idea, who follows it (author + supporters), and "Meine Beiträge".
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/types';
import type { OutcomeAdapter, OutcomeEntry, OutcomeItem } from '../participation/component';
import { IDEA_COMMENT_ITEM, IDEA_ITEM, ideaPath } from './queries';

const EXCERPT = 140;
function excerpt(text: string): string {
	const t = text.replace(/\s+/g, ' ').trim();
	return t.length > EXCERPT ? `${t.slice(0, EXCERPT - 1)}…` : t;
}

export const ideaOutcomeAdapter: OutcomeAdapter = {
	itemType: IDEA_ITEM,
	async load(db, itemId): Promise<OutcomeItem | null> {
		const row = await db
			.selectFrom('idea as i')
			.innerJoin('consultation as s', 's.id', 'i.consultation_id')
			.select(['i.id', 'i.consultation_id', 'i.author_id', 'i.title', 'i.status', 's.slug'])
			.where('i.id', '=', itemId)
			.executeTakeFirst();
		if (!row) return null;
		return {
			itemType: IDEA_ITEM,
			id: row.id,
			consultationId: row.consultation_id,
			authorId: row.author_id,
			excerpt: excerpt(row.title),
			path: ideaPath(row.slug, row.id),
			answerable: row.status === 'published'
		};
	},
	async supporterIds(db, itemId) {
		const rows = await db
			.selectFrom('idea_support')
			.select('user_id')
			.where('idea_id', '=', itemId)
			.orderBy('created_at')
			.execute();
		return rows.map((r) => r.user_id);
	}
};

/** A person's ideas and comments (not deleted), newest first, for "Meine Beiträge". */
export async function ideaOutcomes(
	db: Kysely<DB>,
	authorId: string,
	options: { limit: number }
): Promise<{ entries: OutcomeEntry[]; total: number }> {
	const [ideas, comments, ideaCount, commentCount] = await Promise.all([
		db
			.selectFrom('idea as i')
			.innerJoin('consultation as s', 's.id', 'i.consultation_id')
			.select(['i.id', 'i.title', 'i.status', 'i.created_at', 's.slug', 's.title as consultation_title'])
			.where('i.author_id', '=', authorId)
			.where('i.status', '!=', 'deleted')
			.orderBy('i.created_at', 'desc')
			.orderBy('i.id')
			.limit(options.limit)
			.execute(),
		db
			.selectFrom('idea_comment as c')
			.innerJoin('idea as i', 'i.id', 'c.idea_id')
			.innerJoin('consultation as s', 's.id', 'i.consultation_id')
			.select(['c.id', 'c.body', 'c.status', 'c.created_at', 'i.id as idea_id', 's.slug', 's.title as consultation_title'])
			.where('c.author_id', '=', authorId)
			.where('c.status', '!=', 'deleted')
			.orderBy('c.created_at', 'desc')
			.orderBy('c.id')
			.limit(options.limit)
			.execute(),
		db
			.selectFrom('idea')
			.select(sql<number>`count(*)::int`.as('n'))
			.where('author_id', '=', authorId)
			.where('status', '!=', 'deleted')
			.executeTakeFirstOrThrow(),
		db
			.selectFrom('idea_comment')
			.select(sql<number>`count(*)::int`.as('n'))
			.where('author_id', '=', authorId)
			.where('status', '!=', 'deleted')
			.executeTakeFirstOrThrow()
	]);
	const entries: OutcomeEntry[] = [
		...ideas.map((r) => ({
			itemType: IDEA_ITEM,
			itemId: r.id,
			kindKey: 'ideas.kind.idea',
			consultationSlug: r.slug,
			consultationTitle: r.consultation_title,
			excerpt: excerpt(r.title),
			createdAt: new Date(r.created_at),
			status: r.status,
			path: ideaPath(r.slug, r.id),
			tracksOutcome: true
		})),
		...comments.map((r) => ({
			itemType: IDEA_COMMENT_ITEM,
			itemId: r.id,
			kindKey: 'ideas.kind.comment',
			consultationSlug: r.slug,
			consultationTitle: r.consultation_title,
			excerpt: excerpt(r.body),
			createdAt: new Date(r.created_at),
			status: r.status,
			path: ideaPath(r.slug, r.idea_id),
			tracksOutcome: false
		}))
	]
		.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || a.itemId.localeCompare(b.itemId))
		.slice(0, options.limit);
	return { entries, total: Number(ideaCount.n) + Number(commentCount.n) };
}
