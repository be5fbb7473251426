// What the idea boards store about a person (download), and account deletion: anonymise (default:
// ideas and comments stay, unlinked) or delete them with their photos. Supports always go.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/types';
import type { PersonalDataSection } from '../participation/component';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export const ideaPersonalData: PersonalDataSection[] = [
	{
		key: 'ideas',
		tables: ['idea.author_id', 'idea_comment.author_id', 'idea_support.user_id'],
		async collect(db: Kysely<DB>, userId: string) {
			const [ideas, comments, supports] = await Promise.all([
				db
					.selectFrom('idea as i')
					.innerJoin('consultation as k', 'k.id', 'i.consultation_id')
					.select(['i.id', 'k.slug', 'i.title', 'i.body', 'i.lon', 'i.lat', 'i.area_keys', 'i.status', 'i.created_at'])
					.where('i.author_id', '=', userId)
					.where('i.status', '<>', 'deleted')
					.orderBy('i.created_at')
					.execute(),
				db
					.selectFrom('idea_comment')
					.select(['id', 'idea_id', 'parent_id', 'body', 'status', 'created_at'])
					.where('author_id', '=', userId)
					.where('status', '<>', 'deleted')
					.orderBy('created_at')
					.execute(),
				db
					.selectFrom('idea_support')
					.select(['idea_id', 'created_at'])
					.where('user_id', '=', userId)
					.orderBy('created_at')
					.execute()
			]);
			return {
				ideas: ideas.map((r) => ({
					id: r.id,
					consultation: r.slug,
					title: r.title,
					text: r.body,
					place: r.lon === null ? null : { lon: r.lon, lat: r.lat },
					areaKeys: r.area_keys,
					status: r.status,
					createdAt: iso(r.created_at)
				})),
				comments: comments.map((r) => ({
					id: r.id,
					ideaId: r.idea_id,
					replyTo: r.parent_id,
					text: r.body,
					status: r.status,
					createdAt: iso(r.created_at)
				})),
				supports: supports.map((r) => ({ ideaId: r.idea_id, createdAt: iso(r.created_at) }))
			};
		}
	}
];

export async function removeIdeaAuthor(
	trx: Transaction<DB>,
	userId: string,
	mode: 'anonymise' | 'delete'
): Promise<{ files: string[] }> {
	const supported = await trx.deleteFrom('idea_support').where('user_id', '=', userId).returning('idea_id').execute();
	for (const s of supported)
		await trx
			.updateTable('idea')
			.set({ support_count: sql<number>`greatest(support_count - 1, 0)` })
			.where('id', '=', s.idea_id)
			.execute();
	if (mode === 'anonymise') {
		await trx.updateTable('idea').set({ author_id: null }).where('author_id', '=', userId).execute();
		await trx.updateTable('idea_comment').set({ author_id: null }).where('author_id', '=', userId).execute();
		return { files: [] };
	}
	const own = await trx
		.selectFrom('idea')
		.select('id')
		.where('author_id', '=', userId)
		.where('status', '<>', 'deleted')
		.execute();
	const ids = own.map((r) => r.id);
	let files: string[] = [];
	if (ids.length) {
		const photos = await trx
			.selectFrom('idea_photo')
			.innerJoin('upload', 'upload.id', 'idea_photo.upload_id')
			.select(['upload.id', 'upload.storage_key'])
			.where('idea_photo.idea_id', 'in', ids)
			.execute();
		if (photos.length)
			await trx
				.deleteFrom('upload')
				.where(
					'id',
					'in',
					photos.map((p) => p.id)
				)
				.execute();
		files = photos.map((p) => p.storage_key);
		await trx
			.updateTable('idea')
			.set({ status: 'deleted', title: '', body: '', lon: null, lat: null, author_id: null })
			.where('id', 'in', ids)
			.execute();
	}
	const comments = await trx
		.updateTable('idea_comment')
		.set({ status: 'deleted', body: '', author_id: null })
		.where('author_id', '=', userId)
		.returning('idea_id')
		.execute();
	for (const ideaId of new Set(comments.map((c) => c.idea_id)))
		await trx
			.updateTable('idea')
			.set({
				comment_count: sql<number>`(select count(*)::int from qk.idea_comment c where c.idea_id = ${ideaId} and c.status = 'published')`
			})
			.where('id', '=', ideaId)
			.execute();
	return { files };
}
