// Board settings: the posting and support periods are typed as Berlin wall-clock time (winter +1 h,
// summer +2 h), not UTC, and shown back the same way.
import { describe, expect, it } from 'vitest';
import { boardTimeForForm, boardTimeFromForm } from '../../../src/lib/ideas/board-times';
import { BoardSettings } from '../../../src/lib/server/ideas/schemas';

describe('board settings date-times', () => {
	it('reads a datetime-local value as Berlin time in winter and in summer', () => {
		expect(boardTimeFromForm('2027-01-15T18:00')).toBe('2027-01-15T17:00:00.000Z');
		expect(boardTimeFromForm('2027-07-15T18:00')).toBe('2027-07-15T16:00:00.000Z');
		// Midnight at the start of a day is still that day in Berlin (the day before in UTC).
		expect(boardTimeFromForm('2027-03-01T00:00')).toBe('2027-02-28T23:00:00.000Z');
	});

	it('shows a stored instant as the Berlin wall time it was typed as', () => {
		expect(boardTimeForForm(new Date('2027-01-15T17:00:00Z'))).toBe('2027-01-15T18:00');
		expect(boardTimeForForm(new Date('2027-07-15T16:00:00Z'))).toBe('2027-07-15T18:00');
		expect(boardTimeForForm(null)).toBe('');
		for (const v of ['2027-01-15T18:00', '2027-07-15T08:30', '2027-10-31T12:00'])
			expect(boardTimeForForm(new Date(boardTimeFromForm(v)))).toBe(v);
	});

	it('keeps empty empty and lets the schema refuse what is not a date-time', () => {
		expect(boardTimeFromForm('')).toBe('');
		expect(boardTimeFromForm('  ')).toBe('');
		const parsed = BoardSettings.safeParse({
			postingStartsAt: boardTimeFromForm('morgen früh'),
			statusPath: ['received', 'accepted']
		});
		expect(parsed.success).toBe(false);
		const good = BoardSettings.parse({
			postingEndsAt: boardTimeFromForm('2027-01-15T18:00'),
			statusPath: ['received', 'accepted']
		});
		expect(good.postingEndsAt?.toISOString()).toBe('2027-01-15T17:00:00.000Z');
		expect(good.postingStartsAt).toBeNull();
	});
});
