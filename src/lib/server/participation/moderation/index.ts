// Moderation for every module's items: the only import path other code uses.
export { moderationAdapter, moderationAdapters } from './adapters';
export { logModeration, type LogAction } from './log';
export { blockItemAuthor, moderateItem, unblockUser, type BlockError, type ModerateError } from './moderate';
export {
	countQueue,
	listBlockedUsers,
	listModerationLog,
	listQueue,
	moderationScope,
	MODERATION_PAGE_SIZE,
	MODERATION_VIEWS,
	type LogEntry,
	type ModerationView,
	type QueueItem
} from './queue';
export { AUTO_HIDE_REASON, REPORT_LIMIT, reportItem, type ReportError } from './report';
export {
	BlockInput,
	ItemRef,
	MODERATION_ACTIONS,
	MODERATION_REASON_MAX,
	ModerateInput,
	ReportInput,
	type ModerationAction
} from './schemas';
