// Who may do what with map contributions. Pure: the subject is a consultation subject (see
// consultations/permissions.ts); the participation gate decides the rest (open, anonymous, blocked).
import type { PermissionRule } from '../auth/grant-rules';
import { consultationRules } from '../consultations/permissions';

export const mapCommentRules: Record<string, PermissionRule> = {
	// Paper, interview, workshop … input typed in by the consultation's team.
	'map_comments.enter_analog': (actor, subject) => consultationRules['consultation.manage'](actor, subject),
	'map_comments.moderate': (actor, subject) => consultationRules['consultation.moderate'](actor, subject)
};
