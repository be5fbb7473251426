// "Neues aus meinem Quartier" for ideas: a newly public idea (posted on a board without
// pre-moderation, or approved from the queue) tells the followers of its consultation and areas. Never
// its author (it is their own news) and never while it is not public (pending, hidden, a draft
// consultation): ideaSummaries only knows public ideas.
import type { Kysely } from 'kysely';
import type { DB } from '../db/types';
import { recordNewsEvent } from '../following/events';
import { ideaSummaries } from './following-hooks';

export async function recordIdeaPublished(
	trx: Kysely<DB>,
	ideaId: string,
	actorId: string | null,
	at: Date
): Promise<void> {
	const summary = (await ideaSummaries.summaries(trx, [ideaId])).get(ideaId);
	if (!summary) return;
	const row = await trx.selectFrom('idea').select('author_id').where('id', '=', ideaId).executeTakeFirst();
	await recordNewsEvent(trx, {
		item: summary,
		consultationId: summary.consultationId,
		messageKey: 'following.event.ideaPublished',
		actorId,
		excludeUserIds: row?.author_id ? [row.author_id] : [],
		at
	});
}
