// Keyword suggestions computed in our database (PostgreSQL full-text search, german configuration; the
// same runs on PGlite): existing themes for items, and new theme names from frequent lexemes. The
// ranking itself is pure (src/lib/themes/suggest.ts).
import { sql, type Kysely } from 'kysely';
import {
	rankThemesForItem,
	suggestNewThemes as rankNewThemes,
	tokenize,
	type NewThemeSuggestion,
	type RankedTheme,
	type ThemeLexemes
} from '../../themes/suggest';
import type { DB } from '../db/types';

/** Lexemes of the themes usable in a consultation (its own and the city-wide ones). */
async function themeLexemes(db: Kysely<DB>, consultationId: string): Promise<ThemeLexemes[]> {
	const themes = await sql<{ id: string; name: string; name_lexemes: string[] }>`
		select t.id, t.name, tsvector_to_array(to_tsvector('german', t.name)) as name_lexemes
		from qk.theme t
		where t.consultation_id is null or t.consultation_id = ${consultationId}
		order by t.name`.execute(db);
	if (themes.rows.length === 0) return [];
	const items = await sql<{ theme_id: string; lexeme: string; n: number; total: number }>`
		with tagged as (
			select distinct tt.theme_id, ti.item_type, ti.item_id, ti.text
			from qk.theme_tag tt
			join qk.theme_item ti on ti.item_type = tt.item_type and ti.item_id = tt.item_id
			where tt.theme_id in (${sql.join(themes.rows.map((t) => t.id))})
		),
		per_item as (
			select theme_id, item_type, item_id, unnest(tsvector_to_array(to_tsvector('german', text))) as lexeme
			from tagged
		)
		select p.theme_id, p.lexeme, count(*)::int as n,
			(select count(*)::int from tagged t where t.theme_id = p.theme_id) as total
		from per_item p group by p.theme_id, p.lexeme`.execute(db);
	const byTheme = new Map<string, { lexemes: Map<string, number>; total: number }>();
	for (const r of items.rows) {
		const entry = byTheme.get(r.theme_id) ?? { lexemes: new Map<string, number>(), total: Number(r.total) };
		entry.lexemes.set(r.lexeme, Number(r.n));
		byTheme.set(r.theme_id, entry);
	}
	return themes.rows.map((t) => ({
		id: t.id,
		name: t.name,
		nameLexemes: t.name_lexemes,
		itemLexemes: byTheme.get(t.id)?.lexemes ?? new Map(),
		itemCount: byTheme.get(t.id)?.total ?? 0
	}));
}

/** The lexemes of texts, in the database's german configuration. */
export async function lexemesOf(db: Kysely<DB>, texts: readonly string[]): Promise<string[][]> {
	if (texts.length === 0) return [];
	const rows = await sql<{ i: number; lexemes: string[] }>`
		select t.i::int as i, tsvector_to_array(to_tsvector('german', t.text)) as lexemes
		from unnest(${sql.val([...texts])}::text[]) with ordinality as t(text, i)
		order by t.i`.execute(db);
	return rows.rows.map((r) => r.lexemes);
}

/**
 * For each item (text plus the themes it already has): up to 3 existing themes, best first.
 * Returned in the order of `items`.
 */
export async function suggestThemesForItems(
	db: Kysely<DB>,
	consultationId: string,
	items: readonly { text: string; themeIds: readonly string[] }[]
): Promise<RankedTheme[][]> {
	if (items.length === 0) return [];
	const [themes, lexemes] = await Promise.all([
		themeLexemes(db, consultationId),
		lexemesOf(
			db,
			items.map((i) => i.text)
		)
	]);
	if (themes.length === 0) return items.map(() => []);
	return items.map((item, n) =>
		rankThemesForItem(lexemes[n] ?? [], themes, { exclude: new Set(item.themeIds) })
	);
}

/**
 * New theme names from the consultation's frequent lexemes (ts_stat over all its input's texts),
 * without stop lexemes and the lexemes of existing theme names.
 */
export async function suggestNewThemes(
	db: Kysely<DB>,
	consultationId: string,
	options: { limit?: number } = {}
): Promise<NewThemeSuggestion[]> {
	// ts_stat takes the query as text: the consultation id goes in as a quoted literal.
	const stats = await sql<{ word: string; ndoc: number; nentry: number }>`
		select word, ndoc::int as ndoc, nentry::int as nentry
		from ts_stat(
			'select to_tsvector(''german'', text) from (select distinct item_type, item_id, text from qk.theme_item where consultation_id = '
				|| quote_literal(${consultationId}::text) || ') d'
		)
		where ndoc >= 2
		order by ndoc desc, nentry desc, word
		limit 200`.execute(db);
	const existing = await sql<{ lexeme: string }>`
		select distinct unnest(tsvector_to_array(to_tsvector('german', name))) as lexeme
		from qk.theme where consultation_id is null or consultation_id = ${consultationId}`.execute(db);
	const ranked = rankNewThemes(
		stats.rows.map((r) => ({ word: r.word, ndoc: Number(r.ndoc), nentry: Number(r.nentry) })),
		new Map(),
		new Set(existing.rows.map((r) => r.lexeme)),
		{ limit: options.limit ?? 8 }
	);
	if (ranked.length === 0) return [];
	// Readable names: the written forms of the texts' words whose lexeme is a suggested one.
	const texts = await db
		.selectFrom('theme_item')
		.select('text')
		.distinct()
		.where('consultation_id', '=', consultationId)
		.limit(2000)
		.execute();
	const words = [...new Set(texts.flatMap((t) => tokenize(t.text ?? '')))];
	const counts = new Map<string, number>();
	for (const t of texts) for (const w of tokenize(t.text ?? '')) counts.set(w, (counts.get(w) ?? 0) + 1);
	const wanted = new Set(ranked.map((r) => r.lexeme));
	const stems = await lexemesOf(db, words);
	const forms = new Map<string, Map<string, number>>();
	words.forEach((w, i) => {
		const lexeme = stems[i]?.[0];
		if (!lexeme || !wanted.has(lexeme)) return;
		const m = forms.get(lexeme) ?? new Map<string, number>();
		m.set(w, counts.get(w) ?? 0);
		forms.set(lexeme, m);
	});
	const nentry = new Map(stats.rows.map((r) => [r.word, Number(r.nentry)]));
	return rankNewThemes(
		ranked.map((r) => ({ word: r.lexeme, ndoc: r.ndoc, nentry: nentry.get(r.lexeme) ?? 0 })),
		forms,
		new Set(),
		{ limit: options.limit ?? 8, minDocs: 0 }
	);
}

/** The items of a consultation whose text contains the lexeme (for "create theme from a suggestion"). */
export async function itemsWithLexeme(
	db: Kysely<DB>,
	consultationId: string,
	lexeme: string,
	limit = 200
): Promise<string[]> {
	const rows = await sql<{ item_type: string; item_id: string }>`
		select distinct item_type, item_id from qk.theme_item
		where consultation_id = ${consultationId}
			and to_tsvector('german', text) @@ quote_literal(${lexeme})::tsquery
		order by item_type, item_id
		limit ${limit}`.execute(db);
	return rows.rows.map((r) => `${r.item_type}:${r.item_id}`);
}
