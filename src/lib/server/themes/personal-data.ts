// Staff work on themes for the personal-data download ("staffWork" section): the themes a person
// created and the input they tagged (by type; a survey answer is never named).
import type { Kysely } from 'kysely';
import type { DB } from '../db/types';

export const THEME_PERSONAL_TABLES = ['theme.created_by', 'theme_tag.tagged_by'];

export async function themeStaffWork(db: Kysely<DB>, userId: string) {
	const [themes, tags] = await Promise.all([
		db
			.selectFrom('theme')
			.select(['name', 'consultation_id', 'created_at'])
			.where('created_by', '=', userId)
			.orderBy('created_at')
			.execute(),
		db
			.selectFrom('theme_tag')
			.innerJoin('theme', 'theme.id', 'theme_tag.theme_id')
			.select(['theme.name', 'theme_tag.item_type', 'theme_tag.consultation_id', 'theme_tag.tagged_at'])
			.where('theme_tag.tagged_by', '=', userId)
			.orderBy('theme_tag.tagged_at')
			.execute()
	]);
	return {
		themesCreated: themes.map((t) => ({
			name: t.name,
			consultationId: t.consultation_id,
			at: new Date(t.created_at).toISOString()
		})),
		itemsTagged: tags.map((t) => ({
			theme: t.name,
			itemType: t.item_type,
			consultationId: t.consultation_id,
			at: new Date(t.tagged_at).toISOString()
		}))
	};
}
