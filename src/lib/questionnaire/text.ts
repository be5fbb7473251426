// Texts of a questionnaire in the reader's language (German fallback) and piping of earlier answers.
import type { Locale } from '../i18n/locales';
import type { AnswerValue, Answers, Question } from './definition';

type Texts = Partial<Record<string, string | undefined>>;

export interface PickedText {
	text: string;
	/** the language the text is in (lang attribute) */
	lang: string;
}

export function pickText(texts: Texts | undefined, locale: Locale | string): PickedText {
	if (!texts) return { text: '', lang: 'de' };
	const own = locale === 'de' ? undefined : texts[locale]?.trim();
	return own ? { text: own, lang: String(locale) } : { text: texts.de ?? '', lang: 'de' };
}

/** Names for area answers (id → name), given by the caller (the engine has no database). */
export type AreaNames = Record<string, string>;

function optionLabel(
	options: readonly { code: string; label: Texts }[] | undefined,
	code: string,
	locale: Locale | string
): string {
	return pickText(options?.find((o) => o.code === code)?.label, locale).text || code;
}

/** The answer as plain text, for piping and lists ("Sonstiges: …" shows the typed text). */
export function answerText(
	q: Question | undefined,
	a: AnswerValue | undefined,
	locale: Locale | string,
	areaNames: AreaNames = {},
	words: { yes: string; no: string } = { yes: 'ja', no: 'nein' }
): string {
	if (!a) return '';
	const opts = q && 'options' in q ? q.options : undefined;
	switch (a.type) {
		case 'single_choice':
			return a.choice === '_other' ? (a.other ?? '') : optionLabel(opts, a.choice, locale);
		case 'multiple_choice':
			return a.choices
				.map((c) => (c === '_other' ? (a.other ?? '') : optionLabel(opts, c, locale)))
				.filter(Boolean)
				.join(', ');
		case 'short_text':
		case 'long_text':
			return a.text;
		case 'number':
			return String(a.number);
		case 'date':
			return a.date;
		case 'scale':
			return a.value === null ? '' : String(a.value);
		case 'matrix': {
			const rows = q?.type === 'matrix' ? q : undefined;
			return Object.entries(a.rows)
				.map(([r, c]) => `${optionLabel(rows?.rows, r, locale)}: ${optionLabel(rows?.columns, c, locale)}`)
				.join('; ');
		}
		case 'ranking':
			return a.order.map((c) => optionLabel(opts, c, locale)).join(', ');
		case 'yes_no':
			return a.yes ? words.yes : words.no;
		case 'file':
			return a.files.map((f) => f.name).join(', ');
		case 'area':
			return areaNames[a.areaId] ?? '';
		case 'map':
			return a.areaId ? (areaNames[a.areaId] ?? '') : (a.description ?? '');
	}
}

const PIPE = /\{\{\s*([A-Za-z][A-Za-z0-9_]{0,63})\s*\}\}/g;

/**
 * Replaces {{KEY}} with the display text of the earlier answer (empty when unanswered). The result is
 * plain text: render it as text, never as HTML (a typed "<b>" stays visible characters).
 */
export function pipeText(
	text: string,
	questions: readonly Question[],
	answers: Answers,
	locale: Locale | string,
	areaNames: AreaNames = {}
): string {
	if (!text.includes('{{')) return text;
	return text.replace(PIPE, (_, key: string) =>
		answerText(
			questions.find((q) => q.key === key),
			answers[key],
			locale,
			areaNames
		)
	);
}

/** The keys a text pipes in (the builder warns when one is not an earlier question). */
export function pipedKeys(text: string): string[] {
	return [...text.matchAll(PIPE)].map((m) => m[1]);
}
