// Map contributions (Beiträge): create (online, anonymous, analog), replies, support, reports,
// author edit/delete, area assignment, listing by bounding box, open data.
export { ADDRESS_MAX, geocodeAddress, type GeocodeResult } from './geocode';
export { readContributionForm, reportErrorCode, translateErrors, type ContributionSubmission } from './form';
export type { ContributionContext } from './context';
export { createContribution, createReply, type Created } from './create';
export { DEMO_CONTRIBUTIONS_PER_CONSULTATION, insertDemoContributions } from './demo';
export { deleteContribution, editContribution, isAuthor } from './edit';
export { checkPhotos, MAX_PHOTOS, MAX_PHOTO_BYTES, type PhotoInput } from './photos';
export {
	getContribution,
	listContributionsInBox,
	MAP_LIMIT,
	mapFeaturesInBox,
	openDataContributions,
	PAGE_SIZE,
	photoUpload,
	type ContributionDetail,
	type ContributionSummary
} from './queries';
export { blockAuthor, moderateContribution, reportContribution } from './moderation';
export { CONTRIBUTION_ITEM } from './moderation-adapter';
export { ANALOG_CHANNELS, BboxParam, CHANNELS, ListFilters } from './schemas';
export { listEnteredBy, StaffEntryFields, type StaffEntry } from './staff-entry';
export { toggleSupport } from './support';
