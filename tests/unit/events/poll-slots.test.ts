import { describe, expect, it } from 'vitest';
import {
	DEFAULT_SLOT_ROWS,
	MAX_POLL_SLOTS,
	parseSlotRows,
	slotRowCount,
	slotRowsFromForm
} from '../../../src/lib/events/poll-slots';

const row = (start: string, end: string, cap = '') => ({ start, end, cap });
const empty = row('', '');

describe('parseSlotRows', () => {
	it('gives every slot its own start, end and cap, sorted by start, skipping empty rows', () => {
		const r = parseSlotRows([
			row('2027-03-12T18:00', '2027-03-12T21:30', '12'),
			empty,
			row('2027-03-10T17:00', '2027-03-10T18:00'),
			row('2027-03-11T09:00', '2027-03-11T13:00', '3')
		]);
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.slots.map((s) => [s.startsAt.toISOString(), s.endsAt.toISOString(), s.cap])).toEqual([
			['2027-03-10T16:00:00.000Z', '2027-03-10T17:00:00.000Z', null],
			['2027-03-11T08:00:00.000Z', '2027-03-11T12:00:00.000Z', 3],
			['2027-03-12T17:00:00.000Z', '2027-03-12T20:30:00.000Z', 12]
		]);
	});

	it('reads Berlin wall time on both sides of the spring DST change (a slot over the gap is an hour shorter)', () => {
		const r = parseSlotRows([
			row('2027-03-27T18:00', '2027-03-27T20:00'),
			row('2027-03-28T01:00', '2027-03-28T04:00'),
			row('2027-03-29T18:00', '20:00')
		]);
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		const [a, b, c] = r.slots;
		expect(a.startsAt.toISOString()).toBe('2027-03-27T17:00:00.000Z');
		// 01:00 CET → 04:00 CEST is two real hours
		expect(b.endsAt.getTime() - b.startsAt.getTime()).toBe(2 * 3_600_000);
		// an end given as a time of day is on the start's day, in summer time
		expect(c.endsAt.toISOString()).toBe('2027-03-29T18:00:00.000Z');
	});

	it('accepts a time of day as the end, on the day of the start', () => {
		const r = parseSlotRows([row('2027-10-31T10:00', '12:15'), row('2027-11-01T10:00', '11:00', '5')]);
		expect(r.ok && r.slots[0].endsAt.toISOString()).toBe('2027-10-31T11:15:00.000Z');
	});

	it('names the row and the field of every error', () => {
		const r = parseSlotRows([
			row('2027-03-10T18:00', '2027-03-10T17:00'),
			row('morgen', '2027-03-10T20:00'),
			row('2027-03-11T18:00', ''),
			row('2027-03-12T18:00', '2027-03-12T20:00', '0'),
			row('2027-03-13T18:00', '2027-03-13T20:00', '2,5'),
			row('2027-03-14T18:00', '2027-03-18T20:00'),
			row('', '', '4')
		]);
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.form).toBeNull();
		expect(r.rows).toEqual([
			{ row: 1, field: 'end', code: 'slotEndBeforeStart' },
			{ row: 2, field: 'start', code: 'slotStartInvalid' },
			{ row: 3, field: 'end', code: 'slotEndInvalid' },
			{ row: 4, field: 'cap', code: 'slotCapInvalid' },
			{ row: 5, field: 'cap', code: 'slotCapInvalid' },
			{ row: 6, field: 'end', code: 'slotTooLong' },
			{ row: 7, field: 'start', code: 'slotStartInvalid' },
			{ row: 7, field: 'end', code: 'slotEndInvalid' }
		]);
	});

	it('does not blame a time-of-day end for an unreadable start', () => {
		const r = parseSlotRows([row('10.03.2027 18:00', '20:00'), row('2027-03-11T18:00', '20:00')]);
		expect(!r.ok && r.rows).toEqual([{ row: 1, field: 'start', code: 'slotStartInvalid' }]);
	});

	it('needs two to MAX_POLL_SLOTS slots', () => {
		expect(parseSlotRows([row('2027-03-10T18:00', '20:00'), empty, empty])).toEqual({
			ok: false,
			rows: [],
			form: 'slotsRequired'
		});
		expect(parseSlotRows([])).toMatchObject({ ok: false, form: 'slotsRequired' });
		const many = Array.from({ length: MAX_POLL_SLOTS + 1 }, (_, i) =>
			row(`2027-04-${String(i + 1).padStart(2, '0')}T18:00`, '20:00')
		);
		expect(parseSlotRows(many)).toMatchObject({ ok: false, form: 'slotsTooMany' });
		expect(parseSlotRows(many.slice(0, MAX_POLL_SLOTS)).ok).toBe(true);
	});
});

describe('slotRowsFromForm and slotRowCount', () => {
	it('aligns the repeated fields by position', () => {
		const f = new FormData();
		for (const [s, e, c] of [
			['2027-03-10T18:00', '2027-03-10T20:00', ''],
			['', '', ''],
			['2027-03-11T18:00', '21:00', '7']
		]) {
			f.append('slotStart', s);
			f.append('slotEnd', e);
			f.append('slotCap', c);
		}
		expect(slotRowsFromForm(f)).toEqual([
			row('2027-03-10T18:00', '2027-03-10T20:00'),
			empty,
			row('2027-03-11T18:00', '21:00', '7')
		]);
	});

	it('shows the default rows, the rows that came back, and more on request, up to the maximum', () => {
		expect(slotRowCount(0)).toBe(DEFAULT_SLOT_ROWS);
		expect(slotRowCount(5)).toBe(5);
		expect(slotRowCount(3, 1)).toBe(4);
		expect(slotRowCount(MAX_POLL_SLOTS, 3)).toBe(MAX_POLL_SLOTS);
	});
});
