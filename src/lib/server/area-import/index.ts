// Area import (Sozialräume): boundaries from GeoJSON / zipped Shapefiles and hierarchy tables (CSV/XLSX),
// mapped by the planner, previewed, and committed in one transaction. Used by /admin/gebiete and `qk import-areas`.
export { commitAreaImport, displayKeep, type AreaImportSummary, type LevelSummary } from './commit';
export { loadExistingState, referencedAreaIds } from './existing';
export {
	importAreas,
	planSource,
	prepareAreaImport,
	type ImportAreasResult,
	type PrepareResult
} from './import-areas';
export { formatIssue, formatIssues } from './messages';
export { normaliseName, planAreaImport, slugify, type ExistingArea, type ExistingState } from './plan';
export { buildPreview, type AreaImportPreview, type PreviewArea, type PreviewMap } from './preview';
export { listAreaImports, listLevelOverview, type ImportRunRow, type LevelOverview } from './queries';
export {
	BOUNDARY_LEVEL_SLOTS,
	mappingFormValues,
	parseMappingForm,
	SLOT_FIELDS,
	slotFieldName,
	TABLE_LEVEL_SLOTS,
	type MappingFormValues
} from './schemas';
export { MAX_AREA_FILE_BYTES, parseReadOptions, readAreaSource, ReadOptions } from './source';
export {
	discardImportFile,
	isImportId,
	loadImportFile,
	removeStaleImportFiles,
	safeFileName,
	storeImportFile
} from './uploads';
export type * from './types';
