import { describe, expect, it } from 'vitest';
import type { Actor, Grant, Role, ScopeType } from '../../../src/lib/server/auth/actor';
import { ALLOWED_SCOPES, coversArea, isOrganisationMember } from '../../../src/lib/server/auth/grant-rules';
import { can, coreRules } from '../../../src/lib/server/auth/permissions';
import {
	buildRuleIndex,
	ruleSources,
	type RuleSource
} from '../../../src/lib/server/participation/permission-index';

// Musterstadt in miniature: city ⊃ Bezirk Nord ⊃ Stadtteil Altstadt ⊃ Quartier A, Quartier B;
// Bezirk Süd ⊃ Stadtteil Hafen ⊃ Quartier C.
const CITY = 'city';
const NORD = 'bezirk-nord';
const ALTSTADT = 'stadtteil-altstadt';
const SUED = 'bezirk-sued';
const HAFEN = 'stadtteil-hafen';
const quartierA = { id: 'quartier-a', ancestorIds: [ALTSTADT, NORD, CITY] };
const quartierB = { id: 'quartier-b', ancestorIds: [ALTSTADT, NORD, CITY] };
const quartierC = { id: 'quartier-c', ancestorIds: [HAFEN, SUED, CITY] };
const altstadt = { id: ALTSTADT, ancestorIds: [NORD, CITY] };

let grantSeq = 0;
function grant(role: Role, scopeType: ScopeType = 'global', scopeId: string | null = null): Grant {
	return { id: `g${++grantSeq}`, role, scopeType, scopeId };
}
function actor(...grants: Grant[]): Actor {
	return {
		id: 'u1',
		email: 'u1@example.org',
		displayName: 'U1',
		emailVerified: true,
		locale: 'de',
		grants
	};
}

const admin = actor(grant('admin'));
const planner = actor(grant('planner'));
const resident = actor(grant('resident'));
const managerA = actor(grant('quarter_manager', 'area', quartierA.id));
const managerAltstadt = actor(grant('quarter_manager', 'area', ALTSTADT));
const globalModerator = actor(grant('moderator'));
const nobody = actor();

describe('core rules', () => {
	const adminOnly = ['admin.access', 'admin.outbox.read', 'admin.users.manage', 'admin.pages.edit'];

	it.each(adminOnly)('%s: only global admins', (action) => {
		expect(can(admin, action)).toBe(true);
		for (const other of [planner, resident, managerA, globalModerator, nobody, null])
			expect(can(other, action)).toBe(false);
		// An admin grant that is not global (impossible through the UI) grants nothing.
		expect(can(actor(grant('admin', 'area', quartierA.id)), action)).toBe(false);
	});

	it.each(['area.manage', 'indicator.manage'])('%s: global planners and admins', (action) => {
		expect(can(admin, action)).toBe(true);
		expect(can(planner, action)).toBe(true);
		expect(can(actor(grant('planner', 'area', ALTSTADT)), action)).toBe(false);
		for (const other of [resident, managerA, globalModerator, nobody, null])
			expect(can(other, action)).toBe(false);
	});

	it('keeps coreRules usable directly', () => {
		expect(coreRules['admin.access'](admin, undefined)).toBe(true);
		expect(coreRules['admin.access'](null, undefined)).toBe(false);
	});

	it('throws for an unknown action instead of answering no', () => {
		expect(() => can(admin, 'admin.does.not.exist')).toThrow(
			/Unknown permission action: admin.does.not.exist/
		);
		expect(() => can(null, '')).toThrow(/Unknown permission action/);
	});
});

describe('consultation.create', () => {
	const create = (who: Actor | null, ...areas: (typeof quartierA)[]) =>
		can(who, 'consultation.create', { areas });

	it('lets planners and admins create anywhere', () => {
		expect(create(planner, quartierA, quartierC)).toBe(true);
		expect(create(admin, quartierC)).toBe(true);
	});

	it('lets a quarter manager create a consultation in their own Quartier', () => {
		expect(create(managerA, quartierA)).toBe(true);
	});

	it('a quarter manager cannot act outside their assignment: a grant on Quartier A does not allow Quartier B', () => {
		expect(create(managerA, quartierB)).toBe(false);
		expect(create(managerA, quartierC)).toBe(false);
		// Touching A *and* B is touching B too.
		expect(create(managerA, quartierA, quartierB)).toBe(false);
		// Nor the Stadtteil that contains A (it is larger than the assignment).
		expect(create(managerA, altstadt)).toBe(false);
	});

	it('a grant on a Stadtteil covers its Quartiere and itself, but not other Stadtteile', () => {
		expect(create(managerAltstadt, quartierA)).toBe(true);
		expect(create(managerAltstadt, quartierA, quartierB)).toBe(true);
		expect(create(managerAltstadt, altstadt)).toBe(true);
		expect(create(managerAltstadt, quartierC)).toBe(false);
		expect(create(managerAltstadt, quartierA, quartierC)).toBe(false);
	});

	it('several area grants together cover a consultation spanning them', () => {
		const both = actor(
			grant('quarter_manager', 'area', quartierA.id),
			grant('quarter_manager', 'area', quartierC.id)
		);
		expect(create(both, quartierA, quartierC)).toBe(true);
		expect(create(both, quartierB)).toBe(false);
	});

	it('needs at least one area for scoped grants', () => {
		expect(create(managerA)).toBe(false);
		expect(create(planner)).toBe(true);
	});

	it('an area grant of another role does not count', () => {
		expect(
			create(
				actor(
					grant('moderator', 'consultation', 'c1'),
					grant('organisation_member', 'organisation', quartierA.id)
				),
				quartierA
			)
		).toBe(false);
		expect(create(resident, quartierA)).toBe(false);
		expect(create(globalModerator, quartierA)).toBe(false);
		expect(create(null, quartierA)).toBe(false);
		expect(create(nobody, quartierA)).toBe(false);
	});

	it('a planner with an area grant only creates within it', () => {
		const areaPlanner = actor(grant('planner', 'area', NORD));
		expect(create(areaPlanner, quartierB)).toBe(true);
		expect(create(areaPlanner, quartierC)).toBe(false);
	});

	it('throws for a malformed subject instead of answering', () => {
		expect(() => can(managerA, 'consultation.create')).toThrow(TypeError);
		expect(() => can(managerA, 'consultation.create', { areas: ['quartier-a'] })).toThrow(TypeError);
		expect(() => can(managerA, 'consultation.create', { areas: [{ id: 'x' }] })).toThrow(TypeError);
	});
});

describe('consultation.manage and consultation.moderate', () => {
	const inA = { consultationId: 'c-a', areas: [quartierA] };
	const inC = { consultationId: 'c-c', areas: [quartierC] };
	const inAC = { consultationId: 'c-ac', areas: [quartierA, quartierC] };

	it('quarter managers manage the consultations in their areas, not the others', () => {
		expect(can(managerA, 'consultation.manage', inA)).toBe(true);
		expect(can(managerA, 'consultation.manage', inC)).toBe(false);
		expect(can(managerA, 'consultation.manage', inAC)).toBe(false);
		expect(can(managerAltstadt, 'consultation.manage', inA)).toBe(true);
	});

	it('a co-manager grant on one consultation allows exactly that consultation', () => {
		const coManager = actor(
			grant('quarter_manager', 'area', quartierA.id),
			grant('quarter_manager', 'consultation', 'c-c')
		);
		expect(can(coManager, 'consultation.manage', inC)).toBe(true);
		expect(can(coManager, 'consultation.manage', { consultationId: 'c-other', areas: [quartierC] })).toBe(
			false
		);
		expect(can(coManager, 'consultation.moderate', inC)).toBe(true);
	});

	it('planners and admins manage everything; residents and moderators manage nothing', () => {
		expect(can(planner, 'consultation.manage', inAC)).toBe(true);
		expect(can(admin, 'consultation.manage', inAC)).toBe(true);
		expect(can(resident, 'consultation.manage', inA)).toBe(false);
		expect(can(globalModerator, 'consultation.manage', inA)).toBe(false);
		expect(can(null, 'consultation.manage', inA)).toBe(false);
	});

	it('moderators: global moderates all, consultation-scoped only theirs', () => {
		const modC = actor(grant('moderator', 'consultation', 'c-c'));
		expect(can(globalModerator, 'consultation.moderate', inA)).toBe(true);
		expect(can(modC, 'consultation.moderate', inC)).toBe(true);
		expect(can(modC, 'consultation.moderate', inA)).toBe(false);
		expect(can(modC, 'consultation.moderate', { consultationId: 'c-other', areas: [quartierC] })).toBe(false);
	});

	it('managers moderate their own consultations and no others', () => {
		expect(can(managerA, 'consultation.moderate', inA)).toBe(true);
		expect(can(managerA, 'consultation.moderate', inC)).toBe(false);
		expect(can(planner, 'consultation.moderate', inC)).toBe(true);
		expect(can(resident, 'consultation.moderate', inA)).toBe(false);
		expect(can(null, 'consultation.moderate', inA)).toBe(false);
	});

	it('throws when the subject has no consultation id or areas', () => {
		expect(() => can(admin, 'consultation.manage', { areas: [quartierA] })).toThrow(TypeError);
		expect(() => can(admin, 'consultation.moderate', { consultationId: 'c' })).toThrow(TypeError);
	});
});

describe('grant helpers', () => {
	it('coversArea ignores grants of other roles and other areas', () => {
		expect(coversArea(managerA, 'quarter_manager', quartierA)).toBe(true);
		expect(coversArea(managerA, 'planner', quartierA)).toBe(false);
		expect(coversArea(managerA, 'quarter_manager', quartierB)).toBe(false);
		expect(coversArea(null, 'quarter_manager', quartierA)).toBe(false);
	});

	it('organisation membership is scoped to one organisation', () => {
		const member = actor(grant('organisation_member', 'organisation', 'org-1'));
		expect(isOrganisationMember(member, 'org-1')).toBe(true);
		expect(isOrganisationMember(member, 'org-2')).toBe(false);
		expect(isOrganisationMember(admin, 'org-1')).toBe(false);
	});

	it('allowed scopes: admin only global, quarter manager never global, organisation member only organisation', () => {
		expect(ALLOWED_SCOPES.admin).toEqual(['global']);
		expect(ALLOWED_SCOPES.quarter_manager).not.toContain('global');
		expect(ALLOWED_SCOPES.organisation_member).toEqual(['organisation']);
		expect(ALLOWED_SCOPES.planner).toContain('global');
	});
});

describe('permission index', () => {
	it('collects the core, consultations and every registered module with the documented actions', () => {
		expect(ruleSources.map((f) => f.key)).toEqual([
			'core',
			'consultations',
			'outcomes',
			'reports',
			'themes',
			'map_comments',
			'surveys',
			'ideas',
			'events',
			'measures'
		]);
		const actions = ruleSources.flatMap((f) => Object.keys(f.permissions));
		expect(actions).toEqual(
			expect.arrayContaining([
				'admin.access',
				'admin.outbox.read',
				'admin.users.manage',
				'admin.pages.edit',
				'area.manage',
				'indicator.manage',
				'consultation.create',
				'consultation.manage',
				'consultation.moderate',
				'outcome.respond',
				'map_comments.enter_analog',
				'map_comments.moderate',
				'surveys.manage',
				'surveys.enter_analog',
				'surveys.results',
				'ideas.configure',
				'ideas.moderate',
				'events.manage',
				'events.create',
				'measure.create',
				'measure.manage',
				'planning.view',
				'reports.use',
				'themes.workspace',
				'themes.city',
				'themes.tag'
			])
		);
	});

	it('refuses two sources defining the same action', () => {
		const a: RuleSource = { key: 'a', permissions: { 'x.do': () => true } };
		const b: RuleSource = { key: 'b', permissions: { 'x.do': () => false } };
		expect(() => buildRuleIndex([a, b])).toThrow(/x.do is defined by both a and b/);
		expect(buildRuleIndex([a]).get('x.do')?.(null, undefined)).toBe(true);
	});
});
