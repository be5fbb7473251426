import { describe, expect, it } from 'vitest';
import { QUESTION_TYPES } from '../../../src/lib/questionnaire/definition';
import { fieldsToQuestion, questionToFields } from '../../../src/lib/questionnaire/builder-form';
import { EMPTY_DEFINITION, newQuestion } from '../../../src/lib/questionnaire/edits';

describe('builder form ↔ question', () => {
	it('round-trips a new question of every type', () => {
		for (const type of QUESTION_TYPES) {
			const q = newQuestion(EMPTY_DEFINITION, type, 'Frage');
			const back = fieldsToQuestion(questionToFields(q), type);
			expect(back, type).toEqual({ ok: true, question: q });
		}
	});

	it('reads options per language by code, auto-codes lines without one, and a flat condition', () => {
		const r = fieldsToQuestion(
			{
				key: 'Wohnen',
				'text.de': 'Wo wohnen Sie?',
				'text.en': 'Where do you live?',
				'options.de': 'A1 = Altstadt\nHafen\n',
				'options.en': 'A1 = Old town\nA2 = Harbour\nA9 = ignored',
				other: 'on',
				required: 'on',
				'cond.combinator': 'or',
				'cond.0.question': 'F1',
				'cond.0.op': 'equals',
				'cond.0.value': 'Y',
				'cond.1.question': 'F2',
				'cond.1.op': 'gt',
				'cond.1.value': '17,5'
			},
			'single_choice'
		);
		expect(r).toEqual({
			ok: true,
			question: {
				key: 'Wohnen',
				type: 'single_choice',
				display: 'radio',
				text: { de: 'Wo wohnen Sie?', en: 'Where do you live?' },
				required: true,
				other: true,
				options: [
					{ code: 'A1', label: { de: 'Altstadt', en: 'Old town' } },
					{ code: 'A2', label: { de: 'Hafen', en: 'Harbour' } }
				],
				condition: {
					combinator: 'or',
					clauses: [
						{ question: 'F1', op: 'equals', value: 'Y' },
						{ question: 'F2', op: 'gt', value: 17.5 }
					]
				}
			}
		});
	});

	it('returns field errors as i18n keys and keeps a nested condition unless dropped', () => {
		expect(
			fieldsToQuestion({ key: '1x', 'text.de': '', 'options.de': 'A1 = a\nA1 = b' }, 'single_choice')
		).toEqual({
			ok: false,
			errors: { key: 'form.key', 'text.de': 'form.textRequired', 'options.de': 'form.duplicateCode' }
		});
		expect(fieldsToQuestion({ key: 'N', 'text.de': 'Zahl', min: 'zehn' }, 'number')).toMatchObject({
			ok: false,
			errors: { min: 'form.number' }
		});
		const nested = {
			combinator: 'and',
			clauses: [{ combinator: 'or', clauses: [{ question: 'F1', op: 'answered' }] }]
		};
		const f = { key: 'J', 'text.de': 'Ja?', 'cond.keep': JSON.stringify(nested) };
		expect(fieldsToQuestion(f, 'yes_no')).toMatchObject({ ok: true, question: { condition: nested } });
		expect(fieldsToQuestion({ ...f, 'cond.drop': 'on' }, 'yes_no')).toEqual({
			ok: true,
			question: { key: 'J', type: 'yes_no', text: { de: 'Ja?' }, required: false }
		});
	});
});
