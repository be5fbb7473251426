// Following and notification delivery (issue 10): the only import path other code uses.
// Modules call followItem(db, userId, { type, id }, { auto: true }) when a person posts or supports
// (it respects the person's "automatisch folgen" setting) and recordEvent(trx, …) when an item's state
// changes; the outcomes service records responses itself.
export {
	countFollowers,
	DEFAULT_SETTINGS,
	ensureSettingsRow,
	followItem,
	getNotificationSettings,
	isFollowing,
	listFollowRows,
	saveNotificationSettings,
	unfollow,
	unfollowAuto,
	type Delivery,
	type FollowRow,
	type FollowTarget,
	type NotificationSettings
} from './follow';
export { areaTargets, recordEvent, recordNewsEvent, type NewEvent } from './events';
export { runNotificationDigest, startNotificationDigest, type DigestReport } from './digest';
export { findUnsubscribe, unsubscribeByToken, type UnsubscribeTarget } from './unsubscribe';
export {
	describeTargets,
	itemSummaryAdapters,
	publicEventItems,
	publicItems,
	refKey,
	type ItemRef,
	type PublicItem,
	type TargetView
} from './targets';
export { FollowInput, SettingsInput, followCommand, saveSettingsCommand, type FollowCode } from './commands';
export { areaForPage } from './area-page';
