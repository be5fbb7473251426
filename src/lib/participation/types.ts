// Browser-safe shapes of the participation core: what pages and components know about modules.

/** A module as the consultation form and page show it (from the registry, sent by the server). */
export interface ModuleInfo {
	key: string;
	/** i18n key of the module's name */
	labelKey: string;
	/** URL segment under /beteiligung/[slug]/ */
	segment: string;
}

/** A module's section on the consultation page. */
export interface ModuleSection extends ModuleInfo {
	titleKey: string;
	linkKey: string;
}

/** Statuses an input passes through (official responses; see participation/outcomes). */
export const OUTCOME_STATUSES = [
	'received',
	'in_review',
	'accepted',
	'partly_accepted',
	'not_feasible',
	'in_progress',
	'implemented',
	'answered'
] as const;
export type OutcomeStatus = (typeof OUTCOME_STATUSES)[number];

/** An entry of the moderation queue, in the shape the queue pages show for every module. */
export interface QueueEntry {
	itemType: string;
	id: string;
	consultationId: string;
	consultationSlug: string;
	consultationTitle: string;
	/** Link to the item's public page */
	path: string;
	/** e.g. a reply's parent: shown as "Antwort auf …" */
	parentId: string | null;
	body: string;
	status: string;
	categoryName: string | null;
	channel: string;
	authorId: string | null;
	authorName: string | null;
	authorBlocked: boolean;
	reportCount: number;
	hiddenReason: string | null;
	/** A Date on the server, a string once serialised */
	createdAt: Date;
}

/** A queue entry as the queue pages get it: with the open reports' reasons. */
export interface QueueItem extends QueueEntry {
	reportReasons: string[];
}
