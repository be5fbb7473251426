// Who may run events. Pure. An event of a consultation is managed by whoever manages the consultation;
// a stand-alone event by admins, global planners and the planners/quarter managers whose grants cover
// all of its areas (the same rule as creating a consultation there).
import { hasGlobalRole, isAdmin, type AreaRef, type PermissionRule } from '../auth/grant-rules';
import { consultationRules } from '../consultations/permissions';

export interface EventSubject {
	consultationId: string | null;
	areas: AreaRef[];
	createdBy?: string | null;
}

function mayManage(actor: Parameters<PermissionRule>[0], subject: unknown): boolean {
	const s = subject as EventSubject;
	if (!s || !Array.isArray(s.areas)) throw new Error('events.manage needs an EventSubject');
	if (s.consultationId)
		return consultationRules['consultation.manage'](actor, {
			consultationId: s.consultationId,
			areas: s.areas,
			createdBy: s.createdBy
		});
	if (s.areas.length === 0) return isAdmin(actor) || hasGlobalRole(actor, 'planner');
	return consultationRules['consultation.create'](actor, { areas: s.areas });
}

export const eventRules: Record<string, PermissionRule> = {
	// create, edit, dates, registrations by phone, check-in list, polls, documentation
	'events.manage': mayManage,
	// creating needs the same as managing the event it would create
	'events.create': mayManage
};
