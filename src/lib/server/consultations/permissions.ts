// Who may create, manage and moderate consultations (Beteiligungsverfahren). Pure: no database.
// Subjects carry the consultation's areas with their ancestor ids (built with loadAreaAncestry).
import {
	coversAllAreas,
	hasGlobalRole,
	hasScopedRole,
	isAdmin,
	requireAreas,
	requireString,
	type AreaRef,
	type PermissionRule
} from '../auth/grant-rules';
import type { Actor } from '../auth/actor';

export interface ConsultationCreateSubject {
	areas: AreaRef[];
}

export interface ConsultationSubject {
	consultationId: string;
	areas: AreaRef[];
	/** The user who created the consultation: they keep managing it. */
	createdBy?: string | null;
}

/** Planners and quarter managers may run consultations in the areas their grants cover. */
function runsAreas(actor: Actor | null, areas: AreaRef[]): boolean {
	return coversAllAreas(actor, 'planner', areas) || coversAllAreas(actor, 'quarter_manager', areas);
}

function isManagerSomewhere(actor: Actor): boolean {
	return actor.grants.some((g) => g.role === 'quarter_manager' || g.role === 'planner');
}

function mayManage(actor: Actor | null, subject: unknown): boolean {
	const consultationId = requireString('consultation.manage', subject, 'consultationId');
	const areas = requireAreas('consultation.manage', subject);
	if (isAdmin(actor) || hasGlobalRole(actor, 'planner')) return true;
	// Co-manager of this one consultation, whatever its areas.
	if (hasScopedRole(actor, 'quarter_manager', 'consultation', consultationId)) return true;
	// The creator, as long as they still hold a manager role somewhere (a blocked grant ends it).
	const createdBy = (subject as { createdBy?: unknown }).createdBy;
	if (actor && typeof createdBy === 'string' && createdBy === actor.id && isManagerSomewhere(actor))
		return true;
	return runsAreas(actor, areas);
}

export const consultationRules: Record<string, PermissionRule> = {
	'consultation.create': (actor, subject) => {
		const areas = requireAreas('consultation.create', subject);
		if (isAdmin(actor) || hasGlobalRole(actor, 'planner')) return true;
		// A quarter manager only for consultations touching nothing but their own areas.
		return runsAreas(actor, areas);
	},
	'consultation.manage': mayManage,
	// Exports (CSV/XLSX/GeoJSON of all input, with moderation status): whoever manages the consultation —
	// planners (global, or area grants covering its areas), admins, its quarter managers, co-managers
	// and its creator. Moderators alone may not: moderating is not analysing.
	'consultation.export': (actor, subject) => {
		requireString('consultation.export', subject, 'consultationId');
		requireAreas('consultation.export', subject);
		return mayManage(actor, subject);
	},
	'consultation.moderate': (actor, subject) => {
		const consultationId = requireString('consultation.moderate', subject, 'consultationId');
		requireAreas('consultation.moderate', subject);
		if (hasGlobalRole(actor, 'moderator')) return true;
		if (hasScopedRole(actor, 'moderator', 'consultation', consultationId)) return true;
		// Managers moderate their own consultations.
		return mayManage(actor, subject);
	}
};
