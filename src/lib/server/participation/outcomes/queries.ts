// Reading outcomes: one item's current status with its public history, and the current status plus
// latest response of many items at once (lists, "Meine Beiträge").
import type { Kysely } from 'kysely';
import {
	INITIAL_OUTCOME_STATUS,
	type OutcomeResponseView,
	type OutcomeStatus,
	type OutcomeView
} from '../../../participation/outcomes';
import type { DB } from '../../db/types';

/** The public columns of a response (never responder_id). */
const RESPONSE_COLUMNS = [
	'r.id',
	'r.item_id',
	'r.status',
	'r.previous_status',
	'r.response_text',
	'r.next_steps',
	'r.responder_name',
	'r.created_at'
] as const;

function toView(r: {
	id: string;
	status: string;
	previous_status: string;
	response_text: string;
	next_steps: string;
	responder_name: string;
	created_at: Date | string;
}): OutcomeResponseView {
	return {
		id: r.id,
		status: r.status as OutcomeStatus,
		previousStatus: r.previous_status as OutcomeStatus,
		text: r.response_text,
		nextSteps: r.next_steps,
		responderName: r.responder_name,
		createdAt: new Date(r.created_at)
	};
}

/** The item's status and every response, oldest first; "received" with no history before any response. */
export async function getOutcome(db: Kysely<DB>, itemType: string, itemId: string): Promise<OutcomeView> {
	const [current, history] = await Promise.all([
		db
			.selectFrom('outcome')
			.select(['status', 'updated_at'])
			.where('item_type', '=', itemType)
			.where('item_id', '=', itemId)
			.executeTakeFirst(),
		db
			.selectFrom('outcome_response as r')
			.select(RESPONSE_COLUMNS)
			.where('r.item_type', '=', itemType)
			.where('r.item_id', '=', itemId)
			.orderBy('r.created_at')
			.orderBy('r.id')
			.execute()
	]);
	return {
		status: (current?.status as OutcomeStatus) ?? INITIAL_OUTCOME_STATUS,
		updatedAt: current ? new Date(current.updated_at) : null,
		history: history.map(toView)
	};
}

export interface OutcomeSummary {
	status: OutcomeStatus;
	latest: OutcomeResponseView | null;
}

/** Current status and latest response per item id (items without a response are "received"). */
export async function summariseOutcomes(
	db: Kysely<DB>,
	itemType: string,
	itemIds: readonly string[]
): Promise<Map<string, OutcomeSummary>> {
	const out = new Map<string, OutcomeSummary>();
	if (itemIds.length === 0) return out;
	const ids = [...new Set(itemIds)];
	const [states, latest] = await Promise.all([
		db
			.selectFrom('outcome')
			.select(['item_id', 'status'])
			.where('item_type', '=', itemType)
			.where('item_id', 'in', ids)
			.execute(),
		db
			.selectFrom('outcome_response as r')
			.select(RESPONSE_COLUMNS)
			.distinctOn('r.item_id')
			.where('r.item_type', '=', itemType)
			.where('r.item_id', 'in', ids)
			.orderBy('r.item_id')
			.orderBy('r.created_at', 'desc')
			.orderBy('r.id', 'desc')
			.execute()
	]);
	const latestById = new Map(latest.map((r) => [r.item_id, toView(r)]));
	for (const id of ids) out.set(id, { status: INITIAL_OUTCOME_STATUS, latest: latestById.get(id) ?? null });
	for (const s of states)
		out.set(s.item_id, { status: s.status as OutcomeStatus, latest: latestById.get(s.item_id) ?? null });
	return out;
}

/** The display text this person used last time (the form suggests it again). */
export async function lastResponderName(db: Kysely<DB>, userId: string): Promise<string | null> {
	const row = await db
		.selectFrom('outcome_response')
		.select('responder_name')
		.where('responder_id', '=', userId)
		.orderBy('created_at', 'desc')
		.limit(1)
		.executeTakeFirst();
	return row?.responder_name ?? null;
}
