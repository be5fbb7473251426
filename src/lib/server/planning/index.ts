// Planner workspace (issue 12): who was reached, outreach suggestions, the area view. SQL only here.
export {
	indexClassNumber,
	reachByArea,
	reachCounts,
	type ReachInput,
	type ReachOptions,
	type ReachRow
} from './reach';
export { outreachFor, type OutreachSuggestion } from './outreach';
export { areaInput, AREA_INPUT_PAGE_SIZE, type AreaInput, type AreaInputQuery } from './area-input';
export { requirePlanner, visibleAreaIds } from './guard';
export { AreaViewQuery, period, ReachQuery } from './schemas';
