// Workshop results linked to ideas (issue 11): whoever manages the consultation a workshop result
// lives in (the organiser who entered it, its planners) says which public idea the result supports
// or relates to. Both sides show the link to everyone, so only public things are linked and shown:
// a published workshop result in a public consultation, a published idea on a public idea board.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { can } from '../auth/permissions';
import { loadConsultationRef } from '../consultations/ref';
import { actorUserId, ok, writeAudit, zodFieldErrors, type CommandContext, type Result } from '../core';
import type { DB } from '../db/types';

const E = 'ideas.errors.';

export const ResultLinkInput = z.object({
	contributionId: z.uuid({ error: `${E}resultNotFound` }),
	ideaId: z.uuid({ error: `${E}linkIdeaRequired` })
});
export type ResultLinkInput = z.output<typeof ResultLinkInput>;

export type ResultLinkCode = 'invalid' | 'not_found' | 'idea_not_found' | 'already_linked';

/**
 * The workshop result, when it is published, public and the actor may manage its consultation
 * (rule 'ideas.link_result'); null otherwise (a forbidden result looks like a missing one).
 */
export async function linkableResult(
	ctx: Pick<CommandContext, 'db' | 'actor'>,
	contributionId: string
): Promise<{ id: string; consultationId: string } | null> {
	if (!ctx.actor) return null;
	const row = await ctx.db
		.selectFrom('contribution')
		.select(['id', 'consultation_id'])
		.where('id', '=', contributionId)
		.where('channel', '=', 'workshop')
		.where('status', '=', 'published')
		.where('parent_id', 'is', null)
		.executeTakeFirst();
	if (!row) return null;
	const ref = await loadConsultationRef(ctx.db, { id: row.consultation_id });
	if (!ref || ref.status === 'draft' || !can(ctx.actor, 'ideas.link_result', ref.subject)) return null;
	return { id: row.id, consultationId: row.consultation_id };
}

async function publicIdea(db: Kysely<DB>, ideaId: string) {
	return db
		.selectFrom('idea as i')
		.innerJoin('consultation as k', 'k.id', 'i.consultation_id')
		.select(['i.id', 'i.title'])
		.where('i.id', '=', ideaId)
		.where('i.status', '=', 'published')
		.where('k.status', '!=', 'draft')
		.where((eb) => eb(eb.val('ideas'), '=', eb.fn.any('k.modules')))
		.executeTakeFirst();
}

export async function linkResultToIdea(
	ctx: CommandContext,
	input: unknown
): Promise<Result<ResultLinkInput, ResultLinkCode>> {
	const parsed = ResultLinkInput.safeParse(input);
	if (!parsed.success) return { ok: false, code: 'invalid', errors: zodFieldErrors(parsed.error) };
	const { contributionId, ideaId } = parsed.data;
	if (!(await linkableResult(ctx, contributionId))) return { ok: false, code: 'not_found' };
	if (!(await publicIdea(ctx.db, ideaId)))
		return { ok: false, code: 'idea_not_found', errors: { ideaId: `${E}linkIdeaNotFound` } };
	return ctx.db.transaction().execute(async (trx) => {
		const inserted = await trx
			.insertInto('idea_result_link')
			.values({ idea_id: ideaId, contribution_id: contributionId, created_at: ctx.now })
			.onConflict((oc) => oc.columns(['idea_id', 'contribution_id']).doNothing())
			.returning('idea_id')
			.executeTakeFirst();
		if (!inserted)
			return {
				ok: false as const,
				code: 'already_linked' as const,
				errors: { ideaId: `${E}linkAlready` }
			};
		await writeAudit(trx, {
			actorId: actorUserId(ctx.actor),
			action: 'idea.link_result',
			subjectType: 'idea',
			subjectId: ideaId,
			details: { contributionId },
			at: ctx.now
		});
		return ok(parsed.data);
	});
}

export async function unlinkResultFromIdea(
	ctx: CommandContext,
	input: unknown
): Promise<Result<null, 'invalid' | 'not_found'>> {
	const parsed = ResultLinkInput.safeParse(input);
	if (!parsed.success) return { ok: false, code: 'invalid', errors: zodFieldErrors(parsed.error) };
	const { contributionId, ideaId } = parsed.data;
	if (!(await linkableResult(ctx, contributionId))) return { ok: false, code: 'not_found' };
	return ctx.db.transaction().execute(async (trx) => {
		const r = await trx
			.deleteFrom('idea_result_link')
			.where('idea_id', '=', ideaId)
			.where('contribution_id', '=', contributionId)
			.executeTakeFirst();
		// already gone (a second click, another organiser): the wanted state holds, nothing to audit
		if (Number(r.numDeletedRows) === 0) return ok(null);
		await writeAudit(trx, {
			actorId: actorUserId(ctx.actor),
			action: 'idea.unlink_result',
			subjectType: 'idea',
			subjectId: ideaId,
			details: { contributionId },
			at: ctx.now
		});
		return ok(null);
	});
}

export interface LinkedResult {
	id: string;
	body: string;
	slug: string;
	eventId: string | null;
	eventTitle: string | null;
}

/** The idea page: the published workshop results (in public consultations) linked to the idea. */
export async function resultsLinkedToIdea(
	db: Kysely<DB>,
	ideaId: string,
	limit = 50
): Promise<LinkedResult[]> {
	const rows = await db
		.selectFrom('idea_result_link as l')
		.innerJoin('contribution as r', 'r.id', 'l.contribution_id')
		.innerJoin('consultation as k', 'k.id', 'r.consultation_id')
		.leftJoin('event as e', 'e.id', 'r.event_id')
		.select([
			'r.id',
			'r.body',
			'k.slug',
			'e.id as event_id',
			'e.title as event_title',
			'e.status as event_status'
		])
		.where('l.idea_id', '=', ideaId)
		.where('r.status', '=', 'published')
		.where('k.status', '!=', 'draft')
		.orderBy('l.created_at', 'desc')
		.orderBy('r.id')
		.limit(limit)
		.execute();
	return rows.map((r) => {
		// a draft event is not public: the result stays, its event name does not show
		const shown = r.event_id !== null && r.event_status !== 'draft';
		return {
			id: r.id,
			body: r.body,
			slug: r.slug,
			eventId: shown ? r.event_id : null,
			eventTitle: shown ? r.event_title : null
		};
	});
}

export interface LinkedIdea {
	id: string;
	title: string;
	slug: string;
}

/** The result page: the public ideas the workshop result is linked to. */
export async function ideasLinkedToResult(db: Kysely<DB>, contributionId: string): Promise<LinkedIdea[]> {
	return db
		.selectFrom('idea_result_link as l')
		.innerJoin('idea as i', 'i.id', 'l.idea_id')
		.innerJoin('consultation as k', 'k.id', 'i.consultation_id')
		.select(['i.id', 'i.title', 'k.slug'])
		.where('l.contribution_id', '=', contributionId)
		.where('i.status', '=', 'published')
		.where('k.status', '!=', 'draft')
		.where((eb) => eb(eb.val('ideas'), '=', eb.fn.any('k.modules')))
		.orderBy('i.title')
		.orderBy('i.id')
		.execute();
}

/** What the link form offers: the published ideas of the result's consultation, newest first. */
export async function linkableIdeas(
	db: Kysely<DB>,
	consultationId: string,
	limit = 200
): Promise<{ id: string; title: string }[]> {
	return db
		.selectFrom('idea as i')
		.innerJoin('consultation as k', 'k.id', 'i.consultation_id')
		.select(['i.id', 'i.title'])
		.where('i.consultation_id', '=', consultationId)
		.where('i.status', '=', 'published')
		.where((eb) => eb(eb.val('ideas'), '=', eb.fn.any('k.modules')))
		.orderBy('i.created_at', 'desc')
		.orderBy('i.id')
		.limit(limit)
		.execute();
}
