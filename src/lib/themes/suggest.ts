// Keyword suggestions for themes, the pure half (the database computes lexemes with the german
// full-text configuration, src/lib/server/themes/suggestions.ts). No external service: shared
// lexemes between an item and a theme, and frequent lexemes of a consultation's texts.

/**
 * Lexemes (german snowball stems) that say nothing about a theme in residents' input, on top of
 * PostgreSQL's german stop words (which to_tsvector removes already).
 */
export const THEME_STOP_LEXEMES: ReadonlySet<string> = new Set([
	'bitt',
	'dank',
	'gut',
	'schon',
	'mehr',
	'viel',
	'gibt',
	'geb',
	'wurd',
	'war',
	'ware',
	'wär',
	'hab',
	'sollt',
	'konnt',
	'musst',
	'mocht',
	'find',
	'meh',
	'imm',
	'eigent',
	'leid',
	'einfach',
	'ganz',
	'sehr',
	'neu',
	'gross',
	'klein',
	'all',
	'ja',
	'nein',
	'mal',
	'eher',
	'tag',
	'jahr',
	'zeit',
	'leut',
	'mensch',
	'stadt',
	'musterstadt',
	'beim',
	'dass',
	'wirklich',
	'endlich',
	'oft',
	'dafur',
	'dort',
	'hier',
	'geht',
	'mach',
	'gern',
	'wichtig',
	'probl',
	'ide',
	'sieht',
	'wenig',
	'vorschlag',
	'beitrag',
	'sieh',
	'seh',
	'komm',
	'steh',
	'lass',
	'gemacht',
	'sag',
	'weit',
	'lang',
	'bess',
	'schlecht',
	'fehlt',
	'fehl'
]);

/** True for a lexeme worth suggesting: at least 3 letters, no digits, not a stop lexeme. */
export function isThemeLexeme(lexeme: string): boolean {
	if (lexeme.length < 3) return false;
	if (/[0-9]/.test(lexeme)) return false;
	if (!/^\p{L}+$/u.test(lexeme)) return false;
	return !THEME_STOP_LEXEMES.has(lexeme);
}

export interface ThemeLexemes {
	id: string;
	name: string;
	/** Lexemes of the theme's name. */
	nameLexemes: readonly string[];
	/** Lexeme → in how many of the theme's tagged items it occurs. */
	itemLexemes: ReadonlyMap<string, number>;
	/** Number of tagged items. */
	itemCount: number;
}

export interface RankedTheme {
	id: string;
	name: string;
	score: number;
	/** The shared lexemes, best first (to explain the suggestion). */
	matched: string[];
}

/**
 * Ranks existing themes for an item with the given lexemes: a shared name lexeme counts 1; a lexeme the
 * theme's tagged items share counts the share of those items that contain it (at most 0.6 each, so a
 * theme with a matching name beats one with a single chance word in its items). Themes the item already
 * has and scores below minScore are left out; best first, ties by name.
 */
export function rankThemesForItem(
	itemLexemes: readonly string[],
	themes: readonly ThemeLexemes[],
	options: { exclude?: ReadonlySet<string>; minScore?: number; limit?: number } = {}
): RankedTheme[] {
	const minScore = options.minScore ?? 0.3;
	const words = new Set(itemLexemes.filter(isThemeLexeme));
	const ranked: RankedTheme[] = [];
	for (const theme of themes) {
		if (options.exclude?.has(theme.id)) continue;
		const contributions = new Map<string, number>();
		for (const lexeme of new Set(theme.nameLexemes)) if (words.has(lexeme)) contributions.set(lexeme, 1);
		if (theme.itemCount > 0) {
			for (const [lexeme, n] of theme.itemLexemes) {
				if (!words.has(lexeme) || !isThemeLexeme(lexeme)) continue;
				const share = Math.min(0.6, n / theme.itemCount);
				contributions.set(lexeme, (contributions.get(lexeme) ?? 0) + share);
			}
		}
		const score = [...contributions.values()].reduce((a, b) => a + b, 0);
		if (score < minScore) continue;
		const matched = [...contributions.entries()]
			.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
			.map(([l]) => l);
		ranked.push({ id: theme.id, name: theme.name, score: Math.round(score * 1000) / 1000, matched });
	}
	ranked.sort((a, b) => b.score - a.score || a.name.localeCompare(b.name, 'de'));
	return ranked.slice(0, options.limit ?? 3);
}

export interface LexemeStat {
	/** the lexeme (ts_stat's word) */
	word: string;
	/** number of texts containing it (ts_stat's ndoc) */
	ndoc: number;
	/** number of occurrences (ts_stat's nentry) */
	nentry: number;
}

export interface NewThemeSuggestion {
	lexeme: string;
	/** A readable name: the most frequent written form of the lexeme, capitalised. */
	name: string;
	ndoc: number;
}

/**
 * New theme names from a consultation's frequent lexemes: at least minDocs texts (default 2), stop
 * lexemes and lexemes of existing theme names removed; by ndoc, then nentry, then alphabetically.
 * surfaceForms: lexeme → written forms with their counts (from tokenize + the database's stemming).
 */
export function suggestNewThemes(
	stats: readonly LexemeStat[],
	surfaceForms: ReadonlyMap<string, ReadonlyMap<string, number>>,
	existingLexemes: ReadonlySet<string>,
	options: { minDocs?: number; limit?: number } = {}
): NewThemeSuggestion[] {
	const minDocs = options.minDocs ?? 2;
	return stats
		.filter((s) => s.ndoc >= minDocs && isThemeLexeme(s.word) && !existingLexemes.has(s.word))
		.sort((a, b) => b.ndoc - a.ndoc || b.nentry - a.nentry || a.word.localeCompare(b.word))
		.slice(0, options.limit ?? 8)
		.map((s) => ({ lexeme: s.word, name: themeNameFor(s.word, surfaceForms.get(s.word)), ndoc: s.ndoc }));
}

/** The most frequent written form (ties: the shortest, then alphabetical), first letter upper case. */
export function themeNameFor(lexeme: string, forms: ReadonlyMap<string, number> | undefined): string {
	const best = [...(forms ?? new Map<string, number>()).entries()].sort(
		(a, b) => b[1] - a[1] || a[0].length - b[0].length || a[0].localeCompare(b[0])
	)[0]?.[0];
	const word = best ?? lexeme;
	return word.charAt(0).toLocaleUpperCase('de') + word.slice(1);
}

/** Words of a text (letters only, lower case, at least 3 letters): the candidates for surface forms. */
export function tokenize(text: string): string[] {
	return (text.toLocaleLowerCase('de').match(/\p{L}+/gu) ?? []).filter((w) => w.length >= 3);
}

const EMAIL = /[\p{L}0-9._%+-]+@[\p{L}0-9.-]+\.\p{L}{2,}/gu;
const URL = /\bhttps?:\/\/\S+|\bwww\.\S+/giu;
const PHONE = /(?:\+|\b0)[0-9][0-9 /()-]{6,}[0-9]/g;

/**
 * A quote for a report: e-mail addresses, links and phone numbers replaced by "…", white space
 * collapsed, cut at maxLength on a word boundary with "…".
 */
export function scrubQuote(text: string, maxLength = 300): string {
	const clean = text.replace(EMAIL, '…').replace(URL, '…').replace(PHONE, '…').replace(/\s+/g, ' ').trim();
	if (clean.length <= maxLength) return clean;
	const cut = clean.slice(0, maxLength);
	const space = cut.lastIndexOf(' ');
	return `${(space > maxLength * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,.;:]+$/, '')} …`;
}
