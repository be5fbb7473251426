// The one way a translator is made, on the server (every language, resources.ts) and in the browser
// (only the page's language, loaded with loadLanguage before the page renders).
import i18next, { type i18n } from 'i18next';
import { DEFAULT_LOCALE, LOCALES, type Locale } from './locales';
import { languageLoaders } from './languages';

/** One language's strings: namespace → nested keys. */
export type Translations = Record<string, unknown>;
export type Resources = Partial<Record<Locale, { translation: Translations }>>;

// One initialised instance per resource set (the store is shared read-only by its clones).
const bases = new WeakMap<object, i18n>();

function baseInstance(resources: Resources): i18n {
	let base = bases.get(resources);
	if (!base) {
		base = i18next.createInstance();
		void base.init({
			lng: DEFAULT_LOCALE,
			// German is the fallback wherever it is loaded (the server); the browser loads one complete
			// language (tests/unit/i18n-complete.test.ts checks every key and plural form).
			fallbackLng: resources[DEFAULT_LOCALE] ? DEFAULT_LOCALE : false,
			supportedLngs: [...LOCALES],
			resources,
			initAsync: false,
			returnNull: false,
			// Svelte escapes text itself; escaping here would double-escape.
			interpolation: { escapeValue: false }
		});
		bases.set(resources, base);
	}
	return base;
}

/** A per-request (or per-page) instance in the given language over the given strings. */
export function i18nFrom(resources: Resources, locale: Locale): i18n {
	return baseInstance(resources).cloneInstance({ lng: locale, initAsync: false });
}

const single = new WeakMap<Translations, Resources>();

/** A translator over one language's strings (the browser: what loadLanguage returned). */
export function i18nForLanguage(locale: Locale, translations: Translations): i18n {
	let resources = single.get(translations);
	if (!resources) single.set(translations, (resources = { [locale]: { translation: translations } }));
	return i18nFrom(resources, locale);
}

/** Loads one language's strings (a separate chunk in the browser). */
export async function loadLanguage(locale: Locale): Promise<Translations> {
	return (await languageLoaders[locale]()).default;
}
