import { describe, expect, it } from 'vitest';
import {
	allowedOnBoard,
	archiveCutoff,
	DEFAULT_RULES,
	ideaListQuery,
	isArchived,
	postingProblem,
	reachesThreshold,
	responseDueAt,
	supportProblem,
	validStatusPath,
	type BoardRules
} from '../../../src/lib/ideas/rules';
import { IdeaCreate, IdeaListQuery } from '../../../src/lib/server/ideas/schemas';

const DAY = 86_400_000;
const now = new Date('2026-12-02T12:00:00Z');
const rules = (r: Partial<BoardRules> = {}): BoardRules => ({ ...DEFAULT_RULES, ...r });

describe('phase rules', () => {
	it('allows posting only inside the posting period', () => {
		expect(postingProblem(rules(), now)).toBeNull();
		expect(postingProblem(rules({ postingStartsAt: new Date(now.getTime() + 1) }), now)).toBe('posting_not_started');
		expect(postingProblem(rules({ postingEndsAt: now }), now)).toBe('posting_ended');
		expect(postingProblem(rules({ postingEndsAt: new Date(now.getTime() + DAY) }), now)).toBeNull();
	});
	it('ends supports at the end of the support period', () => {
		expect(supportProblem(rules(), now)).toBeNull();
		expect(supportProblem(rules({ supportEndsAt: new Date(now.getTime() - 1) }), now)).toBe('support_ended');
		expect(supportProblem(rules({ supportEndsAt: new Date(now.getTime() + 1) }), now)).toBeNull();
	});
	it('reaches the threshold at exactly the count, never without one', () => {
		expect(reachesThreshold(rules(), 1000)).toBe(false);
		expect(reachesThreshold(rules({ supportThreshold: 3 }), 2)).toBe(false);
		expect(reachesThreshold(rules({ supportThreshold: 3 }), 3)).toBe(true);
	});
	it('makes the response due N days after the threshold, until a decision is given', () => {
		const r = rules({ supportThreshold: 5, responseDays: 14 });
		expect(responseDueAt(r, null, 'received')).toBeNull();
		expect(responseDueAt(r, now, 'received')?.getTime()).toBe(now.getTime() + 14 * DAY);
		expect(responseDueAt(r, now, 'in_review')?.getTime()).toBe(now.getTime() + 14 * DAY);
		expect(responseDueAt(r, now, 'not_feasible')).toBeNull();
		expect(responseDueAt(r, now, 'answered')).toBeNull();
		expect(responseDueAt(rules({ supportThreshold: null }), now, 'received')).toBeNull();
	});
	it('archives (on read) only old ideas without supports and without a response', () => {
		const r = rules({ archiveAfterDays: 30 });
		const old = new Date(now.getTime() - 31 * DAY);
		expect(isArchived(r, { supportCount: 0, createdAt: old, status: 'received' }, now)).toBe(true);
		expect(isArchived(r, { supportCount: 1, createdAt: old, status: 'received' }, now)).toBe(false);
		expect(isArchived(r, { supportCount: 0, createdAt: old, status: 'in_review' }, now)).toBe(false);
		expect(isArchived(r, { supportCount: 0, createdAt: new Date(now.getTime() - 29 * DAY), status: 'received' }, now)).toBe(false);
		expect(isArchived(rules(), { supportCount: 0, createdAt: old, status: 'received' }, now)).toBe(false);
		expect(archiveCutoff(r, now)?.getTime()).toBe(now.getTime() - 30 * DAY);
		expect(archiveCutoff(rules(), now)).toBeNull();
	});
});

describe('status path', () => {
	it('has the default way eingereicht → in Prüfung → Entscheidung → in Umsetzung → umgesetzt', () => {
		expect(DEFAULT_RULES.statusPath).toEqual([
			'received',
			'in_review',
			'accepted',
			'partly_accepted',
			'not_feasible',
			'in_progress',
			'implemented'
		]);
		expect(allowedOnBoard(rules(), 'answered')).toBe(false);
		expect(allowedOnBoard(rules(), 'not_feasible')).toBe(true);
		expect(allowedOnBoard(rules({ statusPath: ['received', 'accepted'] }), 'not_feasible')).toBe(false);
	});
	it('must start with received, name each status once and have a second one', () => {
		expect(validStatusPath(['received', 'accepted'])).toBe(true);
		expect(validStatusPath(['accepted', 'received'])).toBe(false);
		expect(validStatusPath(['received'])).toBe(false);
		expect(validStatusPath(['received', 'accepted', 'accepted'])).toBe(false);
	});
});

describe('list links keep the filters', () => {
	it('writes only what is set, and changes one thing at a time', () => {
		const f = { sort: 'supported', area: 'q-11', category: '', status: 'accepted', page: 2, archived: false };
		expect(ideaListQuery(f)).toBe('?sort=supported&area=q-11&status=accepted&page=2');
		expect(ideaListQuery(f, { page: 3 })).toBe('?sort=supported&area=q-11&status=accepted&page=3');
		expect(ideaListQuery({ sort: 'newest', page: 1 })).toBe('');
	});
	it('reads bad query values as defaults instead of failing', () => {
		expect(IdeaListQuery.parse({ sort: 'x', page: '-4', status: 'nope', category: 'no-uuid' })).toEqual({
			sort: 'newest',
			page: 1,
			archived: false,
			status: undefined,
			category: undefined,
			area: undefined
		});
	});
});

describe('idea input', () => {
	it('needs both coordinates or none, and trims the texts', () => {
		expect(IdeaCreate.safeParse({ title: 'Titel!', body: 'Genug Text hier.', lon: '7.1', lat: '' }).success).toBe(false);
		const ok = IdeaCreate.parse({ title: '  Bänke am Markt ', body: 'Genug Text hier.', lon: '7.1', lat: '51.2' });
		expect(ok).toMatchObject({ title: 'Bänke am Markt', lon: 7.1, lat: 51.2, categoryId: null, areaId: null });
		expect(IdeaCreate.safeParse({ title: 'Titel!', body: 'Genug Text hier.', lon: '700', lat: '51' }).success).toBe(false);
	});
});
