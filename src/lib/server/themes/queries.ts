// Reads of the themes workspace: the themes an actor may see, the consultations they may tag, and
// one page of a consultation's taggable input. Permissions are applied here in SQL filters and by
// the callers' can() checks (a forbidden consultation returns null, like a missing one).
import { sql, type Kysely } from 'kysely';
import { can } from '../auth/permissions';
import { pageOf, type CommandContext } from '../core';
import { loadConsultationRef, type ConsultationRef } from '../consultations/ref';
import type { DB } from '../db/types';
import type { TaggableItem, ThemeItemType, ThemeListEntry } from '../../themes/types';
import { TAGGING_PAGE_SIZE, type TaggingQuery } from './schemas';

/** Consultations whose input the actor may tag (newest first). */
export async function taggableConsultations(
	ctx: Pick<CommandContext, 'db' | 'actor'>
): Promise<{ id: string; slug: string; title: string; status: string }[]> {
	if (!can(ctx.actor, 'themes.workspace')) return [];
	const rows = await ctx.db
		.selectFrom('consultation')
		.select(['id', 'slug', 'title', 'status'])
		.orderBy('created_at', 'desc')
		.execute();
	const refs = await Promise.all(rows.map((r) => loadConsultationRef(ctx.db, { id: r.id })));
	return rows.filter((_, i) => refs[i] && can(ctx.actor, 'themes.tag', refs[i]!.subject));
}

/** City-wide themes and the themes of the given consultations, with their number of tagged units. */
export async function listThemes(
	db: Kysely<DB>,
	consultationIds: readonly string[]
): Promise<ThemeListEntry[]> {
	const rows = await db
		.selectFrom('theme as t')
		.leftJoin('consultation as c', 'c.id', 't.consultation_id')
		.select([
			't.id',
			't.name',
			't.synthesis',
			't.updated_at',
			'c.id as consultation_id',
			'c.slug',
			'c.title',
			(eb) =>
				eb
					.selectFrom('theme_tag as tt')
					.innerJoin('theme_item as ti', (j) =>
						j.onRef('ti.item_type', '=', 'tt.item_type').onRef('ti.item_id', '=', 'tt.item_id')
					)
					.select(sql<number>`count(distinct ti.item_type || ti.unit_id)`.as('n'))
					.whereRef('tt.theme_id', '=', 't.id')
					.as('count')
		])
		.where((eb) =>
			consultationIds.length
				? eb.or([eb('t.consultation_id', 'is', null), eb('t.consultation_id', 'in', [...consultationIds])])
				: eb('t.consultation_id', 'is', null)
		)
		.orderBy('t.name')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		name: r.name,
		synthesis: r.synthesis,
		consultation: r.consultation_id ? { id: r.consultation_id, slug: r.slug!, title: r.title! } : null,
		count: Number(r.count ?? 0),
		updatedAt: new Date(r.updated_at).toISOString()
	}));
}

/** The consultation, if the actor may tag its input; null otherwise (forbidden looks missing). */
export async function taggingConsultation(
	ctx: Pick<CommandContext, 'db' | 'actor'>,
	slug: string
): Promise<ConsultationRef | null> {
	if (!can(ctx.actor, 'themes.workspace')) return null;
	const ref = await loadConsultationRef(ctx.db, { slug });
	if (!ref || !can(ctx.actor, 'themes.tag', ref.subject)) return null;
	return ref;
}

export interface TaggingPage {
	items: TaggableItem[];
	total: number;
	page: number;
	pageCount: number;
}

/**
 * One page of a consultation's input for tagging: filtered by text (german full text or a substring),
 * type and theme ("none": untagged). Survey answers appear once per distinct answer value, with the
 * number of responses that gave it; no response id leaves the database.
 */
export async function listTaggableItems(
	db: Kysely<DB>,
	consultationId: string,
	query: TaggingQuery
): Promise<TaggingPage> {
	const q = query.q;
	const base = db
		.selectFrom('theme_item as ti')
		.where('ti.consultation_id', '=', consultationId)
		.$if(query.type !== '', (b) => b.where('ti.item_type', '=', query.type))
		.$if(q !== '', (b) =>
			b.where((eb) =>
				eb.or([
					sql<boolean>`to_tsvector('german', ti.text) @@ plainto_tsquery('german', ${q})`,
					sql<boolean>`strpos(lower(ti.text), lower(${q})) > 0`
				])
			)
		)
		.$if(query.theme === 'none', (b) =>
			b.where((eb) =>
				eb.not(
					eb.exists(
						eb
							.selectFrom('theme_tag as tt')
							.select(sql`1`.as('x'))
							.whereRef('tt.item_type', '=', 'ti.item_type')
							.whereRef('tt.item_id', '=', 'ti.item_id')
							.where('tt.consultation_id', '=', consultationId)
					)
				)
			)
		)
		.$if(query.theme !== '' && query.theme !== 'none', (b) =>
			b.where((eb) =>
				eb.exists(
					eb
						.selectFrom('theme_tag as tt')
						.select(sql`1`.as('x'))
						.whereRef('tt.item_type', '=', 'ti.item_type')
						.whereRef('tt.item_id', '=', 'ti.item_id')
						.where('tt.theme_id', '=', query.theme)
				)
			)
		);
	const grouped = base
		.select([
			'ti.item_type',
			'ti.item_id',
			sql<string>`min(ti.text)`.as('text'),
			sql<boolean>`bool_or(ti.quotable)`.as('quotable'),
			sql<string | null>`min(ti.channel)`.as('channel'),
			sql<number>`count(*)::int`.as('units'),
			sql<string | null>`max(ti.day)::text`.as('day')
		])
		.groupBy(['ti.item_type', 'ti.item_id']);
	const totalRow = await db
		.selectFrom(grouped.as('g'))
		.select(sql<number>`count(*)::int`.as('n'))
		.executeTakeFirst();
	const total = Number(totalRow?.n ?? 0);
	const { page, pageCount, offset } = pageOf(total, query.page, TAGGING_PAGE_SIZE);
	const rows = await grouped
		.orderBy(sql`max(ti.day)`, sql`desc nulls last`)
		.orderBy('ti.item_type')
		.orderBy('ti.item_id')
		.limit(TAGGING_PAGE_SIZE)
		.offset(offset)
		.execute();
	const tags = rows.length
		? await db
				.selectFrom('theme_tag')
				.select(['item_type', 'item_id', 'theme_id'])
				.where('consultation_id', '=', consultationId)
				.where((eb) =>
					eb.or(rows.map((r) => eb.and([eb('item_type', '=', r.item_type!), eb('item_id', '=', r.item_id!)])))
				)
				.execute()
		: [];
	const tagsOf = new Map<string, string[]>();
	for (const t of tags) {
		const key = `${t.item_type}:${t.item_id}`;
		tagsOf.set(key, [...(tagsOf.get(key) ?? []), t.theme_id]);
	}
	return {
		items: rows.map((r) => ({
			itemType: r.item_type as ThemeItemType,
			itemId: r.item_id!,
			text: r.text,
			quotable: r.quotable,
			channel: r.channel,
			units: Number(r.units),
			themeIds: tagsOf.get(`${r.item_type}:${r.item_id}`) ?? []
		})),
		total,
		page,
		pageCount
	};
}

/** The themes one may put on a consultation's input: its own and the city-wide ones. */
export async function themesForConsultation(
	db: Kysely<DB>,
	consultationId: string
): Promise<{ id: string; name: string; cityWide: boolean }[]> {
	const rows = await db
		.selectFrom('theme')
		.select(['id', 'name', 'consultation_id'])
		.where((eb) => eb.or([eb('consultation_id', 'is', null), eb('consultation_id', '=', consultationId)]))
		.orderBy('name')
		.execute();
	return rows.map((r) => ({ id: r.id, name: r.name, cityWide: r.consultation_id === null }));
}

/** Areas of one level (current versions) for the counts table; the levels to choose from. */
export async function areaLevelsWithAreas(
	db: Kysely<DB>
): Promise<{ key: string; name: string; areas: { id: string; key: string; name: string }[] }[]> {
	const rows = await db
		.selectFrom('area')
		.innerJoin('area_level', 'area_level.id', 'area.level_id')
		.select([
			'area_level.key as level_key',
			'area_level.name as level_name',
			'area.id',
			'area.key',
			'area.name'
		])
		.where('area.valid_to', 'is', null)
		.where('area_level.rank', '>', 0)
		.orderBy('area_level.rank')
		.orderBy('area.key')
		.execute();
	const levels = new Map<
		string,
		{ key: string; name: string; areas: { id: string; key: string; name: string }[] }
	>();
	for (const r of rows) {
		const level = levels.get(r.level_key) ?? { key: r.level_key, name: r.level_name, areas: [] };
		level.areas.push({ id: r.id, key: r.key, name: r.name });
		levels.set(r.level_key, level);
	}
	return [...levels.values()];
}
