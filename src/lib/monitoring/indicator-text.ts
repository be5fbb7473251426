// An indicator's texts in the reader's language (browser-safe): name, unit and description are given
// per language, German (the indicator's own columns) is the fallback; `…Lang` says which language the
// text is in, so pages can mark German text lang="de".
import { localizedText, type ContentTranslations } from '../i18n/content';
import type { Locale } from '../i18n/locales';

export const INDICATOR_TEXT_FIELDS = ['name', 'unit', 'definition'] as const;
export type IndicatorTextField = (typeof INDICATOR_TEXT_FIELDS)[number];
export type IndicatorTranslations = ContentTranslations<IndicatorTextField>;

export function localizeIndicator<T extends { name: string; unit: string; definition: string }>(
	indicator: T,
	translations: IndicatorTranslations | null | undefined,
	locale: Locale
): T & { nameLang: Locale; unitLang: Locale; definitionLang: Locale } {
	const name = localizedText(indicator.name, translations, 'name', locale);
	const unit = localizedText(indicator.unit, translations, 'unit', locale);
	const definition = localizedText(indicator.definition, translations, 'definition', locale);
	return {
		...indicator,
		name: name.text,
		unit: unit.text,
		definition: definition.text,
		nameLang: name.lang,
		unitLang: unit.lang,
		definitionLang: definition.lang
	};
}
