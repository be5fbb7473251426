import { DEFAULT_LOCALE, isLocale } from '$lib/i18n/locales';
import { loadLanguage } from '$lib/i18n/translator';
import type { LayoutLoad } from './$types';

// The page's language is loaded before the page renders (first paint, hydration and a language
// switch alike), and only that language: the browser never fetches the other five.
export const load: LayoutLoad = async ({ data }) => {
	const locale = isLocale(data.locale) ? data.locale : DEFAULT_LOCALE;
	return { ...data, locale, translations: await loadLanguage(locale) };
};
