// Edits of a questionnaire definition as pure functions (browser-safe): what the builder does, one
// step at a time. Every function returns a new definition and never mutates its input; the result is
// validated by the caller with `questionnaireDefinition` before it is stored.
import {
	QUESTION_TYPES,
	type Question,
	type QuestionnaireDefinition,
	type QuestionOption,
	type QuestionType
} from './definition';

export const EMPTY_DEFINITION: QuestionnaireDefinition = { version: 1, questions: [] };

const KEY_PREFIX: Record<QuestionType, string> = {
	single_choice: 'F',
	multiple_choice: 'F',
	short_text: 'F',
	long_text: 'F',
	number: 'F',
	date: 'F',
	scale: 'F',
	matrix: 'F',
	ranking: 'F',
	yes_no: 'F',
	file: 'F',
	area: 'F',
	map: 'F',
	info: 'INFO',
	page_break: 'SEITE'
};

/**
 * A key not used yet (keys compare case-insensitively, as SPSS does): a new question gets the prefix
 * and the smallest free number (F1, F2 …); a copy of F3 gets F3_2, F3_3 ….
 */
export function freshKey(def: QuestionnaireDefinition, base: string, copy = false): string {
	const used = new Set(def.questions.map((q) => q.key.toLowerCase()));
	const clean = (base.replace(/[^A-Za-z0-9_]/g, '').replace(/^[^A-Za-z]+/, '') || 'F').slice(0, 58);
	for (let n = copy ? 2 : 1; ; n++) {
		const key = copy ? `${clean}_${n}` : `${clean}${n}`;
		if (!used.has(key.toLowerCase())) return key;
	}
}

function defaultOptions(n: number): QuestionOption[] {
	return Array.from({ length: n }, (_, i) => ({ code: `A${i + 1}`, label: { de: `Antwort ${i + 1}` } }));
}

/** A new question of a type with sensible defaults (German placeholder texts are content, editable). */
export function newQuestion(def: QuestionnaireDefinition, type: QuestionType, text = ''): Question {
	const key = freshKey(def, KEY_PREFIX[type]);
	const base = { key, text: { de: text.trim() || key }, required: false };
	switch (type) {
		case 'single_choice':
			return { ...base, type, display: 'radio', options: defaultOptions(2), other: false };
		case 'multiple_choice':
			return { ...base, type, options: defaultOptions(2), other: false };
		case 'short_text':
		case 'long_text':
			return { ...base, type };
		case 'number':
			return { ...base, type, integer: false };
		case 'date':
			return { ...base, type };
		case 'scale':
			return { ...base, type, min: 1, max: 5, noAnswer: false };
		case 'matrix':
			return {
				...base,
				type,
				rows: [
					{ code: 'SQ001', label: { de: 'Aussage 1' } },
					{ code: 'SQ002', label: { de: 'Aussage 2' } }
				],
				columns: defaultOptions(3)
			};
		case 'ranking':
			return { ...base, type, options: defaultOptions(3) };
		case 'yes_no':
			return { ...base, type };
		case 'file':
			return { ...base, type, accept: ['image', 'pdf'], maxBytes: 5_000_000, maxFiles: 1 };
		case 'area':
			return { ...base, type, level: 'stadtteil', map: true };
		case 'map':
			return { ...base, type, geometry: ['point'], maxFeatures: 1 };
		case 'info':
			return { ...base, type };
		case 'page_break':
			return { ...base, type };
	}
}

export function isQuestionType(value: unknown): value is QuestionType {
	return typeof value === 'string' && (QUESTION_TYPES as readonly string[]).includes(value);
}

function indexOf(def: QuestionnaireDefinition, key: string): number {
	return def.questions.findIndex((q) => q.key === key);
}

/** Adds a question at the end, or after the question `afterKey`. */
export function addQuestion(
	def: QuestionnaireDefinition,
	q: Question,
	afterKey?: string
): QuestionnaireDefinition {
	const questions = [...def.questions];
	const at = afterKey === undefined ? -1 : indexOf(def, afterKey);
	if (at < 0) questions.push(q);
	else questions.splice(at + 1, 0, q);
	return { ...def, questions };
}

/** Replaces the question `key` by `q` (which may carry a new key before the first answer). */
export function replaceQuestion(
	def: QuestionnaireDefinition,
	key: string,
	q: Question
): QuestionnaireDefinition {
	const at = indexOf(def, key);
	if (at < 0) return def;
	const questions = [...def.questions];
	questions[at] = q;
	return { ...def, questions: key === q.key ? questions : renameReferences(questions, key, q.key) };
}

/** Removes a question; conditions and piping that name it are left for `danglingReferences` to report. */
export function removeQuestion(def: QuestionnaireDefinition, key: string): QuestionnaireDefinition {
	return { ...def, questions: def.questions.filter((q) => q.key !== key) };
}

/** Moves a question one place up (-1) or down (+1); at the ends nothing changes. */
export function moveQuestion(def: QuestionnaireDefinition, key: string, by: -1 | 1): QuestionnaireDefinition {
	const at = indexOf(def, key);
	const to = at + by;
	if (at < 0 || to < 0 || to >= def.questions.length) return def;
	const questions = [...def.questions];
	[questions[at], questions[to]] = [questions[to], questions[at]];
	return { ...def, questions };
}

/** Moves a question to a position (drag and drop); the position is clamped. */
export function moveQuestionTo(
	def: QuestionnaireDefinition,
	key: string,
	position: number
): QuestionnaireDefinition {
	const at = indexOf(def, key);
	if (at < 0) return def;
	const questions = [...def.questions];
	const [q] = questions.splice(at, 1);
	const to = Math.max(0, Math.min(questions.length, Math.trunc(position)));
	questions.splice(to, 0, q);
	return { ...def, questions };
}

/** Duplicates a question right after itself with a fresh key (the copy has no answers yet). */
export function duplicateQuestion(def: QuestionnaireDefinition, key: string): QuestionnaireDefinition {
	const at = indexOf(def, key);
	if (at < 0) return def;
	const copy = structuredClone(def.questions[at]) as Question;
	copy.key = freshKey(def, def.questions[at].key, true);
	return addQuestion(def, copy, key);
}

type WithOptions = Extract<Question, { options: QuestionOption[] }>;
export type OptionList = 'options' | 'rows' | 'columns';

function listOf(q: Question, list: OptionList): QuestionOption[] | undefined {
	if (list === 'options' && 'options' in q) return (q as WithOptions).options;
	if ((list === 'rows' || list === 'columns') && q.type === 'matrix') return q[list];
	return undefined;
}

/** Adds an answer option (or a matrix row/column) with a fresh code. */
export function addOption(
	def: QuestionnaireDefinition,
	key: string,
	label: string,
	list: OptionList = 'options'
): QuestionnaireDefinition {
	const at = indexOf(def, key);
	const q = def.questions[at];
	const options = q && listOf(q, list);
	if (!options) return def;
	const used = new Set(options.map((o) => o.code.toLowerCase()));
	const prefix = list === 'rows' ? 'SQ' : 'A';
	let n = options.length + 1;
	let code = list === 'rows' ? `${prefix}${String(n).padStart(3, '0')}` : `${prefix}${n}`;
	while (used.has(code.toLowerCase())) {
		n++;
		code = list === 'rows' ? `${prefix}${String(n).padStart(3, '0')}` : `${prefix}${n}`;
	}
	const next = structuredClone(q) as Question;
	listOf(next, list)!.push({ code, label: { de: label.trim() || code } });
	return replaceQuestion(def, key, next);
}

/** Removes an answer option (or a matrix row/column) by code. */
export function removeOption(
	def: QuestionnaireDefinition,
	key: string,
	code: string,
	list: OptionList = 'options'
): QuestionnaireDefinition {
	const q = def.questions[indexOf(def, key)];
	const options = q && listOf(q, list);
	if (!options) return def;
	const next = structuredClone(q) as Question;
	const nextList = listOf(next, list)!;
	nextList.splice(
		nextList.findIndex((o) => o.code === code),
		nextList.some((o) => o.code === code) ? 1 : 0
	);
	return replaceQuestion(def, key, next);
}

function renameInCondition(c: unknown, from: string, to: string): unknown {
	if (!c || typeof c !== 'object') return c;
	const o = c as Record<string, unknown>;
	if (Array.isArray(o.clauses))
		return { ...o, clauses: o.clauses.map((x) => renameInCondition(x, from, to)) };
	return o.question === from ? { ...o, question: to } : o;
}

function renameReferences(questions: Question[], from: string, to: string): Question[] {
	const pipe = new RegExp(`\\{\\{\\s*${from}\\s*\\}\\}`, 'g');
	return questions.map((q) => {
		const text = Object.fromEntries(
			Object.entries(q.text).map(([l, t]) => [l, typeof t === 'string' ? t.replace(pipe, `{{${to}}}`) : t])
		) as Question['text'];
		return {
			...q,
			text,
			...(q.condition ? { condition: renameInCondition(q.condition, from, to) as Question['condition'] } : {})
		};
	});
}

/** Keys named in a condition, depth first. */
export function conditionKeys(c: Question['condition']): string[] {
	if (!c) return [];
	return c.clauses.flatMap((x) => ('clauses' in x ? conditionKeys(x) : [x.question]));
}

/** Keys piped into a text as {{KEY}}. */
export function pipedKeys(q: Question): string[] {
	const keys = new Set<string>();
	for (const t of Object.values(q.text))
		if (typeof t === 'string')
			for (const m of t.matchAll(/\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g)) keys.add(m[1]);
	return [...keys];
}

export interface DefinitionProblem {
	key: string;
	/** i18n key in the surveys namespace */
	reason: string;
	ref?: string;
}

/**
 * Conditions and piping must name an EARLIER question that is answered (not info/page break);
 * the builder shows these problems and refuses to save them.
 */
export function danglingReferences(def: QuestionnaireDefinition): DefinitionProblem[] {
	const problems: DefinitionProblem[] = [];
	const before = new Map<string, Question>();
	for (const q of def.questions) {
		for (const ref of conditionKeys(q.condition)) {
			const target = before.get(ref);
			if (!target) problems.push({ key: q.key, reason: 'problem.conditionRef', ref });
			else if (target.type === 'info' || target.type === 'page_break')
				problems.push({ key: q.key, reason: 'problem.conditionType', ref });
		}
		for (const ref of pipedKeys(q))
			if (!before.has(ref)) problems.push({ key: q.key, reason: 'problem.pipeRef', ref });
		before.set(q.key, q);
	}
	return problems;
}
