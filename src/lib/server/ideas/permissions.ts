// Who may do what on idea boards. Pure: the subject is a consultation subject (consultations/permissions.ts);
// the participation gate decides the rest (open, signed in, blocked, rate limit).
import type { PermissionRule } from '../auth/grant-rules';
import { consultationRules } from '../consultations/permissions';

export const ideaRules: Record<string, PermissionRule> = {
	// Phase rules of the board (posting and support periods, threshold, status path).
	'ideas.configure': (actor, subject) => consultationRules['consultation.manage'](actor, subject),
	'ideas.moderate': (actor, subject) => consultationRules['consultation.moderate'](actor, subject),
	// Linking a workshop result to an idea (issue 11): the subject is the result's consultation; whoever
	// manages it (and so may enter analog input there, as the event's organiser did) may link.
	'ideas.link_result': (actor, subject) => consultationRules['consultation.manage'](actor, subject)
};
