// The registration questions an organiser can switch on: childcare needed (yes/no), language (single
// choice), accessibility needs (long text), area of residence (area question). Stored per event as a
// QuestionnaireDefinition; answers as the engine's Answers. The texts come from the locale files
// (events.questions.*) in every language, so the stored definition carries all six.
import { LOCALES, translator } from '$lib/i18n';
import { questionnaireDefinition, type QuestionnaireDefinition } from '../../questionnaire';

export const RESIDENCE_KEY = 'wohngebiet';
export const CHILDCARE_KEY = 'kinderbetreuung';
export const LANGUAGE_KEY = 'sprache';
export const ACCESSIBILITY_KEY = 'barrierefreiheit';

/** One text per language from the locale files, e.g. { de: '…', en: '…', tr: '…', … }. */
export function textInAllLocales(key: string): Record<string, string> {
	return Object.fromEntries(LOCALES.map((l) => [l, translator(l)(key)]));
}

export function defaultRegistrationQuestions(levelKey = 'stadtteil'): QuestionnaireDefinition {
	return questionnaireDefinition.parse({
		version: 1,
		questions: [
			{ key: CHILDCARE_KEY, type: 'yes_no', text: textInAllLocales('events.questions.childcare') },
			{
				key: LANGUAGE_KEY,
				type: 'single_choice',
				text: textInAllLocales('events.questions.language'),
				options: LOCALES.map((code) => ({ code, label: textInAllLocales(`events.questions.lang_${code}`) }))
			},
			{
				key: ACCESSIBILITY_KEY,
				type: 'long_text',
				maxLength: 1000,
				text: textInAllLocales('events.questions.accessibility')
			},
			{
				key: RESIDENCE_KEY,
				type: 'area',
				level: levelKey,
				map: false,
				text: textInAllLocales('events.questions.residence')
			}
		]
	});
}
