import { describe, expect, it } from 'vitest';
import type { Question, QuestionnaireDefinition } from '../../../src/lib/questionnaire/definition';
import { breakingChanges } from '../../../src/lib/questionnaire/breaking';
import {
	addOption,
	addQuestion,
	duplicateQuestion,
	moveQuestion,
	newQuestion,
	removeOption,
	replaceQuestion
} from '../../../src/lib/questionnaire/edits';

const q = (x: Record<string, unknown>) =>
	({ required: false, text: { de: String(x.key) }, ...x }) as unknown as Question;

const base: QuestionnaireDefinition = {
	version: 1,
	questions: [
		q({
			key: 'F1',
			type: 'single_choice',
			display: 'radio',
			other: true,
			options: [
				{ code: 'A1', label: { de: 'Ja' } },
				{ code: 'A2', label: { de: 'Nein' } }
			]
		}),
		q({ key: 'F2', type: 'number', min: 0, max: 120, integer: false }),
		q({ key: 'F3', type: 'scale', min: 1, max: 5, noAnswer: false }),
		q({
			key: 'F4',
			type: 'matrix',
			rows: [{ code: 'SQ001', label: { de: 'a' } }],
			columns: [
				{ code: 'A1', label: { de: '1' } },
				{ code: 'A2', label: { de: '2' } }
			]
		}),
		q({ key: 'F5', type: 'short_text', maxLength: 200 }),
		q({ key: 'INFO1', type: 'info' }),
		q({ key: 'F6', type: 'date', min: '2026-01-01' })
	]
};

function patch(key: string, changes: Record<string, unknown>): QuestionnaireDefinition {
	const old = base.questions.find((x) => x.key === key)!;
	return replaceQuestion(base, key, { ...old, ...changes } as Question);
}
const reasons = (after: QuestionnaireDefinition) => breakingChanges(base, after).map((c) => c.reason);

describe('breakingChanges', () => {
	it('allows wording, help, translations, order, conditions, new optional questions and new options', () => {
		let after = patch('F1', {
			text: { de: 'Gefällt es Ihnen?', en: 'Do you like it?' },
			help: { de: 'Bitte ehrlich' }
		});
		after = moveQuestion(after, 'F3', -1);
		after = addQuestion(after, newQuestion(after, 'long_text'));
		after = addOption(after, 'F1', 'Vielleicht');
		after = replaceQuestion(after, 'F5', {
			...after.questions.find((x) => x.key === 'F5')!,
			condition: { combinator: 'or', clauses: [{ question: 'F1', op: 'equals', value: 'A1' }] }
		} as Question);
		after = duplicateQuestion(after, 'F2');
		// widening ranges and removing an info block break nothing
		after = replaceQuestion(after, 'F2', {
			...after.questions.find((x) => x.key === 'F2')!,
			min: -10,
			max: 200
		} as Question);
		after = { ...after, questions: after.questions.filter((x) => x.key !== 'INFO1') };
		// a short text may become a long one; making an old question required is allowed
		after = replaceQuestion(after, 'F5', {
			...after.questions.find((x) => x.key === 'F5')!,
			type: 'long_text',
			required: true
		} as Question);
		expect(breakingChanges(base, after)).toEqual([]);
	});

	it('refuses removing a question, renaming its key, changing its type', () => {
		expect(
			breakingChanges(base, { ...base, questions: base.questions.filter((x) => x.key !== 'F2') })
		).toEqual([{ key: 'F2', reason: 'breaking.removed' }]);
		expect(breakingChanges(base, patch('F2', { key: 'Alter' }))).toEqual([
			{ key: 'F2', reason: 'breaking.keyChanged', ref: 'Alter' }
		]);
		expect(reasons(patch('F5', { type: 'number' }))).toEqual(['breaking.type']);
		expect(reasons(patch('F3', { type: 'number', min: 1, max: 5, integer: true }))).toEqual([
			'breaking.type'
		]);
	});

	it('refuses removing options, rows, columns, "other", and changed codes', () => {
		expect(breakingChanges(base, removeOption(base, 'F1', 'A2'))).toEqual([
			{ key: 'F1', reason: 'breaking.optionRemoved', ref: 'A2' }
		]);
		const renamedCode = patch('F1', {
			options: [
				{ code: 'A1', label: { de: 'Ja' } },
				{ code: 'N', label: { de: 'Nein' } }
			]
		});
		expect(breakingChanges(base, renamedCode)).toEqual([
			{ key: 'F1', reason: 'breaking.optionRemoved', ref: 'A2' }
		]);
		expect(reasons(patch('F1', { other: false }))).toEqual(['breaking.otherRemoved']);
		expect(reasons(removeOption(base, 'F4', 'SQ001', 'rows'))).toEqual(['breaking.rowRemoved']);
		expect(reasons(removeOption(base, 'F4', 'A1', 'columns'))).toEqual(['breaking.columnRemoved']);
	});

	it('refuses narrowing ranges and changing the scale', () => {
		expect(reasons(patch('F2', { min: 18 }))).toEqual(['breaking.minRaised']);
		expect(reasons(patch('F2', { max: 99, integer: true }))).toEqual([
			'breaking.maxLowered',
			'breaking.integer'
		]);
		expect(reasons(patch('F3', { max: 7 }))).toEqual(['breaking.scale']);
		expect(reasons(patch('F3', { min: 0 }))).toEqual(['breaking.scale']);
		expect(reasons(patch('F5', { maxLength: 100, format: 'email' }))).toEqual([
			'breaking.maxLength',
			'breaking.format'
		]);
		expect(reasons(patch('F6', { min: '2026-02-01' }))).toEqual(['breaking.minRaised']);
		expect(reasons(patch('F6', { max: '2026-12-31' }))).toEqual(['breaking.maxLowered']);
		expect(reasons(patch('F6', { min: undefined }))).toEqual([]);
	});

	it('refuses a new required question (collected answers cannot have it)', () => {
		const after = addQuestion(base, { ...newQuestion(base, 'yes_no'), required: true });
		expect(breakingChanges(base, after)).toEqual([{ key: 'F7', reason: 'breaking.newRequired' }]);
	});
});

describe('file questions', () => {
	const fileQ = q({ key: 'DATEI', type: 'file', accept: ['image', 'pdf'], maxBytes: 5_000_000, maxFiles: 3 });
	const def: QuestionnaireDefinition = { version: 1, questions: [fileQ] };
	const after = (changes: Record<string, unknown>) =>
		breakingChanges(def, replaceQuestion(def, 'DATEI', { ...fileQ, ...changes } as Question)).map(
			(c) => c.reason
		);

	it('allows more kinds, larger files and more files', () => {
		expect(after({ maxBytes: 10_000_000, maxFiles: 5 })).toEqual([]);
	});

	it('refuses fewer kinds, smaller files and fewer files (collected files would not fit)', () => {
		expect(after({ accept: ['pdf'] })).toEqual(['breaking.accept']);
		expect(after({ maxBytes: 1_000_000 })).toEqual(['breaking.maxBytes']);
		expect(after({ maxFiles: 1 })).toEqual(['breaking.maxFiles']);
		expect(after({ type: 'short_text' })).toEqual(['breaking.type']);
	});
});
