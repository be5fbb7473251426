// The surveys module (issue 9): the only import path other code uses.
export { loadSurveyFor, type SurveyWithConsultation } from './access';
export {
	codeCounts,
	codeHash,
	createSurvey,
	formatCode,
	generateSurveyCodes,
	normaliseCode,
	saveQuestionnaireDefinition,
	saveSurveyTranslation,
	setSurveyStatus,
	updateSurveySettings
} from './manage';
export {
	countResponses,
	getSurvey,
	listResponses,
	listSurveys,
	listSurveysOfConsultation,
	localizeSurvey,
	parseDefinition,
	surveyIsOpen,
	type ResponseRow,
	type SurveyListEntry,
	type SurveyRow,
	type SurveyTranslations
} from './queries';
export {
	ACCESS_MODES,
	ANALOG_CHANNELS,
	LAYOUTS,
	SURVEY_STATUSES,
	SurveySettingsInput,
	type AccessMode,
	type SurveyLayout,
	type SurveySettings,
	type SurveyStatus
} from './schemas';
export {
	answerableAreas,
	hashToken,
	loadSurveyForRespondent,
	newToken,
	participationState,
	saveResponsePage,
	signBrowserToken,
	startResponse,
	verifyBrowserToken,
	type PageInput,
	type ParticipationState,
	type Respondent,
	type RespondentSurvey,
	type ResponseState,
	type SaveOutcome,
	type StartError
} from './answer';
export { listSurveyFiles, readSurveyFile, type SurveyFileEntry } from './files';
export { analogCounts, enterStaffResponse, type StaffEntryFailure } from './staff-entry';
export { clearResumeCookie, ensureBrowserToken, respondentFor, setResumeCookie } from './cookies';
// The builder (surveys-builder): definition saves that respect collected answers, LimeSurvey import.
export { importLssSurvey, readLssFile, saveSurveyDefinition, type SaveDefinitionFailure } from './builder';
export { prefillArea, surveyArea, surveyAreaOptions, type SurveyAreaOption } from './area-options';
