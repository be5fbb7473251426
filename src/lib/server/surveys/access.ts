// A survey with its consultation, for a staff verb: null (looks missing) when the actor may not.
import { can } from '../auth/permissions';
import { consultationRef, type ConsultationRef } from '../consultations/ref';
import type { CommandContext } from '../core';
import { getSurvey, type SurveyRow } from './queries';

export interface SurveyWithConsultation {
	survey: SurveyRow;
	consultation: ConsultationRef;
}

export async function loadSurveyFor(
	ctx: CommandContext,
	surveyId: string,
	action: 'surveys.manage' | 'surveys.enter_analog' | 'surveys.results'
): Promise<SurveyWithConsultation | null> {
	const survey = await getSurvey(ctx.db, surveyId);
	if (!survey) return null;
	const consultation = await consultationRef(ctx, { id: survey.consultationId });
	if (!consultation || !can(ctx.actor, action, consultation.subject)) return null;
	return { survey, consultation };
}
