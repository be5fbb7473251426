// Who may give an input an official status and response. Pure: the subject is the item's consultation
// subject (see consultations/permissions.ts).
import { hasGlobalRole, type PermissionRule } from '../../auth/grant-rules';
import { consultationRules } from '../../consultations/permissions';

export const outcomeRules: Record<string, PermissionRule> = {
	// The consultation's team (managers, co-managers, planners covering its areas) and planners city-wide.
	'outcome.respond': (actor, subject) =>
		hasGlobalRole(actor, 'planner') || consultationRules['consultation.manage'](actor, subject)
};
