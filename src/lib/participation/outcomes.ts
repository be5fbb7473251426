// The status rules of official responses (Rückmeldungen). Pure and browser-safe: the response form
// shows the same hints the server enforces (src/lib/server/participation/outcomes/respond.ts).
import { OUTCOME_STATUSES, type OutcomeStatus } from './types';

export { OUTCOME_STATUSES, type OutcomeStatus };

/** Where an input stands before anyone responded. */
export const INITIAL_OUTCOME_STATUS: OutcomeStatus = 'received';

/** Decisions and what follows them: people are owed the reasons, so these need a written response. */
export const DECISION_STATUSES: readonly OutcomeStatus[] = [
	'accepted',
	'partly_accepted',
	'not_feasible',
	'in_progress',
	'implemented'
];

/** The usual way (received → in_review → decision → in_progress → implemented); a guide, not a cage. */
const STAGE: Record<OutcomeStatus, number> = {
	received: 0,
	in_review: 1,
	answered: 2,
	accepted: 2,
	partly_accepted: 2,
	not_feasible: 2,
	in_progress: 3,
	implemented: 4
};

export function isOutcomeStatus(value: unknown): value is OutcomeStatus {
	return typeof value === 'string' && (OUTCOME_STATUSES as readonly string[]).includes(value);
}

export function isDecision(status: OutcomeStatus): boolean {
	return DECISION_STATUSES.includes(status);
}

/** Back to an earlier stage: a decision or announcement is withdrawn. */
export function isStepBack(from: OutcomeStatus, to: OutcomeStatus): boolean {
	return STAGE[to] < STAGE[from];
}

export type ResponseProblem = 'text_required' | 'unchanged';

/**
 * Does a move from → to with this text break a rule? Every move is allowed (staff correct mistakes,
 * and some inputs are simply done), but:
 * - a decision status and a plain answer ('answered') need a written response;
 * - stepping back (e.g. implemented → in_review) needs a text saying why;
 * - keeping the status needs a text (a progress update), otherwise nothing would change.
 */
export function responseProblem(
	from: OutcomeStatus,
	to: OutcomeStatus,
	text: string
): ResponseProblem | null {
	const hasText = text.trim().length > 0;
	if (hasText) return null;
	if (from === to) return 'unchanged';
	if (isDecision(to) || to === 'answered' || isStepBack(from, to)) return 'text_required';
	return null;
}

/** Whether the form must ask for a text, whatever the current status (decisions and answers). */
export function alwaysNeedsText(to: OutcomeStatus): boolean {
	return isDecision(to) || to === 'answered';
}

// ---- what pages receive ----
/** One public entry of an input's history (never the responder's account). */
export interface OutcomeResponseView {
	id: string;
	status: OutcomeStatus;
	previousStatus: OutcomeStatus;
	text: string;
	nextSteps: string;
	responderName: string;
	createdAt: Date;
}

/** An input's current status with its history, oldest first. */
export interface OutcomeView {
	status: OutcomeStatus;
	updatedAt: Date | null;
	history: OutcomeResponseView[];
}

export interface NotificationView {
	id: string;
	messageKey: string;
	params: Record<string, string>;
	path: string;
	createdAt: Date;
	readAt: Date | null;
}
