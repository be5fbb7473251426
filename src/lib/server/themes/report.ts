// themesForReport: the themes with their synthesis, counts per area (small numbers suppressed) and
// representative quotes, for the report builder (issue 12, "Reports"). Reads only.
import { sql, type Kysely } from 'kysely';
import { decideDisclosure, type DisclosureArea } from '../../stats/disclosure';
import { scrubQuote } from '../../themes/suggest';
import type { ThemeItemType, ThemeSummary } from '../../themes/types';
import type { DB } from '../db/types';

export type { ThemeSummary };

export interface ThemesForReportInput {
	/** Areas to count in (any level, mixed levels allowed). Empty: no per-area counts, totals over all input. */
	areaIds: string[];
	/** Only themes of these consultations and city-wide themes, counting only these consultations' input. */
	consultationIds?: string[];
	/** Only these themes. */
	themeIds?: string[];
	/** Counts from 1 to k−1 are suppressed (config.smallCountK); default 3. */
	smallCountK?: number;
	/** Quotes per theme (default 3). */
	quotes?: number;
}

const DEFAULT_K = 3;

export async function themesForReport(db: Kysely<DB>, input: ThemesForReportInput): Promise<ThemeSummary[]> {
	const k = input.smallCountK ?? DEFAULT_K;
	const consultationIds = input.consultationIds?.length ? input.consultationIds : null;
	const themeIds = input.themeIds?.length ? input.themeIds : null;
	const areaIds = [...new Set(input.areaIds)];

	const themes = await db
		.selectFrom('theme')
		.select(['id', 'name', 'synthesis'])
		.$if(consultationIds !== null, (q) =>
			q.where((eb) =>
				eb.or([eb('consultation_id', 'is', null), eb('consultation_id', 'in', consultationIds!)])
			)
		)
		.$if(themeIds !== null, (q) => q.where('id', 'in', themeIds!))
		.orderBy('name')
		.execute();
	if (themes.length === 0) return [];
	const ids = themes.map((t) => t.id);

	const areas = areaIds.length
		? await db.selectFrom('area').select(['id', 'name', 'parent_id']).where('id', 'in', areaIds).execute()
		: [];
	const areaById = new Map(areas.map((a) => [a.id, a]));
	const knownAreaIds = areaIds.filter((id) => areaById.has(id));

	// Units per (theme, area): the tagged input whose assigned areas include the area.
	const perArea = knownAreaIds.length
		? await db
				.selectFrom('theme_tag as tt')
				.innerJoin('theme_item_area as ia', (j) =>
					j.onRef('ia.item_type', '=', 'tt.item_type').onRef('ia.item_id', '=', 'tt.item_id')
				)
				.select(['tt.theme_id', 'ia.area_id', (eb) => eb.fn.count<number>(sql`distinct ia.unit_id`).as('n')])
				.where('tt.theme_id', 'in', ids)
				.where('ia.area_id', 'in', knownAreaIds)
				.$if(consultationIds !== null, (q) => q.where('tt.consultation_id', 'in', consultationIds!))
				.groupBy(['tt.theme_id', 'ia.area_id'])
				.execute()
		: [];
	const counts = new Map<string, Map<string, number>>();
	for (const r of perArea) {
		const m = counts.get(r.theme_id) ?? new Map<string, number>();
		m.set(r.area_id!, Number(r.n));
		counts.set(r.theme_id, m);
	}

	// Totals: units in any of the areas (or all units when no areas are given).
	const totals = await db
		.selectFrom('theme_tag as tt')
		.$if(knownAreaIds.length > 0, (q) =>
			q.innerJoin('theme_item_area as u', (j) =>
				j.onRef('u.item_type', '=', 'tt.item_type').onRef('u.item_id', '=', 'tt.item_id')
			)
		)
		.$if(knownAreaIds.length === 0, (q) =>
			q.innerJoin('theme_item as u', (j) =>
				j.onRef('u.item_type', '=', 'tt.item_type').onRef('u.item_id', '=', 'tt.item_id')
			)
		)
		.select(['tt.theme_id', sql<number>`count(distinct u.unit_id)`.as('n')])
		.where('tt.theme_id', 'in', ids)
		.$if(knownAreaIds.length > 0, (q) => q.where(sql.ref('u.area_id'), 'in', knownAreaIds))
		.$if(consultationIds !== null, (q) => q.where('tt.consultation_id', 'in', consultationIds!))
		.groupBy('tt.theme_id')
		.execute();
	const totalById = new Map(totals.map((r) => [r.theme_id, Number(r.n)]));

	const quotes = await quotesFor(db, ids, knownAreaIds, consultationIds, input.quotes ?? 3);

	// Which areas are "top" (their parent is not among the requested ones): siblings under the whole.
	const disclosureAreas: DisclosureArea[] = knownAreaIds.map((id) => {
		const parentId = areaById.get(id)!.parent_id;
		return { id, parentId: parentId && areaById.has(parentId) ? parentId : null, population: null };
	});
	const tops = disclosureAreas.filter((a) => a.parentId === null);

	return themes.map((theme) => {
		const byArea = counts.get(theme.id) ?? new Map<string, number>();
		const areaCounts = new Map(knownAreaIds.map((id) => [id, [byArea.get(id) ?? 0]] as const));
		const { hidden } = decideDisclosure(
			disclosureAreas.map((a) => ({ ...a, size: byArea.get(a.id) ?? 0 })),
			areaCounts,
			{ minPopulation: 0, minCount: k }
		);
		const total = totalById.get(theme.id) ?? 0;
		// The total minus the published areas must not give one hidden area back.
		const countSuppressed = (total > 0 && total < k) || (tops.length === 1 && hidden.has(tops[0].id));
		return {
			id: theme.id,
			name: theme.name,
			synthesis: theme.synthesis,
			count: countSuppressed ? 0 : total,
			countSuppressed,
			countsByArea: knownAreaIds.map((areaId) => {
				const suppressed = hidden.has(areaId);
				return { areaId, count: suppressed ? 0 : (byArea.get(areaId) ?? 0), suppressed };
			}),
			quotes: (quotes.get(theme.id) ?? []).map((q) => ({
				text: q.text,
				itemType: q.itemType,
				// Naming a hidden area beside a quote would tell what the suppression hides.
				areaName: q.areaId && !hidden.has(q.areaId) ? (areaById.get(q.areaId)?.name ?? null) : null
			}))
		};
	});
}

interface QuoteRow {
	text: string;
	itemType: ThemeItemType;
	areaId: string | null;
}

/**
 * Up to `limit` quotes per theme: published input only, in the areas when areas are given; the texts
 * closest to the theme (full-text rank against the theme's name and the other tagged texts' words),
 * of readable length, one per item.
 */
async function quotesFor(
	db: Kysely<DB>,
	themeIds: string[],
	areaIds: string[],
	consultationIds: string[] | null,
	limit: number
): Promise<Map<string, QuoteRow[]>> {
	const result = new Map<string, QuoteRow[]>();
	if (limit <= 0) return result;
	const areaFilter = areaIds.length
		? sql`and exists (select 1 from qk.theme_item_area ia where ia.item_type = ti.item_type and ia.item_id = ti.item_id and ia.area_id in (${sql.join(areaIds)}))`
		: sql``;
	const consultationFilter = consultationIds
		? sql`and tt.consultation_id in (${sql.join(consultationIds)})`
		: sql``;
	const firstArea = areaIds.length
		? sql`(select ia.area_id::text from qk.theme_item_area ia where ia.item_type = c.item_type and ia.item_id = c.item_id and ia.area_id in (${sql.join(areaIds)}) order by ia.area_id limit 1)`
		: sql`null::text`;
	const rows = await sql<{ theme_id: string; item_type: string; text: string; area_id: string | null }>`
		with candidates as (
			select distinct on (tt.theme_id, ti.item_type, ti.item_id)
				tt.theme_id, ti.item_type, ti.item_id, ti.text,
				ts_rank(to_tsvector('german', ti.text),
					replace(plainto_tsquery('german', th.name)::text, '&', '|')::tsquery) as rank
			from qk.theme_tag tt
			join qk.theme th on th.id = tt.theme_id
			join qk.theme_item ti on ti.item_type = tt.item_type and ti.item_id = tt.item_id
			where tt.theme_id in (${sql.join(themeIds)}) and ti.quotable
				and length(btrim(ti.text)) >= 12
				${consultationFilter} ${areaFilter}
			order by tt.theme_id, ti.item_type, ti.item_id
		),
		ranked as (
			select c.*, row_number() over (
				partition by c.theme_id
				order by c.rank desc, abs(length(c.text) - 160), c.item_type, c.item_id
			) as position
			from candidates c
		)
		select c.theme_id, c.item_type, c.text, ${firstArea} as area_id
		from ranked c where c.position <= ${limit}
		order by c.theme_id, c.position`.execute(db);
	for (const r of rows.rows) {
		const list = result.get(r.theme_id) ?? [];
		list.push({ text: scrubQuote(r.text), itemType: r.item_type as ThemeItemType, areaId: r.area_id });
		result.set(r.theme_id, list);
	}
	return result;
}
