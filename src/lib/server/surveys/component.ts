// What the participation core calls of the surveys module.
import type { ParticipationHooks } from '../participation/component';
import { deleteDemoSurveys, insertDemoSurveys } from './demo';
import { removeSurveyRespondent, surveyPersonalData } from './personal-data';
import { surveyStats } from './stats';
import { surveyTextInputs } from './text-inputs';
import { surveyResultsOpenData } from '../survey-results/open-data';
import { publishDemoSurveyResults } from '../survey-results/demo';
import { surveyResultsPersonalData } from '../survey-results/personal-data';
import { surveyAreaActivity, surveySummaries } from '../survey-results/following-hooks';
import { surveyTextPlannerInput } from '../survey-results/planner-input';

export const surveyHooks: ParticipationHooks = {
	personalData: [...surveyPersonalData, surveyResultsPersonalData],
	removeAuthor: removeSurveyRespondent,
	statsPerArea: surveyStats,
	itemSummaries: [surveySummaries],
	areaActivity: surveyAreaActivity,
	plannerInput: surveyTextPlannerInput,
	openData: surveyResultsOpenData,
	textInputs: surveyTextInputs,
	demo: {
		seed: async ({ trx, now }) => {
			await insertDemoSurveys(trx, now);
			await publishDemoSurveyResults(trx, now);
		},
		remove: deleteDemoSurveys
	}
};
