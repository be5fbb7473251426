// Outcomes (Rückmeldungen): official statuses and responses for any module's input, the public
// history, notifications and "Meine Beiträge". The only import path other code uses.
export { findOutcomeAdapter, outcomeAdapters } from './adapters';
export { listMyContributions, type MyContribution } from './my-contributions';
export {
	countUnreadNotifications,
	listNotifications,
	markNotificationsRead,
	writeNotifications,
	type NewNotification
} from './notifications';
export { outcomeRules } from './permissions';
export { getOutcome, lastResponderName, summariseOutcomes, type OutcomeSummary } from './queries';
export { mayRespondIn, respondToItem, respondToItems, type RespondCode } from './respond';
export {
	MY_CONTRIBUTIONS_PAGE_SIZE,
	NEXT_STEPS_MAX,
	NOTIFICATIONS_PAGE_SIZE,
	PageParam,
	RESPONDER_MAX,
	RESPONSE_MAX,
	RespondInput
} from './schemas';
