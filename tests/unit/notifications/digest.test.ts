import { describe, expect, it } from 'vitest';
import {
	DAY_MS,
	groupDigest,
	mailDue,
	nextMailAt,
	WEEK_MS,
	type DigestEvent
} from '../../../src/lib/notifications/digest';

const now = new Date('2026-12-10T08:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);

describe('mailDue', () => {
	it('mails nobody without waiting news or with mails off', () => {
		expect(mailDue({ delivery: 'weekly', lastMailAt: null, lastDigestAt: null, pending: 0 }, now)).toBe(
			false
		);
		expect(mailDue({ delivery: 'off', lastMailAt: null, lastDigestAt: null, pending: 5 }, now)).toBe(false);
	});
	it('immediate: at once, but never twice within a day', () => {
		expect(mailDue({ delivery: 'immediate', lastMailAt: null, lastDigestAt: null, pending: 1 }, now)).toBe(
			true
		);
		expect(
			mailDue({ delivery: 'immediate', lastMailAt: ago(DAY_MS - 1), lastDigestAt: null, pending: 1 }, now)
		).toBe(false);
		expect(
			mailDue({ delivery: 'immediate', lastMailAt: ago(DAY_MS), lastDigestAt: null, pending: 1 }, now)
		).toBe(true);
	});
	it('weekly: the first digest at once, then a week apart, and still never twice a day', () => {
		expect(mailDue({ delivery: 'weekly', lastMailAt: null, lastDigestAt: null, pending: 3 }, now)).toBe(true);
		expect(
			mailDue(
				{ delivery: 'weekly', lastMailAt: ago(6 * DAY_MS), lastDigestAt: ago(6 * DAY_MS), pending: 3 },
				now
			)
		).toBe(false);
		expect(
			mailDue({ delivery: 'weekly', lastMailAt: ago(WEEK_MS), lastDigestAt: ago(WEEK_MS), pending: 3 }, now)
		).toBe(true);
		// Switched from immediate to weekly after a mail an hour ago: waits for the day.
		expect(
			mailDue({ delivery: 'weekly', lastMailAt: ago(3600_000), lastDigestAt: null, pending: 3 }, now)
		).toBe(false);
	});
	it('tells when the next mail could go out', () => {
		expect(nextMailAt({ delivery: 'off', lastMailAt: null, lastDigestAt: null }, now)).toBeNull();
		expect(
			nextMailAt({ delivery: 'weekly', lastMailAt: ago(DAY_MS), lastDigestAt: ago(DAY_MS) }, now)?.getTime()
		).toBe(now.getTime() + 6 * DAY_MS);
	});
});

describe('groupDigest', () => {
	const ev = (itemId: string, minutes: number, key = 'measures.event.progress'): DigestEvent => ({
		itemType: 'measure',
		itemId,
		messageKey: key,
		params: {},
		path: `/massnahmen/${itemId}`,
		createdAt: new Date(now.getTime() + minutes * 60_000)
	});
	it('one block per item, newest item and newest line first', () => {
		const groups = groupDigest([ev('a', 1), ev('b', 2), ev('a', 3, 'measures.event.linked'), ev('c', 0)]);
		expect(groups.map((g) => g.itemId)).toEqual(['a', 'b', 'c']);
		expect(groups[0].events.map((e) => e.messageKey)).toEqual([
			'measures.event.linked',
			'measures.event.progress'
		]);
	});
	it('the same line twice in a block reads once (the newest); other values stay', () => {
		const changed = (minutes: number, title: string) => ({
			...ev('a', minutes, 'measures.event.changed'),
			params: { title }
		});
		const groups = groupDigest([
			changed(1, 'Bänke'),
			changed(2, 'Bänke'),
			changed(3, 'Bänke am Brunnen'),
			{ ...ev('a', 4), params: { title: 'Bänke am Brunnen', progress: '10' } },
			{ ...ev('a', 5), params: { title: 'Bänke am Brunnen', progress: '40' } },
			{ ...changed(6, 'Bänke'), itemId: 'b' }
		]);
		expect(groups.map((g) => g.itemId)).toEqual(['b', 'a']);
		expect(groups[1].events.map((e) => [e.messageKey, e.params.title, e.params.progress ?? ''])).toEqual([
			['measures.event.progress', 'Bänke am Brunnen', '40'],
			['measures.event.progress', 'Bänke am Brunnen', '10'],
			['measures.event.changed', 'Bänke am Brunnen', ''],
			['measures.event.changed', 'Bänke', '']
		]);
		expect(groups[1].events.at(-1)?.createdAt).toEqual(new Date(now.getTime() + 2 * 60_000));
		expect(groups[0].events).toHaveLength(1);
	});
	it('an empty run has no blocks', () => {
		expect(groupDigest([])).toEqual([]);
	});
});
