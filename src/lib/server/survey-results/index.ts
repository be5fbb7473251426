// Survey results, publishing and exports (issue 9): the only import path other code uses.
export {
	BREAKDOWN_TYPES,
	canBreakDown,
	computeSurveyResults,
	descendantsOf,
	type ReachRow,
	type SurveyResultsView
} from './compute';
export { loadSurveyData, type SurveyArea, type SurveyData } from './data';
export {
	exportSurvey,
	isSurveyExportFormat,
	SURVEY_EXPORT_FORMATS,
	tabularLabels,
	type SurveyExportFile,
	type SurveyExportFormat
} from './exports';
export { PublishInput, publishSurveyResults, unpublishSurveyResults, type Publication } from './publish';
export {
	listPublishedSurveys,
	loadPublishedResults,
	publishedForArea,
	publishedForConsultation,
	publishedSurveyIds
} from './published';
export type { PublishedQuestion, PublishedResults } from '../../survey-results/types';
export {
	aggregateSurveyResults,
	loadSurveyFrame,
	type AggregateOptions,
	type SurveyFrame
} from './aggregate';
