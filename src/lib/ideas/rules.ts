// Idea boards: phase rules and the board's status path. Pure and browser-safe (the pages show the same
// hints the server enforces in src/lib/server/ideas).
import { DECISION_STATUSES, type OutcomeStatus } from '../participation/outcomes';

/** The default way of an idea (eingereicht → in Prüfung → Entscheidung → in Umsetzung → umgesetzt). */
export const DEFAULT_STATUS_PATH: readonly OutcomeStatus[] = [
	'received',
	'in_review',
	'accepted',
	'partly_accepted',
	'not_feasible',
	'in_progress',
	'implemented'
];

export interface BoardRules {
	postingStartsAt: Date | null;
	postingEndsAt: Date | null;
	supportEndsAt: Date | null;
	/** Supports after which the idea must receive an official response (null: no threshold). */
	supportThreshold: number | null;
	/** Days staff have for the response once the threshold is reached. */
	responseDays: number;
	/** Ideas without any support are archived after this many days (null: never). */
	archiveAfterDays: number | null;
	statusPath: OutcomeStatus[];
}

export const DEFAULT_RULES: BoardRules = {
	postingStartsAt: null,
	postingEndsAt: null,
	supportEndsAt: null,
	supportThreshold: null,
	responseDays: 30,
	archiveAfterDays: null,
	statusPath: [...DEFAULT_STATUS_PATH]
};

export type PhaseProblem = 'posting_not_started' | 'posting_ended' | 'support_ended';

/** May a new idea be posted now (the consultation's own open/closed check comes on top)? */
export function postingProblem(rules: BoardRules, now: Date): PhaseProblem | null {
	if (rules.postingStartsAt && now < rules.postingStartsAt) return 'posting_not_started';
	if (rules.postingEndsAt && now >= rules.postingEndsAt) return 'posting_ended';
	return null;
}

/** May supports be given or withdrawn now? */
export function supportProblem(rules: BoardRules, now: Date): PhaseProblem | null {
	if (rules.supportEndsAt && now >= rules.supportEndsAt) return 'support_ended';
	return null;
}

/** Whether a support count reaches the board's threshold. */
export function reachesThreshold(rules: BoardRules, supportCount: number): boolean {
	return rules.supportThreshold !== null && supportCount >= rules.supportThreshold;
}

const DAY = 24 * 60 * 60 * 1000;

/**
 * "Antwort fällig bis …": the date by which an idea that reached the threshold must be answered; null
 * when it never reached it or a decision was already given (the response is then no longer owed).
 */
export function responseDueAt(
	rules: BoardRules,
	thresholdReachedAt: Date | null,
	status: OutcomeStatus
): Date | null {
	if (!thresholdReachedAt || rules.supportThreshold === null) return null;
	if (DECISION_STATUSES.includes(status) || status === 'answered') return null;
	return new Date(thresholdReachedAt.getTime() + rules.responseDays * DAY);
}

/**
 * Archived ideas (computed on read, no job): no support at all, still without a response, and older
 * than archiveAfterDays. They stay reachable by link but leave the default list.
 */
export function isArchived(
	rules: BoardRules,
	idea: { supportCount: number; createdAt: Date; status: OutcomeStatus },
	now: Date
): boolean {
	if (rules.archiveAfterDays === null || idea.supportCount > 0 || idea.status !== 'received') return false;
	return now.getTime() - idea.createdAt.getTime() >= rules.archiveAfterDays * DAY;
}

/** The cut-off date for the SQL filter equivalent to isArchived (created before it → archived). */
export function archiveCutoff(rules: BoardRules, now: Date): Date | null {
	return rules.archiveAfterDays === null ? null : new Date(now.getTime() - rules.archiveAfterDays * DAY);
}

/** A status staff may set on this board: one of its path (received is where every idea starts). */
export function allowedOnBoard(rules: BoardRules, status: OutcomeStatus): boolean {
	return rules.statusPath.includes(status);
}

/** A board's status path must start with 'received' and name each status once. */
export function validStatusPath(path: readonly OutcomeStatus[]): boolean {
	return path[0] === 'received' && new Set(path).size === path.length && path.length >= 2;
}

export const IDEA_SORTS = ['newest', 'supported', 'status', 'response'] as const;
export type IdeaSort = (typeof IDEA_SORTS)[number];

/** Keeps the list's filters in every link (sort, page, filters): a query string, no empty values. */
export function ideaListQuery(
	filters: { sort?: string; area?: string; category?: string; status?: string; page?: number; archived?: boolean },
	change: Partial<{ sort: string; area: string; category: string; status: string; page: number; archived: boolean }> = {}
): string {
	const merged = { ...filters, ...change };
	const params = new URLSearchParams();
	if (merged.sort && merged.sort !== 'newest') params.set('sort', merged.sort);
	if (merged.area) params.set('area', merged.area);
	if (merged.category) params.set('category', merged.category);
	if (merged.status) params.set('status', merged.status);
	if (merged.archived) params.set('archived', '1');
	if (merged.page && merged.page > 1) params.set('page', String(merged.page));
	const s = params.toString();
	return s ? `?${s}` : '';
}
