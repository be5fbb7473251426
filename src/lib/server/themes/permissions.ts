// Who may work with themes. Pure: no database. Themes are internal to staff: residents never see them.
import { hasGlobalRole, isAdmin, type PermissionRule } from '../auth/grant-rules';
import { consultationRules } from '../consultations/permissions';

export const themeRules: Record<string, PermissionRule> = {
	// The workspace (/planung/themen): planners (any grant), quarter managers (any grant), admins.
	'themes.workspace': (actor) =>
		isAdmin(actor) || !!actor?.grants.some((g) => g.role === 'planner' || g.role === 'quarter_manager'),
	// City-wide themes (create, rename, synthesis, delete): planners with a global grant and admins.
	'themes.city': (actor) => isAdmin(actor) || hasGlobalRole(actor, 'planner'),
	// Tagging a consultation's input, and its own themes: whoever manages the consultation — planners
	// covering its areas, its quarter managers and co-managers (subject: ConsultationRef.subject).
	'themes.tag': (actor, subject) => consultationRules['consultation.manage'](actor, subject)
};
