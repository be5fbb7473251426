// Command: a comment on an idea, or a reply to a comment (one level: replies attach to the root).
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { consultationRef } from '../consultations/ref';
import { actorUserId, writeAudit, zodFieldErrors, type Result } from '../core';
import { admitParticipation, type GateContext, type GateError } from '../participation/gate';
import { IdeaComment } from './schemas';

export async function commentOnIdea(
	ctx: GateContext,
	ideaId: string,
	input: unknown
): Promise<Result<{ id: string; status: 'pending' | 'published' }, GateError | 'invalid' | 'spam'>> {
	const parsed = IdeaComment.safeParse(input);
	if (!parsed.success) return { ok: false, code: 'invalid', errors: zodFieldErrors(parsed.error) };
	if (parsed.data.website) return { ok: false, code: 'spam' };
	if (!ctx.actor) return { ok: false, code: 'login_required' };
	const idea = await ctx.db
		.selectFrom('idea')
		.select(['consultation_id', 'status'])
		.where('id', '=', ideaId)
		.executeTakeFirst();
	if (!idea || idea.status !== 'published') return { ok: false, code: 'not_found' };
	let rootId: string | null = null;
	if (parsed.data.parentId) {
		const parent = await ctx.db
			.selectFrom('idea_comment')
			.select(['id', 'parent_id', 'status'])
			.where('id', '=', parsed.data.parentId)
			.where('idea_id', '=', ideaId)
			.executeTakeFirst();
		if (!parent || parent.status !== 'published') return { ok: false, code: 'not_found' };
		rootId = parent.parent_id ?? parent.id;
	}
	const admitted = await admitParticipation(ctx, await consultationRef(ctx, { id: idea.consultation_id }), {
		module: 'ideas',
		verb: 'contribute',
		bucket: 'ideas-comment'
	});
	if (!admitted.ok) return admitted;
	const id = randomUUID();
	const status = admitted.value.preModeration ? 'pending' : 'published';
	await ctx.db.transaction().execute(async (trx) => {
		await trx
			.insertInto('idea_comment')
			.values({
				id,
				idea_id: ideaId,
				parent_id: rootId,
				author_id: actorUserId(ctx.actor),
				body: parsed.data.body,
				status,
				created_at: ctx.now
			})
			.execute();
		if (status === 'published')
			await trx
				.updateTable('idea')
				.set({ comment_count: sql<number>`comment_count + 1` })
				.where('id', '=', ideaId)
				.execute();
		await writeAudit(trx, {
			actorId: actorUserId(ctx.actor),
			action: 'ideas.comment',
			subjectType: 'idea_comment',
			subjectId: id,
			details: { ideaId },
			at: ctx.now
		});
	});
	return { ok: true, value: { id, status } };
}
