import { describe, expect, it } from 'vitest';
import { repeatsExistingDate } from '../../../src/lib/events/added-date';
import { parseBerlinLocal } from '../../../src/lib/events/time';
import {
	pickedQuestionKeys,
	registrationQuestions,
	storedQuestionKeys
} from '../../../src/lib/server/events/questions';
import { AddDateForm, EventForm } from '../../../src/lib/server/events/schemas';

const base = {
	title: 'Werkstatt',
	type: 'planungswerkstatt',
	address: 'Bürgerhaus',
	startsAt: '2027-05-10T18:00',
	endsAt: '2027-05-10T20:00'
};

describe('picking registration questions', () => {
	it('reads the four checkboxes into keys in the fixed order, whatever order the form posts', () => {
		const form = EventForm.parse({ ...base, q_wohngebiet: 'on', q_kinderbetreuung: 'on' });
		expect(pickedQuestionKeys(form)).toEqual(['kinderbetreuung', 'wohngebiet']);
		expect(pickedQuestionKeys(EventForm.parse(base))).toEqual([]);
		// an unchecked box is absent; any other value than on/true/1 is not a pick
		expect(pickedQuestionKeys(EventForm.parse({ ...base, q_sprache: 'off' }))).toEqual([]);
	});

	it('stores exactly the picked questions, in the fixed order, and nothing for none', () => {
		expect(registrationQuestions([])).toBeNull();
		const def = registrationQuestions(['wohngebiet', 'sprache']);
		expect(def?.questions.map((q) => [q.key, q.type])).toEqual([
			['sprache', 'single_choice'],
			['wohngebiet', 'area']
		]);
		expect(storedQuestionKeys(JSON.parse(JSON.stringify(def)))).toEqual(['sprache', 'wohngebiet']);
		expect(storedQuestionKeys(null)).toEqual([]);
		expect(storedQuestionKeys({ nonsense: true })).toEqual([]);
	});

	it('keeps the stored definition of a question still picked (its area level stays)', () => {
		const stored = JSON.parse(
			JSON.stringify(registrationQuestions(['wohngebiet'], { levelKey: 'quartier' }))
		);
		const next = registrationQuestions(['barrierefreiheit', 'wohngebiet'], { stored });
		expect(next?.questions.map((q) => q.key)).toEqual(['barrierefreiheit', 'wohngebiet']);
		const residence = next?.questions.find((q) => q.key === 'wohngebiet');
		expect(residence?.type === 'area' && residence.level).toBe('quartier');
		// a new pick gets the default level
		const fresh = registrationQuestions(['wohngebiet'])?.questions[0];
		expect(fresh?.type === 'area' && fresh.level).toBe('stadtteil');
	});
});

describe('adding a date', () => {
	const at = (s: string) => parseBerlinLocal(s)!;
	const existing = [
		{ startsAt: at('2027-05-10T18:00'), status: 'scheduled' },
		{ startsAt: at('2027-06-10T18:00'), status: 'cancelled' },
		{ startsAt: at('2027-07-10T18:00'), status: 'moved' }
	];
	it('refuses a second date at the start of one not cancelled; a cancelled one may come again', () => {
		expect(repeatsExistingDate(existing, at('2027-05-10T18:00'))).toBe(true);
		expect(repeatsExistingDate(existing, at('2027-07-10T18:00'))).toBe(true);
		expect(repeatsExistingDate(existing, at('2027-06-10T18:00'))).toBe(false);
		expect(repeatsExistingDate(existing, at('2027-05-10T18:30'))).toBe(false);
		expect(repeatsExistingDate([], at('2027-05-10T18:00'))).toBe(false);
	});

	it('reads Berlin wall time and wants the end after the start', () => {
		const ok = AddDateForm.safeParse({ startsAt: '2027-07-01T18:00', endsAt: '2027-07-01T20:00' });
		expect(ok.success && ok.data.startsAt.toISOString()).toBe('2027-07-01T16:00:00.000Z');
		const before = AddDateForm.safeParse({ startsAt: '2027-07-01T18:00', endsAt: '2027-07-01T17:00' });
		expect(before.success).toBe(false);
		expect(before.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
			['endsAt', 'events.errors.endBeforeStart']
		]);
		const empty = AddDateForm.safeParse({ startsAt: '', endsAt: '' });
		expect(empty.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['endsAt', 'startsAt']);
	});
});
