// The registration questions an organiser can pick, each on its own: childcare needed (yes/no),
// language (single choice), accessibility needs (long text), area of residence (area question).
// Stored per event as a QuestionnaireDefinition holding the picked ones in a fixed order (the order
// of REGISTRATION_QUESTION_KEYS); answers as the engine's Answers. The texts come from the locale
// files (events.questions.*) in every language, so the stored definition carries all six.
import { LOCALES, translator } from '$lib/i18n';
import {
	questionField,
	REGISTRATION_QUESTION_KEYS,
	type QuestionField,
	type RegistrationQuestionKey
} from '../../events/types';
import { questionnaireDefinition, type Question, type QuestionnaireDefinition } from '../../questionnaire';

export { questionField, REGISTRATION_QUESTION_KEYS, type QuestionField, type RegistrationQuestionKey };
export const CHILDCARE_KEY = 'kinderbetreuung' satisfies RegistrationQuestionKey;
export const LANGUAGE_KEY = 'sprache' satisfies RegistrationQuestionKey;
export const ACCESSIBILITY_KEY = 'barrierefreiheit' satisfies RegistrationQuestionKey;
export const RESIDENCE_KEY = 'wohngebiet' satisfies RegistrationQuestionKey;

/** One text per language from the locale files, e.g. { de: '…', en: '…', tr: '…', … }. */
export function textInAllLocales(key: string): Record<string, string> {
	return Object.fromEntries(LOCALES.map((l) => [l, translator(l)(key)]));
}

function questionFor(key: RegistrationQuestionKey, levelKey: string): unknown {
	switch (key) {
		case CHILDCARE_KEY:
			return { key, type: 'yes_no', text: textInAllLocales('events.questions.childcare') };
		case LANGUAGE_KEY:
			return {
				key,
				type: 'single_choice',
				text: textInAllLocales('events.questions.language'),
				options: LOCALES.map((code) => ({ code, label: textInAllLocales(`events.questions.lang_${code}`) }))
			};
		case ACCESSIBILITY_KEY:
			return {
				key,
				type: 'long_text',
				maxLength: 1000,
				text: textInAllLocales('events.questions.accessibility')
			};
		case RESIDENCE_KEY:
			return {
				key,
				type: 'area',
				level: levelKey,
				map: false,
				text: textInAllLocales('events.questions.residence')
			};
	}
}

/** The picked keys of a form (the four checkboxes), in the fixed order; unknown keys never appear. */
export function pickedQuestionKeys(
	input: Partial<Record<QuestionField, boolean>>
): RegistrationQuestionKey[] {
	return REGISTRATION_QUESTION_KEYS.filter((k) => input[questionField(k)] === true);
}

/** The keys of a stored definition that are pickable questions (what the edit form shows checked). */
export function storedQuestionKeys(stored: unknown): RegistrationQuestionKey[] {
	const parsed = stored ? questionnaireDefinition.safeParse(stored) : null;
	if (!parsed?.success) return [];
	const keys = new Set(parsed.data.questions.map((q) => q.key));
	return REGISTRATION_QUESTION_KEYS.filter((k) => keys.has(k));
}

/**
 * The definition to store for the picked questions (null when none is picked). A question already
 * stored keeps its stored definition (its level, its texts), so the answers given to it stay valid.
 */
export function registrationQuestions(
	keys: readonly RegistrationQuestionKey[],
	options: { levelKey?: string; stored?: unknown } = {}
): QuestionnaireDefinition | null {
	const picked = REGISTRATION_QUESTION_KEYS.filter((k) => keys.includes(k));
	if (picked.length === 0) return null;
	const parsed = options.stored ? questionnaireDefinition.safeParse(options.stored) : null;
	const before = new Map<string, Question>(
		parsed?.success ? parsed.data.questions.map((q) => [q.key, q] as const) : []
	);
	return questionnaireDefinition.parse({
		version: 1,
		questions: picked.map((k) => before.get(k) ?? questionFor(k, options.levelKey ?? 'stadtteil'))
	});
}

/** All four questions (the demo's events ask them all). */
export function defaultRegistrationQuestions(levelKey = 'stadtteil'): QuestionnaireDefinition {
	return registrationQuestions(REGISTRATION_QUESTION_KEYS, { levelKey })!;
}
