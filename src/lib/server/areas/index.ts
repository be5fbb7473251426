// Areas (Sozialräume): levels, versions, tree, outline map.
export {
	areaTree,
	getAreaByKey,
	listAreaGeometries,
	listAreaLevels,
	listAreas,
	type AreaFilter,
	type AreaLevelRow,
	type AreaRow,
	type AreaTreeNode,
	type AreaWithGeometry
} from './queries';
export { outlineMap, type OutlineMap, type OutlineMapArea, type OutlineMapBorder } from './map';
export { consultationAreasJson, loadAreaAncestry, type LabelledAreaRef } from './ancestry';
export {
	areaPickerGroups,
	areasTouching,
	consultationBounds,
	pickedAreas,
	type AssignedArea,
	type PickerGroup
} from './assignment';
export {
	areaAndDescendantIds,
	areaLabels,
	currentAreaIdByKey,
	currentAreaLabels,
	newestAreaId,
	relatedAreaIds,
	type AreaLabel
} from './lookup';
export {
	checkInsideConsultation,
	consultationAreaScope,
	consultationAreaShapes,
	insideConsultation,
	type ConsultationAreaShape,
	type ConsultationAreaShapes
} from './consultation-scope';
