// Pure predicates over an actor's grants, shared by every feature's permissions.ts.
// No database here: subjects carry what a rule needs (e.g. an area's ancestor ids).
import type { Actor, Role, ScopeType } from './actor';

export type PermissionRule = (actor: Actor | null, subject: unknown) => boolean;

/** An area as a permission subject: its id plus the ids of all areas above it (see loadAreaAncestry). */
export interface AreaRef {
	id: string;
	ancestorIds: readonly string[];
}

/** Which scopes make sense for which role (checked when granting). */
export const ALLOWED_SCOPES: Record<Role, readonly ScopeType[]> = {
	resident: ['global'],
	organisation_member: ['organisation'],
	quarter_manager: ['area', 'consultation'],
	planner: ['global', 'area'],
	moderator: ['global', 'consultation'],
	admin: ['global']
};

export function isScopeAllowed(role: Role, scopeType: ScopeType): boolean {
	return ALLOWED_SCOPES[role].includes(scopeType);
}

export function hasGlobalRole(actor: Actor | null, role: Role): boolean {
	return !!actor?.grants.some((g) => g.role === role && g.scopeType === 'global');
}

export function isAdmin(actor: Actor | null): boolean {
	return hasGlobalRole(actor, 'admin');
}

export function hasScopedRole(
	actor: Actor | null,
	role: Role,
	scopeType: Exclude<ScopeType, 'global'>,
	scopeId: string
): boolean {
	return !!actor?.grants.some((g) => g.role === role && g.scopeType === scopeType && g.scopeId === scopeId);
}

/**
 * True when one of the actor's grants of `role` covers the area: a global grant, or an area grant on
 * the area itself or on any area above it (a grant on a Stadtteil covers its Quartiere).
 */
export function coversArea(actor: Actor | null, role: Role, area: AreaRef): boolean {
	if (!actor) return false;
	const ids = new Set([area.id, ...area.ancestorIds]);
	return actor.grants.some(
		(g) =>
			g.role === role &&
			(g.scopeType === 'global' || (g.scopeType === 'area' && g.scopeId !== null && ids.has(g.scopeId)))
	);
}

/** Every area is covered (and there is at least one: "touching only those areas" needs areas). */
export function coversAllAreas(actor: Actor | null, role: Role, areas: readonly AreaRef[]): boolean {
	return areas.length > 0 && areas.every((area) => coversArea(actor, role, area));
}

export function isOrganisationMember(actor: Actor | null, organisationId: string): boolean {
	return hasScopedRole(actor, 'organisation_member', 'organisation', organisationId);
}

// ---- subject shape checks: a malformed subject is a programming error, never a silent "no" ----

function isAreaRef(value: unknown): value is AreaRef {
	if (typeof value !== 'object' || value === null) return false;
	const v = value as Record<string, unknown>;
	return (
		typeof v.id === 'string' &&
		Array.isArray(v.ancestorIds) &&
		v.ancestorIds.every((a) => typeof a === 'string')
	);
}

export function requireAreas(action: string, subject: unknown): AreaRef[] {
	const areas = (subject as { areas?: unknown } | null | undefined)?.areas;
	if (!Array.isArray(areas) || !areas.every(isAreaRef))
		throw new TypeError(`${action}: subject needs areas: { id, ancestorIds }[]`);
	return areas;
}

export function requireString(action: string, subject: unknown, key: string): string {
	const value = (subject as Record<string, unknown> | null | undefined)?.[key];
	if (typeof value !== 'string' || value === '') throw new TypeError(`${action}: subject needs ${key}`);
	return value;
}

/** Rules of the core (admin area, areas and indicators). Modules add theirs in their manifest (participation/registry.ts). */
export const coreRules: Record<string, PermissionRule> = {
	'admin.access': (actor) => isAdmin(actor),
	'admin.outbox.read': (actor) => isAdmin(actor),
	'admin.users.manage': (actor) => isAdmin(actor),
	'admin.pages.edit': (actor) => isAdmin(actor),
	// One queue across all consultations: platform-wide moderators and admins.
	'moderation.platform': (actor) => isAdmin(actor) || hasGlobalRole(actor, 'moderator'),
	// Areas and indicators are city-wide data: planners (global) and admins maintain them.
	'area.manage': (actor) => isAdmin(actor) || hasGlobalRole(actor, 'planner'),
	'indicator.manage': (actor) => isAdmin(actor) || hasGlobalRole(actor, 'planner'),
	// Planner workspace (issue 12): admins and planners; with { area } only those covering that area.
	'planning.view': (actor, subject) => {
		if (isAdmin(actor)) return true;
		const area = (subject as { area?: AreaRef } | undefined)?.area;
		if (area) return coversArea(actor, 'planner', area);
		return !!actor?.grants.some((g) => g.role === 'planner');
	}
};
