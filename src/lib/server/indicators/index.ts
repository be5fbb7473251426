// Indicators (Kennzahlen): metadata, import of values (CSV/XLSX, wide and long), aggregation upward,
// and the reads the map, profiles and open-data API use.
export {
	AGGREGATIONS,
	CompositeSelection,
	DOMAINS,
	ImportMapping,
	IndicatorInput,
	indicatorFormValues,
	IndicatorKey,
	LAYOUTS,
	NewIndicatorMeta,
	POLARITIES,
	SeriesTarget,
	VALUE_TYPES,
	VISIBILITIES,
	COLUMN_ROLES,
	type Aggregation,
	type ColumnRole,
	type Domain,
	type IndicatorPolarity,
	type Layout,
	type ValueType,
	type Visibility
} from './schemas';
export {
	getIndicator,
	getIndicatorByKey,
	indicatorYears,
	listIndicatorOverview,
	listIndicators,
	listIndicatorValues,
	listIndicatorValueSample,
	type IndicatorFilter,
	type IndicatorOverview,
	type IndicatorRow,
	type IndicatorValueRow,
	type IndicatorValueSample
} from './queries';
export {
	createIndicator,
	setCompositeSelection,
	updateIndicator,
	type CompositeResult,
	type SaveIndicatorResult
} from './save-indicator';
export {
	areaKeyMatcher,
	areaMatcher,
	normaliseAreaName,
	describeIssue,
	keyFromHeader,
	parseIndicatorTable,
	suggestMapping,
	suggestTarget,
	type ImportContext,
	type ImportIssue,
	type ImportIssueCode,
	type MappingHints,
	type ParsedImport,
	type SeriesPreview,
	type TotalRow,
	type UnmatchedKey
} from './import-table';
export {
	commitIndicatorImport,
	loadImportContext,
	previewIndicatorImport,
	suggestIndicatorImport,
	type CommitResult,
	type CommitSummary,
	type ImportPreview,
	type PreviewResult,
	type SuggestImportResult
} from './import-indicators';
export { recomputeDerivedValues, type RecomputeResult } from './recompute';
export {
	FORM_ROLES,
	mappingInput,
	seriesSources,
	stateFromForm,
	stateFromMapping,
	type FormRole,
	type MappingState,
	type SeriesState as MappingSeriesState
} from './mapping-form';
export {
	indicatorTranslationView,
	IndicatorTranslationInput,
	saveIndicatorTranslation
} from './translations';
export { resumePublications } from './publication';
export {
	applyIndicatorMetadata,
	findMetadataSheet,
	readMetadataSheet,
	type MetadataApplied,
	type MetadataSheet
} from './import-metadata';
