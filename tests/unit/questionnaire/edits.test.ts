import { describe, expect, it } from 'vitest';
import {
	QUESTION_TYPES,
	questionnaireDefinition,
	type QuestionnaireDefinition
} from '../../../src/lib/questionnaire/definition';
import {
	EMPTY_DEFINITION,
	addOption,
	addQuestion,
	danglingReferences,
	duplicateQuestion,
	moveQuestion,
	moveQuestionTo,
	newQuestion,
	removeOption,
	removeQuestion,
	replaceQuestion
} from '../../../src/lib/questionnaire/edits';

function build(...types: (typeof QUESTION_TYPES)[number][]): QuestionnaireDefinition {
	return types.reduce((d, t) => addQuestion(d, newQuestion(d, t)), EMPTY_DEFINITION);
}

describe('definition edits', () => {
	it('a new question of every type is a valid definition with fresh keys', () => {
		const def = build(...QUESTION_TYPES);
		expect(questionnaireDefinition.safeParse(def).success).toBe(true);
		expect(new Set(def.questions.map((q) => q.key)).size).toBe(QUESTION_TYPES.length);
		expect(def.questions.slice(0, 3).map((q) => q.key)).toEqual(['F1', 'F2', 'F3']);
		expect(def.questions.find((q) => q.type === 'page_break')?.key).toBe('SEITE1');
	});

	it('adds after a question, moves up/down at the ends and to a position', () => {
		let def = build('short_text', 'number', 'date');
		def = addQuestion(def, newQuestion(def, 'yes_no'), 'F1');
		expect(def.questions.map((q) => q.key)).toEqual(['F1', 'F4', 'F2', 'F3']);
		expect(moveQuestion(def, 'F1', -1)).toBe(def);
		expect(moveQuestion(def, 'F3', 1)).toBe(def);
		expect(moveQuestion(def, 'F2', -1).questions.map((q) => q.key)).toEqual(['F1', 'F2', 'F4', 'F3']);
		expect(moveQuestion(def, 'F1', 1).questions.map((q) => q.key)).toEqual(['F4', 'F1', 'F2', 'F3']);
		expect(moveQuestionTo(def, 'F3', 0).questions.map((q) => q.key)).toEqual(['F3', 'F1', 'F4', 'F2']);
		expect(moveQuestionTo(def, 'F1', 99).questions.map((q) => q.key)).toEqual(['F4', 'F2', 'F3', 'F1']);
		// the input is never mutated
		expect(def.questions.map((q) => q.key)).toEqual(['F1', 'F4', 'F2', 'F3']);
	});

	it('duplicates with a fresh key right after the original, deep-copied', () => {
		const def = build('single_choice', 'number');
		const dup = duplicateQuestion(def, 'F1');
		expect(dup.questions.map((q) => q.key)).toEqual(['F1', 'F1_2', 'F2']);
		expect(duplicateQuestion(dup, 'F1').questions.map((q) => q.key)).toEqual(['F1', 'F1_3', 'F1_2', 'F2']);
		const copy = dup.questions[1];
		if (copy.type !== 'single_choice') throw new Error('type');
		copy.options[0].label.de = 'geändert';
		const orig = dup.questions[0];
		if (orig.type !== 'single_choice') throw new Error('type');
		expect(orig.options[0].label.de).toBe('Antwort 1');
	});

	it('adds and removes options, matrix rows and columns with fresh codes', () => {
		let def = build('single_choice', 'matrix');
		def = addOption(def, 'F1', 'Drei');
		def = removeOption(def, 'F1', 'A1');
		def = addOption(def, 'F1', 'Vier');
		const q = def.questions[0];
		if (q.type !== 'single_choice') throw new Error('type');
		expect(q.options.map((o) => [o.code, o.label.de])).toEqual([
			['A2', 'Antwort 2'],
			['A3', 'Drei'],
			['A4', 'Vier']
		]);
		def = addOption(def, 'F2', 'Aussage 3', 'rows');
		def = addOption(def, 'F2', '', 'columns');
		const m = def.questions[1];
		if (m.type !== 'matrix') throw new Error('type');
		expect(m.rows.map((r) => r.code)).toEqual(['SQ001', 'SQ002', 'SQ003']);
		expect(m.columns.at(-1)).toEqual({ code: 'A4', label: { de: 'A4' } });
		// options on a type without options change nothing
		expect(addOption(def, 'F2', 'x')).toBe(def);
	});

	it('renaming a key renames conditions and piping that name it; removing leaves them reported', () => {
		let def = build('yes_no', 'short_text');
		def = replaceQuestion(def, 'F2', {
			...def.questions[1],
			text: { de: 'Sie sagten {{F1}} – warum?' },
			condition: { combinator: 'and', clauses: [{ question: 'F1', op: 'equals', value: 'Y' }] }
		});
		expect(danglingReferences(def)).toEqual([]);
		const renamed = replaceQuestion(def, 'F1', { ...def.questions[0], key: 'Zufrieden' });
		expect(renamed.questions[1].text.de).toBe('Sie sagten {{Zufrieden}} – warum?');
		expect(renamed.questions[1].condition?.clauses[0]).toMatchObject({ question: 'Zufrieden' });
		const removed = removeQuestion(def, 'F1');
		expect(danglingReferences(removed)).toEqual([
			{ key: 'F2', reason: 'problem.conditionRef', ref: 'F1' },
			{ key: 'F2', reason: 'problem.pipeRef', ref: 'F1' }
		]);
		// a condition on a later question is refused too (answers are given in order)
		const moved = moveQuestion(def, 'F2', -1);
		expect(danglingReferences(moved).map((p) => p.reason)).toContain('problem.conditionRef');
	});
});
