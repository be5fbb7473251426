// Content (not UI strings) given per language, with German as the fallback: which text to show, and
// whether it is the German one (the page then marks it lang="de" and says so).
import type { Locale } from './locales';

export type ContentTranslations<F extends string> = Partial<Record<Locale, Partial<Record<F, string>>>>;

export interface LocalizedText {
	text: string;
	/** The language the text is in: the reader's, or 'de' when falling back. */
	lang: Locale;
	fallback: boolean;
}

export function localizedText<F extends string>(
	german: string,
	translations: ContentTranslations<F> | null | undefined,
	field: F,
	locale: Locale
): LocalizedText {
	if (locale === 'de') return { text: german, lang: 'de', fallback: false };
	const own = translations?.[locale]?.[field]?.trim();
	if (own) return { text: own, lang: locale, fallback: false };
	// An empty German text needs no note.
	return { text: german, lang: 'de', fallback: german.trim() !== '' };
}
