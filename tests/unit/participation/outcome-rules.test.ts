import { describe, expect, it } from 'vitest';
import {
	alwaysNeedsText,
	DECISION_STATUSES,
	isOutcomeStatus,
	isStepBack,
	OUTCOME_STATUSES,
	responseProblem
} from '../../../src/lib/participation/outcomes';
import type { Actor, Role, ScopeType } from '../../../src/lib/server/auth/actor';
import { can } from '../../../src/lib/server/auth/permissions';
import { RespondInput } from '../../../src/lib/server/participation/outcomes/schemas';

const ID = '3f2b8c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e';

describe('which moves need a written response', () => {
	it.each(DECISION_STATUSES)('%s needs a text from any other status', (to) => {
		for (const from of OUTCOME_STATUSES.filter((s) => s !== to)) {
			expect(responseProblem(from, to, ''), `${from} → ${to}`).toBe('text_required');
			expect(responseProblem(from, to, 'Weil …'), `${from} → ${to}`).toBeNull();
		}
	});

	it('a plain answer needs its text', () => {
		expect(responseProblem('received', 'answered', '  ')).toBe('text_required');
		expect(responseProblem('received', 'answered', 'Danke!')).toBeNull();
	});

	it('moving on to review needs no text', () => {
		expect(responseProblem('received', 'in_review', '')).toBeNull();
	});

	it('stepping back needs a text saying why', () => {
		expect(isStepBack('implemented', 'in_review')).toBe(true);
		expect(isStepBack('accepted', 'received')).toBe(true);
		expect(isStepBack('in_review', 'received')).toBe(true);
		expect(isStepBack('in_review', 'accepted')).toBe(false);
		expect(responseProblem('accepted', 'in_review', '')).toBe('text_required');
		expect(responseProblem('in_review', 'received', '')).toBe('text_required');
		expect(responseProblem('accepted', 'in_review', 'Neue Lage: Die Fläche wird verkauft.')).toBeNull();
	});

	it('the same status again is only a progress update with a text', () => {
		expect(responseProblem('in_progress', 'in_progress', '')).toBe('unchanged');
		expect(responseProblem('received', 'received', '')).toBe('unchanged');
		expect(responseProblem('in_progress', 'in_progress', 'Die Bänke sind bestellt.')).toBeNull();
	});

	it('the form asks for a text for decisions and answers whatever the current status', () => {
		expect(OUTCOME_STATUSES.filter(alwaysNeedsText)).toEqual([
			'accepted',
			'partly_accepted',
			'not_feasible',
			'in_progress',
			'implemented',
			'answered'
		]);
		expect(isOutcomeStatus('in_review')).toBe(true);
		expect(isOutcomeStatus('done')).toBe(false);
	});
});

describe('RespondInput', () => {
	const base = { itemType: 'contribution', itemId: ID, responderName: 'Quartiersmanagement Altstadt' };

	it('asks for the text of a decision on the text field', () => {
		const r = RespondInput.safeParse({ ...base, status: 'not_feasible', responseText: '   ' });
		expect(r.success).toBe(false);
		expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
			['responseText', 'outcomes.errors.textRequired']
		]);
	});

	it('trims, defaults the optional fields and treats an empty expected status as none', () => {
		const r = RespondInput.parse({
			...base,
			status: 'in_review',
			responderName: '  Amt  ',
			expectedStatus: ''
		});
		expect(r).toEqual({
			...base,
			status: 'in_review',
			responderName: 'Amt',
			responseText: '',
			nextSteps: '',
			expectedStatus: undefined
		});
	});

	it('refuses unknown statuses, missing names and over-long texts', () => {
		const issues = (input: object) =>
			RespondInput.safeParse({ ...base, ...input }).error?.issues.map((i) => i.message) ?? [];
		expect(issues({ status: 'done' })).toContain('outcomes.errors.statusInvalid');
		// The form shows the first message per field.
		expect(issues({ status: 'in_review', responderName: '' })[0]).toBe('outcomes.errors.responderRequired');
		expect(issues({ status: 'in_review', responderName: 'A' })).toEqual([
			'outcomes.errors.responderTooShort'
		]);
		expect(issues({ status: 'answered', responseText: 'x'.repeat(5001) })).toEqual([
			'outcomes.errors.textTooLong'
		]);
		expect(issues({ status: 'in_review', itemId: 'nope' })).toEqual(['outcomes.errors.notFound']);
	});
});

describe('outcome.respond', () => {
	const quartierA = { id: 'quartier-a', ancestorIds: ['altstadt', 'nord', 'city'] };
	const quartierC = { id: 'quartier-c', ancestorIds: ['hafen', 'sued', 'city'] };
	const inA = { consultationId: 'c-a', areas: [quartierA] };
	const person = (...grants: Actor['grants']): Actor => ({
		id: 'u1',
		email: 'u1@example.org',
		displayName: 'U1',
		emailVerified: true,
		locale: 'de',
		grants
	});
	const g = (role: Role, scopeType: ScopeType = 'global', scopeId: string | null = null) => ({
		id: `${role}-${scopeId}`,
		role,
		scopeType,
		scopeId
	});

	it('the consultation team and planners respond; managers of other areas, moderators and residents do not', () => {
		expect(can(person(g('quarter_manager', 'area', 'altstadt')), 'outcome.respond', inA)).toBe(true);
		expect(can(person(g('quarter_manager', 'consultation', 'c-a')), 'outcome.respond', inA)).toBe(true);
		expect(can(person(g('planner')), 'outcome.respond', inA)).toBe(true);
		expect(can(person(g('planner')), 'outcome.respond', { consultationId: 'c-c', areas: [quartierC] })).toBe(
			true
		);
		expect(can(person(g('quarter_manager', 'area', 'hafen')), 'outcome.respond', inA)).toBe(false);
		expect(can(person(g('moderator')), 'outcome.respond', inA)).toBe(false);
		expect(can(person(g('resident')), 'outcome.respond', inA)).toBe(false);
		expect(can(null, 'outcome.respond', inA)).toBe(false);
	});
});
