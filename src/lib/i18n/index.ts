// Server code and tests: languages plus translators over every language's strings. Browser code
// imports $lib/i18n/locales (names, negotiation) and $lib/i18n/translator (one language) instead, so
// that the page loads only its own language (tests/unit/i18n-client-imports.test.ts).
import type { i18n, TFunction } from 'i18next';
import type { Locale } from './locales';
import { resources } from './resources';
import { i18nFrom } from './translator';

export * from './locales';

// One translator per language for the whole process: nothing changes an instance after it is made
// (no changeLanguage, no added resources), and a clone per request cost more than a map request's SQL.
const perLocale = new Map<Locale, i18n>();

export function createI18n(locale: Locale): i18n {
	let instance = perLocale.get(locale);
	if (!instance) perLocale.set(locale, (instance = i18nFrom(resources, locale)));
	return instance;
}

export function translator(locale: Locale): TFunction {
	return createI18n(locale).t;
}

export type { TFunction };
