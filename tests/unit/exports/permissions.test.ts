// consultation.export: planners (global or covering area grants), admins and the consultation's
// managers; not moderators, residents or quarter managers of other areas.
import { describe, expect, it } from 'vitest';
import type { Actor, Grant, Role, ScopeType } from '../../../src/lib/server/auth/actor';
import { can } from '../../../src/lib/server/auth/permissions';
import { SYSTEM_ACTOR } from '../../../src/lib/server/core';

const CITY = 'city';
const NORD = 'bezirk-nord';
const ALTSTADT = 'stadtteil-altstadt';
const HAFEN = 'stadtteil-hafen';
const quartierA = { id: 'quartier-a', ancestorIds: [ALTSTADT, NORD, CITY] };

let seq = 0;
function actor(...grants: [Role, ScopeType?, string?][]): Actor {
	seq++;
	return {
		id: `u${seq}`,
		email: `u${seq}@example.org`,
		displayName: `U${seq}`,
		emailVerified: true,
		locale: 'de',
		grants: grants.map(([role, scopeType = 'global', scopeId]): Grant => ({
			id: `g${seq}-${role}`,
			role,
			scopeType,
			scopeId: scopeId ?? null
		}))
	};
}

const subject = { consultationId: 'c1', areas: [quartierA], createdBy: 'creator' };

describe("can(actor, 'consultation.export', consultation)", () => {
	it('allows planners (global or an area grant above), admins, managers, co-managers and the system actor', () => {
		expect(can(actor(['planner']), 'consultation.export', subject)).toBe(true);
		expect(can(actor(['planner', 'area', NORD]), 'consultation.export', subject)).toBe(true);
		expect(can(actor(['admin']), 'consultation.export', subject)).toBe(true);
		expect(can(actor(['quarter_manager', 'area', ALTSTADT]), 'consultation.export', subject)).toBe(true);
		expect(can(actor(['quarter_manager', 'consultation', 'c1']), 'consultation.export', subject)).toBe(true);
		expect(can(SYSTEM_ACTOR, 'consultation.export', subject)).toBe(true);
	});

	it('refuses quarter managers and planners of other areas, moderators, residents and anonymous visitors', () => {
		expect(can(actor(['quarter_manager', 'area', HAFEN]), 'consultation.export', subject)).toBe(false);
		expect(can(actor(['planner', 'area', HAFEN]), 'consultation.export', subject)).toBe(false);
		expect(can(actor(['moderator']), 'consultation.export', subject)).toBe(false);
		expect(can(actor(['moderator', 'consultation', 'c1']), 'consultation.export', subject)).toBe(false);
		expect(can(actor(['resident']), 'consultation.export', subject)).toBe(false);
		expect(can(null, 'consultation.export', subject)).toBe(false);
	});

	it('rejects a malformed subject as a programming error', () => {
		expect(() => can(actor(['planner']), 'consultation.export', { areas: [] })).toThrow(/consultationId/);
	});
});
