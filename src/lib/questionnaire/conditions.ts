// Conditions: whether a question or page is shown, from the earlier answers (and/or, nested).
import type { AnswerValue, Answers, Condition, ConditionClause, Question } from './definition';

function isGroup(c: ConditionClause | Condition): c is Condition {
	return 'combinator' in c;
}

/** The comparable values of an answer: option codes, the number, the text, 'yes'/'no' … */
export function answerTokens(a: AnswerValue | undefined): (string | number)[] {
	if (!a) return [];
	switch (a.type) {
		case 'single_choice':
			return [a.choice];
		case 'multiple_choice':
			return a.choices;
		case 'short_text':
		case 'long_text':
			return [a.text];
		case 'number':
			return [a.number];
		case 'date':
			return [a.date];
		case 'scale':
			return a.value === null ? [] : [a.value];
		case 'matrix':
			return Object.entries(a.rows).map(([row, col]) => `${row}:${col}`);
		case 'ranking':
			return a.order;
		case 'yes_no':
			return [a.yes ? 'yes' : 'no'];
		case 'file':
			return a.files.map((f) => f.uploadId);
		case 'area':
			return [a.areaId];
		case 'map':
			return a.areaId ? [a.areaId] : [];
	}
}

/** An answer counts as given when it carries something (an empty text or list is not an answer). */
export function isAnswered(a: AnswerValue | undefined): boolean {
	if (!a) return false;
	switch (a.type) {
		case 'short_text':
		case 'long_text':
			return a.text.trim() !== '';
		case 'multiple_choice':
			return a.choices.length > 0;
		case 'matrix':
			return Object.keys(a.rows).length > 0;
		case 'ranking':
			return a.order.length > 0;
		case 'map':
			return a.geometries.length > 0 || !!a.areaId || !!a.description?.trim();
		default:
			return true;
	}
}

const same = (x: string | number, v: string | number) => String(x) === String(v);

function clauseHolds(c: ConditionClause, answers: Answers): boolean {
	const a = answers[c.question];
	const tokens = answerTokens(a);
	switch (c.op) {
		case 'answered':
			return isAnswered(a);
		case 'not_answered':
			return !isAnswered(a);
		case 'equals':
			return c.value !== undefined && tokens.length > 0 && tokens.every((t) => same(t, c.value!));
		case 'not_equals':
			return c.value === undefined || !tokens.some((t) => same(t, c.value!));
		case 'includes':
			return c.value !== undefined && tokens.some((t) => same(t, c.value!));
		case 'gt':
		case 'lt': {
			const v = Number(c.value);
			if (c.value === undefined || Number.isNaN(v)) return false;
			const nums = tokens.map(Number).filter((n) => !Number.isNaN(n));
			if (nums.length === 0) return false;
			return c.op === 'gt' ? nums.every((n) => n > v) : nums.every((n) => n < v);
		}
	}
}

export function conditionHolds(condition: Condition | undefined, answers: Answers): boolean {
	if (!condition) return true;
	const results = condition.clauses.map((c) =>
		isGroup(c) ? conditionHolds(c, answers) : clauseHolds(c, answers)
	);
	return condition.combinator === 'and' ? results.every(Boolean) : results.some(Boolean);
}

/**
 * Which questions are shown for these answers, in order. A question whose condition refers to a hidden
 * question sees that question as unanswered (hidden answers do not count).
 */
export function visibleQuestionKeys(questions: readonly Question[], answers: Answers): Set<string> {
	const visible = new Set<string>();
	const effective: Answers = {};
	let pageShown = true;
	for (const q of questions) {
		if (q.type === 'page_break') {
			pageShown = conditionHolds(q.condition, effective);
			if (pageShown) visible.add(q.key);
			continue;
		}
		if (pageShown && conditionHolds(q.condition, effective)) {
			visible.add(q.key);
			if (answers[q.key]) effective[q.key] = answers[q.key];
		}
	}
	return visible;
}

/** The answers without those of hidden questions (what is stored at the end). */
export function pruneHidden(questions: readonly Question[], answers: Answers): Answers {
	const visible = visibleQuestionKeys(questions, answers);
	return Object.fromEntries(Object.entries(answers).filter(([k]) => visible.has(k)));
}
