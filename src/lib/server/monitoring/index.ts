// Sozialraummonitoring, published view: the public map, area profiles and the open-data API.
// Only public indicators are read, and small-number protection is applied to everything returned.
export {
	getApiValues,
	listApiIndicators,
	resolveGeoJsonLevel,
	type ApiIndicator,
	type ApiValue,
	type ApiValues,
	type ApiValuesResult
} from './api';
export { areasGeoJson, buildAreasGeoJson, forgetAreasGeoJson, type GeoJsonDocument } from './geojson';
export { DEFAULT_CLASSES, DEFAULT_METHOD, defaultLevel, loadMapView, type MapView } from './map-view';
export { moduleOpenApiDocument, openApiDocument } from './openapi';
export {
	levelIndex,
	loadProfile,
	type ProfileFigure,
	type ProfileIndex,
	type ProfileOutline,
	type ProfileSeries,
	type ProfileView
} from './profile';
export {
	isSuppression,
	publishCells,
	publishCityValue,
	SUPPRESSION_REASONS,
	type CityValue,
	type PublishedCell,
	type PublishedReason
} from './publish';
export { loadHiddenAreas, populationFor, type HiddenAreas } from './disclosure';
export { publishLevel, suppressionRules, type PublishedLevel } from './published';
export {
	findRootArea,
	listLevelAreas,
	listLevels,
	listPublicIndicators,
	type LevelArea,
	type LevelRow,
	type PublicIndicator,
	type RawValue
} from './queries';
export {
	AreaKey,
	GeoJsonQuery,
	IndicatorRef,
	MapQuery,
	ProfileQuery,
	searchParamsObject,
	ValuesQuery
} from './schemas';
