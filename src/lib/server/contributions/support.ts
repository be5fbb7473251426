// "Sehe ich auch so": one per signed-in person, a toggle; the count is kept in the same transaction.
import { sql } from 'kysely';
import { consultationRef } from '../consultations/ref';
import { followItem, unfollowAuto } from '../following';
import { admitParticipation } from '../participation/gate';
import type { Result } from '../core';
import type { ContributionContext } from './context';

export async function toggleSupport(
	ctx: ContributionContext,
	contributionId: string
): Promise<
	Result<
		{ supported: boolean; count: number },
		'login_required' | 'email_unconfirmed' | 'not_found' | 'closed' | 'blocked'
	>
> {
	if (!ctx.actor) return { ok: false, code: 'login_required' };
	const row = await ctx.db
		.selectFrom('contribution')
		.select(['consultation_id', 'status'])
		.where('id', '=', contributionId)
		.executeTakeFirst();
	if (!row || row.status !== 'published') return { ok: false, code: 'not_found' };
	const admitted = await admitParticipation(ctx, await consultationRef(ctx, { id: row.consultation_id }), {
		module: 'map_comments',
		verb: 'support'
	});
	if (!admitted.ok) {
		const code = admitted.code;
		const kept = ['blocked', 'not_found', 'email_unconfirmed', 'login_required'] as const;
		return { ok: false, code: kept.find((k) => k === code) ?? 'closed' };
	}
	const userId = ctx.actor.id;
	const value = await ctx.db.transaction().execute(async (trx) => {
		const removed = await trx
			.deleteFrom('contribution_support')
			.where('contribution_id', '=', contributionId)
			.where('user_id', '=', userId)
			.executeTakeFirst();
		const supported = Number(removed.numDeletedRows) === 0;
		if (supported) {
			await trx
				.insertInto('contribution_support')
				.values({ contribution_id: contributionId, user_id: userId, created_at: ctx.now })
				.onConflict((oc) => oc.columns(['contribution_id', 'user_id']).doNothing())
				.execute();
		}
		// Supporters follow the contribution (issue 10) while they support it, unless they switched it off.
		if (supported)
			await followItem(
				trx,
				userId,
				{ type: 'contribution', id: contributionId },
				{ auto: true, now: ctx.now }
			);
		else await unfollowAuto(trx, userId, { type: 'contribution', id: contributionId });
		const updated = await trx
			.updateTable('contribution')
			.set({ support_count: sql<number>`support_count + ${supported ? 1 : -1}` })
			.where('id', '=', contributionId)
			.returning('support_count')
			.executeTakeFirstOrThrow();
		return { supported, count: updated.support_count };
	});
	return { ok: true, value };
}
