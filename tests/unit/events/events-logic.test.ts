import { describe, expect, it } from 'vitest';
import { buildIcs, occurrenceUid } from '../../../src/lib/events/ics';
import { expandRecurrence } from '../../../src/lib/events/recurrence';
import { rankSlots } from '../../../src/lib/events/slots';
import { parseBerlinLocal, toBerlinLocal } from '../../../src/lib/events/time';

describe('Berlin wall times', () => {
	it('reads 18:00 as 17:00Z in winter and 16:00Z in summer', () => {
		expect(parseBerlinLocal('2027-03-27T18:00')?.toISOString()).toBe('2027-03-27T17:00:00.000Z');
		expect(parseBerlinLocal('2027-03-29T18:00')?.toISOString()).toBe('2027-03-29T16:00:00.000Z');
		expect(toBerlinLocal(new Date('2027-10-31T17:00:00Z'))).toBe('2027-10-31T18:00');
		expect(parseBerlinLocal('2027-13-01T18:00')).toBeNull();
		expect(parseBerlinLocal('gestern')).toBeNull();
	});
});

describe('expandRecurrence', () => {
	const first = {
		startsAt: parseBerlinLocal('2027-01-31T18:00')!,
		endsAt: parseBerlinLocal('2027-01-31T20:00')!
	};
	it('every six months keeps 18:00 Berlin across summer time and clamps to the month end', () => {
		const dates = expandRecurrence(first, { unit: 'month', interval: 6, count: 3 }).map((d) =>
			toBerlinLocal(d.startsAt)
		);
		expect(dates).toEqual(['2027-01-31T18:00', '2027-07-31T18:00', '2028-01-31T18:00']);
		const monthly = expandRecurrence(first, { unit: 'month', interval: 1, count: 2 }).map((d) =>
			toBerlinLocal(d.startsAt)
		);
		expect(monthly).toEqual(['2027-01-31T18:00', '2027-02-28T18:00']);
	});
	it('weekly across the March change: same wall time, one hour less in UTC, same duration', () => {
		const start = {
			startsAt: parseBerlinLocal('2027-03-22T18:00')!,
			endsAt: parseBerlinLocal('2027-03-22T20:00')!
		};
		const d = expandRecurrence(start, { unit: 'week', interval: 1, count: 2 });
		expect(d.map((x) => x.startsAt.toISOString())).toEqual([
			'2027-03-22T17:00:00.000Z',
			'2027-03-29T16:00:00.000Z'
		]);
		expect(d[1].endsAt.getTime() - d[1].startsAt.getTime()).toBe(2 * 3600_000);
	});
	it('without a rule gives the first date only', () => {
		expect(expandRecurrence(first, null)).toHaveLength(1);
	});
});

describe('rankSlots', () => {
	const slots = [
		{ id: 'a', startsAt: new Date('2027-01-01T10:00Z'), cap: null },
		{ id: 'b', startsAt: new Date('2027-01-02T10:00Z'), cap: 2 },
		{ id: 'c', startsAt: new Date('2027-01-03T10:00Z'), cap: null }
	];
	it('yes = 2, if need be = 1; ties go to more yes, then the earlier slot; caps mark full', () => {
		const r = rankSlots(slots, [
			{ slotId: 'a', answer: 'maybe' },
			{ slotId: 'a', answer: 'maybe' },
			{ slotId: 'b', answer: 'yes' },
			{ slotId: 'b', answer: 'yes' },
			{ slotId: 'c', answer: 'yes' },
			{ slotId: 'c', answer: 'no' },
			{ slotId: 'x', answer: 'yes' }
		]);
		expect(r.map((s) => [s.slotId, s.score])).toEqual([
			['b', 4],
			['c', 2],
			['a', 2]
		]);
		expect(r[0].full).toBe(true);
		expect(r[1].full).toBe(false);
	});
});

describe('buildIcs', () => {
	it('writes stable UIDs, SEQUENCE, UTC times and STATUS:CANCELLED', () => {
		const ics = buildIcs({
			name: 'Termine',
			host: 'quartier.example',
			occurrences: [
				{
					occurrenceId: 'o1',
					title: 'Werkstatt',
					description: 'Ideen; Pläne, „Fragen“',
					startsAt: parseBerlinLocal('2027-03-27T18:00')!,
					endsAt: parseBerlinLocal('2027-03-27T20:00')!,
					status: 'cancelled',
					sequence: 3,
					location: 'Marktplatz 1',
					url: 'https://quartier.example/termine/e1',
					updatedAt: new Date('2027-03-01T00:00:00Z')
				}
			]
		});
		expect(ics).toContain(`UID:${occurrenceUid('o1', 'quartier.example')}`);
		expect(ics).toContain('SEQUENCE:3');
		expect(ics).toContain('DTSTART:20270327T170000Z');
		expect(ics).toContain('STATUS:CANCELLED');
		expect(ics).toContain('DESCRIPTION:Ideen\\; Pläne\\, „Fragen“');
	});
});
