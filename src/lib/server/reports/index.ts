// Planner reports (issue 12): the only import path other code uses.
export {
	composeReport,
	deleteReportDefinition,
	deleteReportTemplate,
	getReportDefinition,
	listReportDefinitions,
	listReportTemplates,
	mayUseReports,
	previewDefinition,
	reportChoices,
	type ReportChoices,
	renderReport,
	runReportDefinition,
	saveReportDefinition,
	uploadReportTemplate,
	type ReportDefinition,
	type ReportFile,
	type ReportTemplate
} from './service';
export { gatherReportInput, loadSelectedAreas, DATA_LICENCE, type ReportSelection } from './data';
export {
	ReportDefinitionInput,
	REPORT_FORMATS,
	formInput,
	isReportFormat,
	type ReportFormat
} from './schemas';
export { checkTemplate, fillTemplate, TEMPLATE_MAX_BYTES } from './template';
export { reportRules } from './permissions';
