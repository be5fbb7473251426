// What the participation core calls of the surveys module.
import type { ParticipationHooks } from '../participation/component';
import { deleteDemoSurveys, insertDemoSurveys } from './demo';
import { removeSurveyRespondent, surveyPersonalData } from './personal-data';
import { surveyStats } from './stats';
import { surveyResultsOpenData } from '../survey-results/open-data';

export const surveyHooks: ParticipationHooks = {
	personalData: surveyPersonalData,
	removeAuthor: removeSurveyRespondent,
	statsPerArea: surveyStats,
	openData: surveyResultsOpenData,
	demo: { seed: async ({ trx, now }) => void (await insertDemoSurveys(trx, now)), remove: deleteDemoSurveys }
};
