// Languages, their names and the negotiation of the page's language. Browser-safe: no strings, no i18next.
export const LOCALES = ['de', 'en', 'tr', 'ar', 'uk', 'ru'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'de';
export const LOCALE_COOKIE = 'qk_lang';
const RTL_LOCALES = new Set<Locale>(['ar']);

/** Each language's own name, shown in the language switch. */
export const LOCALE_NAMES: Record<Locale, string> = {
	de: 'Deutsch',
	en: 'English',
	tr: 'Türkçe',
	ar: 'العربية',
	uk: 'Українська',
	ru: 'Русский'
};

export function isLocale(value: unknown): value is Locale {
	return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

export function textDirection(locale: Locale): 'ltr' | 'rtl' {
	return RTL_LOCALES.has(locale) ? 'rtl' : 'ltr';
}

/** ?lang= wins (shareable links), then the cookie, then Accept-Language, then German. */
export function negotiateLocale(input: {
	query?: string | null;
	cookie?: string | null;
	acceptLanguage?: string | null;
}): Locale {
	if (isLocale(input.query)) return input.query;
	if (isLocale(input.cookie)) return input.cookie;
	const ranked = (input.acceptLanguage ?? '')
		.split(',')
		.map((part, index) => {
			const [tag, ...params] = part.trim().split(';');
			const q = params.find((p) => p.trim().startsWith('q='));
			return { lang: tag.trim().toLowerCase().split('-')[0], q: q ? Number(q.trim().slice(2)) : 1, index };
		})
		.filter((entry) => entry.lang && !Number.isNaN(entry.q) && entry.q > 0)
		.sort((a, b) => b.q - a.q || a.index - b.index);
	for (const entry of ranked) if (isLocale(entry.lang)) return entry.lang;
	return DEFAULT_LOCALE;
}
