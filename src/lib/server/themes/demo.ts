// Demo themes for Musterstadt (qk seed demo): a city-wide theme and one per demo consultation, each
// with a synthesis and tagged by the demo planner on the demo input that contains its words.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/types';

const DEMO_THEMES: { slug: string | null; name: string; query: string; synthesis: string }[] = [
	{
		slug: null,
		name: 'Schatten und Bäume',
		query: 'Bäume | Schatten',
		synthesis:
			'Viele wünschen sich mehr Schatten durch Bäume an Plätzen, Wegen und Haltestellen – besonders im Sommer und für ältere Menschen und Kinder.'
	},
	{
		slug: 'marktplatz-altstadt',
		name: 'Sitzgelegenheiten',
		query: 'Sitzbank',
		synthesis:
			'Mehrere Beiträge bitten um Bänke mit Lehne rund um den Marktplatz, vor allem für ältere Menschen.'
	},
	{
		slug: 'gruene-wege-musterstadt',
		name: 'Sicher über die Straße',
		query: 'Querung | Fußgänger',
		synthesis: 'Gewünscht werden sichere Querungen für Fußgängerinnen und Fußgänger entlang der grünen Wege.'
	}
];

export async function seedThemeDemo(trx: Kysely<DB>, now: Date): Promise<void> {
	const planner = await trx
		.selectFrom('app_user')
		.select('id')
		.where('email', '=', 'planung@musterstadt.example')
		.executeTakeFirst();
	for (const demo of DEMO_THEMES) {
		const consultation = demo.slug
			? await trx.selectFrom('consultation').select('id').where('slug', '=', demo.slug).executeTakeFirst()
			: null;
		if (demo.slug && !consultation) continue;
		const theme = await trx
			.insertInto('theme')
			.values({
				consultation_id: consultation?.id ?? null,
				name: demo.name,
				synthesis: demo.synthesis,
				created_by: planner?.id ?? null,
				created_at: now,
				updated_at: now,
				is_demo: true
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await sql`
			insert into qk.theme_tag (theme_id, item_type, item_id, consultation_id, tagged_by, tagged_at)
			select distinct ${theme.id}::uuid, ti.item_type, ti.item_id, ti.consultation_id, ${planner?.id ?? null}::uuid, ${now}::timestamptz
			from qk.theme_item ti
			join qk.consultation c on c.id = ti.consultation_id and c.is_demo
			where to_tsvector('german', ti.text) @@ to_tsquery('german', ${demo.query})
				${consultation ? sql`and ti.consultation_id = ${consultation.id}` : sql``}
			on conflict do nothing`.execute(trx);
	}
}

/** Removes the demo themes (their tags cascade). */
export async function removeThemeDemo(db: Kysely<DB>): Promise<void> {
	await db.deleteFrom('theme').where('is_demo', '=', true).execute();
}
