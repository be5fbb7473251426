// The registration answers for organisers (staff only, never public): counts per answer for the
// manage page and one readable line per person for the check-in list and its CSV.
import type { TFunction } from '$lib/i18n';
import type { AnswerValue } from '../../questionnaire';
import { ACCESSIBILITY_KEY, CHILDCARE_KEY, LANGUAGE_KEY } from './questions';

export interface AnsweredRegistration {
	answers: unknown;
	areaName: string | null;
}

export interface AnswerCount {
	label: string;
	count: number;
}

function answerOf(answers: unknown, key: string): AnswerValue | undefined {
	if (!answers || typeof answers !== 'object') return undefined;
	return (answers as Record<string, AnswerValue>)[key];
}

function childcare(answers: unknown): boolean | null {
	const a = answerOf(answers, CHILDCARE_KEY);
	return a?.type === 'yes_no' ? a.yes : null;
}

function language(answers: unknown): string | null {
	const a = answerOf(answers, LANGUAGE_KEY);
	return a?.type === 'single_choice' ? a.choice : null;
}

function needs(answers: unknown): string | null {
	const a = answerOf(answers, ACCESSIBILITY_KEY);
	return (a?.type === 'long_text' || a?.type === 'short_text') && a.text.trim() ? a.text.trim() : null;
}

function languageLabel(code: string, t: TFunction): string {
	return t(`events.questions.lang_${code}`, { defaultValue: code });
}

/** Counts per answer (only answers somebody gave), in a fixed order: childcare, language, needs, area. */
export function summariseAnswers(rows: readonly AnsweredRegistration[], t: TFunction): AnswerCount[] {
	const counts = new Map<string, number>();
	const add = (label: string) => counts.set(label, (counts.get(label) ?? 0) + 1);
	for (const r of rows) {
		const c = childcare(r.answers);
		if (c !== null)
			add(
				`${t('events.questions.childcare')} ${t(c ? 'events.manage.answersYes' : 'events.manage.answersNo')}`
			);
	}
	for (const r of rows) {
		const l = language(r.answers);
		if (l) add(`${t('events.questions.language')} ${languageLabel(l, t)}`);
	}
	for (const r of rows) if (needs(r.answers)) add(t('events.manage.answersNeeds'));
	for (const r of rows) if (r.areaName) add(`${t('events.questions.residence')} ${r.areaName}`);
	return [...counts].map(([label, count]) => ({ label, count }));
}

/** One person's answers as short readable parts (empty when nothing was answered). */
export function describeAnswers(r: AnsweredRegistration, t: TFunction): string[] {
	const parts: string[] = [];
	const c = childcare(r.answers);
	if (c !== null)
		parts.push(
			`${t('events.facts.childcare')}: ${t(c ? 'events.manage.answersYes' : 'events.manage.answersNo')}`
		);
	const l = language(r.answers);
	if (l) parts.push(languageLabel(l, t));
	const n = needs(r.answers);
	if (n) parts.push(`${t('events.manage.answersNeeds')}: ${n}`);
	if (r.areaName) parts.push(r.areaName);
	return parts;
}
