// Command: staff give one or several ideas of a board a status and a written response. The board's
// status path limits the statuses; the core (participation/outcomes) enforces the rest — a decision
// needs a text, rows locked, audit, author and supporters told (notification + mail in the outbox).
// Several ideas: one response to all, in one transaction (all or none).
import { z } from 'zod';
import { allowedOnBoard } from '../../ideas/rules';
import { isOutcomeStatus } from '../../participation/outcomes';
import type { CommandContext, Result } from '../core';
import { respondToItem, respondToItems, type RespondCode } from '../participation/outcomes';
import { loadBoardRules } from './board';
import { IDEA_ITEM } from './queries';

const Ids = z.array(z.uuid()).min(1).max(200);

export async function answerIdeas(
	ctx: CommandContext,
	consultationId: string,
	input: {
		ideaIds: string[];
		status: string;
		responseText?: string;
		nextSteps?: string;
		responderName?: string;
		expectedStatus?: string;
	}
): Promise<Result<{ count: number }, RespondCode | 'status_not_on_board' | 'none_selected'>> {
	const ids = Ids.safeParse([...new Set(input.ideaIds)]);
	if (!ids.success)
		return { ok: false, code: 'none_selected', errors: { ideaIds: 'ideas.errors.noneSelected' } };
	// Only ideas of this board (a foreign id looks like a missing one).
	const found = await ctx.db
		.selectFrom('idea')
		.select('id')
		.where('id', 'in', ids.data)
		.where('consultation_id', '=', consultationId)
		.execute();
	if (found.length !== ids.data.length) return { ok: false, code: 'not_found' };
	const rules = await loadBoardRules(ctx.db, consultationId);
	if (isOutcomeStatus(input.status) && !allowedOnBoard(rules, input.status))
		return { ok: false, code: 'status_not_on_board', errors: { status: 'ideas.errors.statusNotOnBoard' } };
	const fields = {
		status: input.status,
		responseText: input.responseText ?? '',
		nextSteps: input.nextSteps ?? '',
		responderName: input.responderName ?? ''
	};
	if (ids.data.length === 1) {
		const r = await respondToItem(ctx, {
			itemType: IDEA_ITEM,
			itemId: ids.data[0],
			...fields,
			expectedStatus: input.expectedStatus ?? ''
		});
		return r.ok ? { ok: true, value: { count: 1 } } : r;
	}
	return respondToItems(ctx, { itemType: IDEA_ITEM, itemIds: ids.data, ...fields } as Parameters<typeof respondToItems>[1]);
}
