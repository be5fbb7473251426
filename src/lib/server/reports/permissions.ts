// Reports are planners' work: global planners and admins only (a quarter manager or resident reaches
// no report — routes answer 404 as if nothing were there).
import { hasGlobalRole, isAdmin, type PermissionRule } from '../auth/grant-rules';

export const reportRules: Record<string, PermissionRule> = {
	'reports.use': (actor) => isAdmin(actor) || hasGlobalRole(actor, 'planner')
};
