// Authors edit their contribution until it has replies, and delete it (a placeholder stays).
// Signed-in authors are recognised by account; anonymous ones by their private token.
import { sql } from 'kysely';
import { hashToken } from '../auth/tokens';
import { consultationRef } from '../consultations/ref';
import { admitParticipation } from '../participation/gate';
import type { Result } from '../core';
import type { ContributionContext } from './context';
import { deletePhotoRows } from './photo-rows';
import { zodFieldErrors as fieldErrors } from '../core';
import { EditInput } from './schemas';

export type EditError = 'not_found' | 'forbidden' | 'has_replies' | 'closed' | 'invalid';

async function loadOwn(ctx: ContributionContext, id: string, token: string | null) {
	const row = await ctx.db
		.selectFrom('contribution')
		.select([
			'id',
			'author_id',
			'anonymous_token_hash',
			'status',
			'reply_count',
			'parent_id',
			'consultation_id'
		])
		.where('id', '=', id)
		.executeTakeFirst();
	if (!row || row.status === 'deleted') return { ok: false as const, code: 'not_found' as const };
	const byAccount = !!ctx.actor && row.author_id === ctx.actor.id;
	const byToken = !!token && !!row.anonymous_token_hash && hashToken(token) === row.anonymous_token_hash;
	if (!byAccount && !byToken) return { ok: false as const, code: 'forbidden' as const };
	return { ok: true as const, row };
}

/** Whether this actor (or token holder) is the author: for showing the edit/delete forms. */
export async function isAuthor(ctx: ContributionContext, id: string, token: string | null): Promise<boolean> {
	return (await loadOwn(ctx, id, token)).ok;
}

export async function editContribution(
	ctx: ContributionContext,
	id: string,
	input: unknown,
	token: string | null = null
): Promise<Result<{ id: string }, EditError>> {
	const own = await loadOwn(ctx, id, token);
	if (!own.ok) return own;
	if (own.row.status === 'hidden') return { ok: false, code: 'forbidden' };
	if (own.row.reply_count > 0) return { ok: false, code: 'has_replies' };
	const admitted = await admitParticipation(
		ctx,
		await consultationRef(ctx, { id: own.row.consultation_id }),
		{
			module: 'map_comments',
			verb: 'edit'
		}
	);
	if (!admitted.ok) return { ok: false, code: admitted.code === 'blocked' ? 'forbidden' : 'closed' };
	const parsed = EditInput.safeParse(input);
	if (!parsed.success) return { ok: false, code: 'invalid', errors: fieldErrors(parsed.error) };
	// Pre-moderated: a changed text is unreviewed again, so it goes back to the queue.
	const backToQueue = admitted.value.preModeration && own.row.status === 'published';
	await ctx.db
		.updateTable('contribution')
		.set({ body: parsed.data.body, edited_at: ctx.now, ...(backToQueue ? { status: 'pending' } : {}) })
		.where('id', '=', id)
		.execute();
	return { ok: true, value: { id } };
}

export async function deleteContribution(
	ctx: ContributionContext,
	id: string,
	token: string | null = null
): Promise<Result<{ id: string }, EditError>> {
	const own = await loadOwn(ctx, id, token);
	if (!own.ok) return own;
	const files = await ctx.db.transaction().execute(async (trx) => {
		await trx
			.updateTable('contribution')
			.set({ status: 'deleted', body: '', edited_at: ctx.now, anonymous_token_hash: null })
			.where('id', '=', id)
			.execute();
		const keys = await deletePhotoRows(trx, [id]);
		if (own.row.parent_id && own.row.status !== 'deleted')
			await trx
				.updateTable('contribution')
				.set({ reply_count: sql<number>`greatest(reply_count - 1, 0)` })
				.where('id', '=', own.row.parent_id)
				.execute();
		return keys;
	});
	for (const key of files) await ctx.storage?.delete(key).catch(() => undefined);
	return { ok: true, value: { id } };
}
