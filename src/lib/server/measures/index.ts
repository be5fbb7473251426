// Measures (Maßnahmen): the only import path other code uses.
export { createMeasure, updateMeasure, type SaveMeasureCode } from './save-measure';
export { recordProgress, type ProgressCode } from './record-progress';
export { linkItem, unlinkItem, type LinkCode } from './link-items';
export {
	areaIdForFilter,
	consultationChoices,
	getMeasure,
	listMeasures,
	measureSubject,
	measuresFor,
	type MeasureDetail,
	type MeasureFilter
} from './queries';
export { openDataMeasures, type OpenMeasure } from './open-data';
export { measureRules, type MeasureSubject } from './permissions';
export {
	LinkInput,
	MEASURES_PAGE_SIZE,
	MeasureInput,
	MeasureListQuery,
	ProgressInput,
	UnlinkInput,
	measureFormInput
} from './schemas';
export { formValuesOf, measureFormChoices, translateErrors } from './form';
export { manageableMeasures } from './access';
