// Which edits of a definition would break answers already collected (browser-safe, pure).
//
// After the first answer a survey's structure is frozen where answers depend on it: question keys and
// types, option codes, ranges and scales. Wording, help texts, translations, conditions, order and new
// OPTIONAL questions stay possible — as in LimeSurvey's active surveys, but with a reason per refusal.
import type { Question, QuestionnaireDefinition, QuestionOption } from './definition';

export interface BreakingChange {
	/** the question concerned (its old key) */
	key: string;
	/** i18n key in the survey-builder namespace, e.g. 'breaking.removed' */
	reason: string;
	/** the option/row/column code or the new key, where it helps the reader */
	ref?: string;
}

/** Types whose answers are stored; removing the others (info, page breaks) breaks nothing. */
function answered(q: Question): boolean {
	return q.type !== 'info' && q.type !== 'page_break';
}

function codes(list: QuestionOption[]): Set<string> {
	return new Set(list.map((o) => o.code));
}

function removedCodes(before: QuestionOption[], after: QuestionOption[]): string[] {
	const now = codes(after);
	return before.map((o) => o.code).filter((c) => !now.has(c));
}

/** true when the new lower bound admits less than the old one (undefined = unbounded) */
function raisedMin<T extends number | string>(before: T | undefined, after: T | undefined): boolean {
	return after !== undefined && (before === undefined || after > before);
}
function loweredMax<T extends number | string>(before: T | undefined, after: T | undefined): boolean {
	return after !== undefined && (before === undefined || after < before);
}

function compare(a: Question, b: Question): BreakingChange[] {
	const out: BreakingChange[] = [];
	const add = (reason: string, ref?: string) => out.push({ key: a.key, reason, ...(ref ? { ref } : {}) });
	if (a.type !== b.type) {
		// A short text may become a long one: the answer shape is the same and nothing gets shorter.
		if (!(a.type === 'short_text' && b.type === 'long_text')) add('breaking.type', b.type);
		return out;
	}
	switch (a.type) {
		case 'single_choice':
		case 'multiple_choice':
		case 'ranking': {
			const n = b as typeof a;
			for (const c of removedCodes(a.options, n.options)) add('breaking.optionRemoved', c);
			if (a.type !== 'ranking' && a.other && !(n as typeof a).other) add('breaking.otherRemoved');
			if (a.type === 'multiple_choice') {
				const m = n as typeof a;
				if (raisedMin(a.min, m.min)) add('breaking.minRaised');
				if (loweredMax(a.max, m.max)) add('breaking.maxLowered');
			}
			if (a.type === 'ranking') {
				const r = n as typeof a;
				if ((a.places ?? a.options.length) !== (r.places ?? r.options.length) && r.places !== undefined)
					add('breaking.places');
			}
			break;
		}
		case 'matrix': {
			const n = b as typeof a;
			for (const c of removedCodes(a.rows, n.rows)) add('breaking.rowRemoved', c);
			for (const c of removedCodes(a.columns, n.columns)) add('breaking.columnRemoved', c);
			break;
		}
		case 'short_text':
		case 'long_text': {
			const n = b as typeof a;
			if (raisedMin(a.minLength, n.minLength)) add('breaking.minLength');
			if (loweredMax(a.maxLength, n.maxLength)) add('breaking.maxLength');
			if (n.format !== undefined && n.format !== a.format) add('breaking.format');
			break;
		}
		case 'number': {
			const n = b as typeof a;
			if (raisedMin(a.min, n.min)) add('breaking.minRaised');
			if (loweredMax(a.max, n.max)) add('breaking.maxLowered');
			if (!a.integer && n.integer) add('breaking.integer');
			break;
		}
		case 'date': {
			const n = b as typeof a;
			if (raisedMin(a.min, n.min)) add('breaking.minRaised');
			if (loweredMax(a.max, n.max)) add('breaking.maxLowered');
			break;
		}
		case 'scale': {
			const n = b as typeof a;
			// Any change of the ends changes what a stored value means.
			if (a.min !== n.min || a.max !== n.max) add('breaking.scale');
			if (a.noAnswer && !n.noAnswer) add('breaking.noAnswer');
			break;
		}
		case 'file': {
			const n = b as typeof a;
			if (a.accept.some((t) => !n.accept.includes(t))) add('breaking.accept');
			if (n.maxBytes < a.maxBytes) add('breaking.maxBytes');
			if (n.maxFiles < a.maxFiles) add('breaking.maxFiles');
			break;
		}
		case 'area': {
			const n = b as typeof a;
			if (a.level !== n.level) add('breaking.level');
			break;
		}
		case 'map': {
			const n = b as typeof a;
			if (a.geometry.some((g) => !n.geometry.includes(g))) add('breaking.geometry');
			if (n.maxFeatures < a.maxFeatures) add('breaking.maxFeatures');
			break;
		}
		default:
			break;
	}
	return out;
}

/**
 * The changes from `before` to `after` that would break collected answers, each with a reason.
 * Empty means the edit may be saved on a survey that has answers.
 */
export function breakingChanges(
	before: QuestionnaireDefinition,
	after: QuestionnaireDefinition
): BreakingChange[] {
	const out: BreakingChange[] = [];
	const next = new Map(after.questions.map((q) => [q.key, q]));
	const old = new Set(before.questions.map((q) => q.key));
	const added = after.questions.filter((q) => !old.has(q.key));
	before.questions.forEach((q, i) => {
		const n = next.get(q.key);
		if (n) {
			out.push(...compare(q, n));
			return;
		}
		if (!answered(q)) return;
		// A question at the same place with the same type and a new key was renamed.
		const renamed = after.questions[i];
		if (renamed && !old.has(renamed.key) && renamed.type === q.type)
			out.push({ key: q.key, reason: 'breaking.keyChanged', ref: renamed.key });
		else out.push({ key: q.key, reason: 'breaking.removed' });
	});
	const renamedTo = new Set(out.filter((c) => c.reason === 'breaking.keyChanged').map((c) => c.ref));
	for (const q of added)
		if (q.required && answered(q) && !renamedTo.has(q.key))
			out.push({ key: q.key, reason: 'breaking.newRequired' });
	return out;
}

/** The reasons the builder shows (and tests check), one per i18n key used above. */
export const BREAKING_REASONS = [
	'breaking.type',
	'breaking.removed',
	'breaking.keyChanged',
	'breaking.optionRemoved',
	'breaking.otherRemoved',
	'breaking.rowRemoved',
	'breaking.columnRemoved',
	'breaking.minRaised',
	'breaking.maxLowered',
	'breaking.places',
	'breaking.minLength',
	'breaking.maxLength',
	'breaking.format',
	'breaking.integer',
	'breaking.scale',
	'breaking.noAnswer',
	'breaking.accept',
	'breaking.maxBytes',
	'breaking.level',
	'breaking.geometry',
	'breaking.maxFeatures',
	'breaking.newRequired'
] as const;
