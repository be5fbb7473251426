// Who may do what with surveys. Pure: the subject is a consultation subject (consultations/ref.ts);
// who may answer is decided by the survey's access mode (answer.ts), not by a role.
import type { PermissionRule } from '../auth/grant-rules';
import { consultationRules } from '../consultations/permissions';

export const surveyRules: Record<string, PermissionRule> = {
	// Create surveys, edit questions and settings, open/close, generate codes: the consultation's managers.
	'surveys.manage': (actor, subject) => consultationRules['consultation.manage'](actor, subject),
	// Type in paper, interview, phone and workshop answers.
	'surveys.enter_analog': (actor, subject) => consultationRules['consultation.manage'](actor, subject),
	// See results and export responses (the results helper's pages).
	'surveys.results': (actor, subject) => consultationRules['consultation.export'](actor, subject)
};
