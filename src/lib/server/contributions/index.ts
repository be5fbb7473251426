// Map contributions (Beiträge): create (online, anonymous, analog), replies, support, reports,
// author edit/delete, area assignment, listing by bounding box, open data.
export { areaPickerGroups, areasTouching, consultationBounds, pickedAreas, type PickerGroup } from './areas';
export {
	canManage,
	canModerate,
	isBlockedIn,
	isOpen,
	isPublic,
	loadConsultationFacts,
	type ConsultationFacts
} from './consultation';
export {
	checkInsideConsultation,
	consultationAreaScope,
	consultationAreaShapes,
	insideConsultation,
	type ConsultationAreaShape,
	type ConsultationAreaShapes
} from './consultation-areas';
export { ADDRESS_MAX, geocodeAddress, type GeocodeResult } from './geocode';
export { readContributionForm, translateErrors, type ContributionSubmission } from './form';
export { dailyVisitorKey, type ContributionContext, type Result } from './context';
export { ACCOUNT_LIMIT, ANONYMOUS_LIMIT, createContribution, createReply, type Created } from './create';
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
export {
	blockAuthor,
	moderateContribution,
	unblockUser,
	type BlockError,
	type ModerateError
} from './moderation';
export {
	countModerationQueue,
	listBlockedUsers,
	listModerationLog,
	listModerationQueue,
	MODERATION_PAGE_SIZE,
	MODERATION_VIEWS,
	type LogEntry,
	type ModerationView,
	type QueueItem
} from './moderation-queries';
export { checkProof, consumeProof, issueChallenge, proofFor, type ProofError } from './proof-of-work';
export { AUTO_HIDE_REASON, reportContribution } from './report';
export {
	ANALOG_CHANNELS,
	BboxParam,
	CHANNELS,
	ListFilters,
	MODERATION_ACTIONS,
	MODERATION_REASON_MAX,
	type ModerationAction
} from './schemas';
export { listEnteredBy, StaffEntryFields, type StaffEntry } from './staff-entry';
export { toggleSupport } from './support';
