// What the map-comments module stores about a person (download) and what happens to it when they
// delete their account: anonymised by default (the text stays, nothing links it to them), or
// deleted with its photos when they ask for it.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/types';
import type { PersonalDataSection } from '../participation/component';
import { deletePhotoRows } from './photo-rows';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export const contributionPersonalData: PersonalDataSection[] = [
	{
		key: 'contributions',
		tables: ['contribution.author_id', 'contribution.entered_by'],
		async collect(db: Kysely<DB>, userId: string) {
			const rows = await db
				.selectFrom('contribution as c')
				.innerJoin('consultation as k', 'k.id', 'c.consultation_id')
				.select([
					'c.id',
					'c.kind',
					'c.parent_id',
					'k.slug',
					'k.title',
					'c.body',
					'c.geometry',
					'c.area_keys',
					'c.channel',
					'c.status',
					'c.created_at',
					'c.edited_at',
					'c.author_id'
				])
				.where((eb) => eb.or([eb('c.author_id', '=', userId), eb('c.entered_by', '=', userId)]))
				.where('c.status', '<>', 'deleted')
				.orderBy('c.created_at')
				.execute();
			return rows.map((r) => ({
				id: r.id,
				kind: r.kind,
				replyTo: r.parent_id,
				consultation: { slug: r.slug, title: r.title },
				text: r.body,
				geometry: r.geometry,
				areaKeys: r.area_keys,
				channel: r.channel,
				status: r.status,
				// Analog input typed in by this person on behalf of others.
				enteredForOthers: r.author_id !== userId,
				createdAt: iso(r.created_at),
				editedAt: iso(r.edited_at)
			}));
		}
	},
	{
		key: 'supports',
		tables: ['contribution_support.user_id'],
		async collect(db: Kysely<DB>, userId: string) {
			const rows = await db
				.selectFrom('contribution_support')
				.select(['contribution_id', 'created_at'])
				.where('user_id', '=', userId)
				.orderBy('created_at')
				.execute();
			return rows.map((r) => ({ contributionId: r.contribution_id, createdAt: iso(r.created_at) }));
		}
	}
];

/** Account deletion: anonymise (keep the text, unlink it) or delete the person's contributions and photos. */
export async function removeContributionAuthor(
	trx: Transaction<DB>,
	userId: string,
	mode: 'anonymise' | 'delete'
): Promise<{ files: string[] }> {
	// Supports are a count of people: the person's own support goes, the count follows.
	const supported = await trx
		.deleteFrom('contribution_support')
		.where('user_id', '=', userId)
		.returning('contribution_id')
		.execute();
	for (const s of supported)
		await trx
			.updateTable('contribution')
			.set({ support_count: sql<number>`greatest(support_count - 1, 0)` })
			.where('id', '=', s.contribution_id)
			.execute();
	if (mode === 'anonymise') {
		await trx.updateTable('contribution').set({ author_id: null }).where('author_id', '=', userId).execute();
		return { files: [] };
	}
	const own = await trx
		.selectFrom('contribution')
		.select(['id', 'parent_id', 'status'])
		.where('author_id', '=', userId)
		.where('status', '<>', 'deleted')
		.execute();
	const ids = own.map((c) => c.id);
	if (ids.length === 0) return { files: [] };
	const files = await deletePhotoRows(trx, ids);
	await trx
		.updateTable('contribution')
		.set({ status: 'deleted', body: '', geometry: null, geometry_type: null, bbox: null, author_id: null })
		.where('id', 'in', ids)
		.execute();
	for (const reply of own.filter((c) => c.parent_id))
		await trx
			.updateTable('contribution')
			.set({ reply_count: sql<number>`greatest(reply_count - 1, 0)` })
			.where('id', '=', reply.parent_id!)
			.execute();
	return { files };
}
