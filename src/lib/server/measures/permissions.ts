// Who may create and maintain measures (Maßnahmen). Pure: the subject carries the measure's areas
// with their ancestor ids and, where the measure belongs to one, its consultation's subject.
import {
	coversAllAreas,
	hasGlobalRole,
	isAdmin,
	requireAreas,
	type PermissionRule
} from '../auth/grant-rules';
import type { AreaRef } from '../auth/grant-rules';
import { consultationRules, type ConsultationSubject } from '../consultations/permissions';

export interface MeasureSubject {
	areas: AreaRef[];
	/** The consultation the measure belongs to (its managers maintain it), or null */
	consultation: ConsultationSubject | null;
}

/** Admins, planners city-wide, planners whose grants cover every area, the consultation's managers. */
function mayMaintain(action: string, actor: Parameters<PermissionRule>[0], subject: unknown): boolean {
	const areas = requireAreas(action, subject);
	if (isAdmin(actor) || hasGlobalRole(actor, 'planner')) return true;
	if (coversAllAreas(actor, 'planner', areas)) return true;
	const consultation = (subject as MeasureSubject).consultation;
	return !!consultation && consultationRules['consultation.manage'](actor, consultation);
}

export const measureRules: Record<string, PermissionRule> = {
	'measure.create': (actor, subject) => mayMaintain('measure.create', actor, subject),
	'measure.manage': (actor, subject) => mayMaintain('measure.manage', actor, subject),
	// Seeing the list of drafts and the "Neue Maßnahme" link: anyone who may plan somewhere.
	'measure.plan': (actor) =>
		isAdmin(actor) || !!actor?.grants.some((g) => g.role === 'planner' || g.role === 'quarter_manager')
};
