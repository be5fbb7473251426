// Command: support an idea or withdraw the support (a toggle, one per signed-in person). The idea row
// is locked first, so ten parallel clicks of one person run one after the other: each sees the
// previous one's row (primary key idea_id+user_id), and the count is the number of rows, not a sum of
// increments. Reaching the board's threshold stamps threshold_reached_at (the response is due from then).
import { followItem, unfollowAuto } from '../following';
import { sql } from 'kysely';
import { reachesThreshold, supportProblem } from '../../ideas/rules';
import { consultationRef } from '../consultations/ref';
import type { Result } from '../core';
import { admitParticipation, type GateContext } from '../participation/gate';
import { loadBoardRules } from './board';

export type SupportError =
	'login_required' | 'email_unconfirmed' | 'not_found' | 'closed' | 'blocked' | 'support_ended';

/**
 * want: true = support, false = withdraw, undefined = toggle. Setting it explicitly makes a double
 * submit of the same form idempotent (two "Unterstützen" clicks stay one support).
 */
export async function supportIdea(
	ctx: GateContext,
	ideaId: string,
	want?: boolean
): Promise<Result<{ supported: boolean; count: number }, SupportError>> {
	if (!ctx.actor) return { ok: false, code: 'login_required' };
	const row = await ctx.db
		.selectFrom('idea')
		.select(['consultation_id', 'status'])
		.where('id', '=', ideaId)
		.executeTakeFirst();
	if (!row || row.status !== 'published') return { ok: false, code: 'not_found' };
	const admitted = await admitParticipation(ctx, await consultationRef(ctx, { id: row.consultation_id }), {
		module: 'ideas',
		verb: 'support'
	});
	if (!admitted.ok) {
		const kept = ['blocked', 'not_found', 'email_unconfirmed', 'login_required'] as const;
		const code = admitted.code;
		return { ok: false, code: kept.find((k) => k === code) ?? 'closed' };
	}
	const rules = await loadBoardRules(ctx.db, row.consultation_id);
	if (supportProblem(rules, ctx.now)) return { ok: false, code: 'support_ended' };
	const userId = ctx.actor.id;
	const value = await ctx.db.transaction().execute(async (trx) => {
		const idea = await trx
			.selectFrom('idea')
			.select(['threshold_reached_at'])
			.where('id', '=', ideaId)
			.forUpdate()
			.executeTakeFirstOrThrow();
		const existing = await trx
			.selectFrom('idea_support')
			.select('user_id')
			.where('idea_id', '=', ideaId)
			.where('user_id', '=', userId)
			.executeTakeFirst();
		const supported = want ?? !existing;
		if (supported && !existing)
			await trx
				.insertInto('idea_support')
				.values({ idea_id: ideaId, user_id: userId, created_at: ctx.now })
				.onConflict((oc) => oc.columns(['idea_id', 'user_id']).doNothing())
				.execute();
		if (!supported && existing)
			await trx
				.deleteFrom('idea_support')
				.where('idea_id', '=', ideaId)
				.where('user_id', '=', userId)
				.execute();
		// Supporters follow the idea (issue 10) while they support it, unless they switched it off.
		if (supported && !existing)
			await followItem(trx, userId, { type: 'idea', id: ideaId }, { auto: true, now: ctx.now });
		if (!supported && existing) await unfollowAuto(trx, userId, { type: 'idea', id: ideaId });
		const counted = await trx
			.selectFrom('idea_support')
			.select(sql<number>`count(*)::int`.as('n'))
			.where('idea_id', '=', ideaId)
			.executeTakeFirstOrThrow();
		const count = Number(counted.n);
		await trx
			.updateTable('idea')
			.set({
				support_count: count,
				...(idea.threshold_reached_at === null && reachesThreshold(rules, count)
					? { threshold_reached_at: ctx.now }
					: {})
			})
			.where('id', '=', ideaId)
			.execute();
		return { supported, count };
	});
	return { ok: true, value };
}
