// "Ergebnisse": what was decided and what happens next. Managers write it in any status — also when
// the consultation is closed or archived (closing must not freeze its results); it is public wherever
// the consultation is.
import { z } from 'zod';
import type { Kysely } from 'kysely';
import { actorUserId, writeAudit, zodFieldErrors, type CommandContext, type Result } from '../core';
import type { DB } from '../db/types';
import { getConsultationById } from './queries';

export const RESULTS_MAX = 20_000;

export const ResultsInput = z.object({
	results: z.string().trim().max(RESULTS_MAX, { error: 'outcomes.results.tooLong' })
});

export interface ConsultationResults {
	body: string;
	updatedAt: Date;
}

export async function getConsultationResults(
	db: Kysely<DB>,
	consultationId: string
): Promise<ConsultationResults | null> {
	const row = await db
		.selectFrom('consultation_result')
		.select(['body', 'updated_at'])
		.where('consultation_id', '=', consultationId)
		.executeTakeFirst();
	return row ? { body: row.body, updatedAt: new Date(row.updated_at) } : null;
}

/** Saves the results text; an empty text removes the section. */
export async function saveConsultationResults(
	ctx: CommandContext,
	consultationId: string,
	input: unknown
): Promise<Result<{ published: boolean }, 'not_found' | 'invalid'>> {
	const c = await getConsultationById(ctx.db, consultationId, ctx.actor);
	// A consultation the actor may not manage looks like a missing one.
	if (!c || !c.canManage || !ctx.actor) return { ok: false, code: 'not_found' };
	const parsed = ResultsInput.safeParse(input);
	if (!parsed.success) return { ok: false, code: 'invalid', errors: zodFieldErrors(parsed.error) };
	const body = parsed.data.results;
	await ctx.db.transaction().execute(async (trx) => {
		if (body)
			await trx
				.insertInto('consultation_result')
				.values({ consultation_id: c.id, body, updated_by: actorUserId(ctx.actor), updated_at: ctx.now })
				.onConflict((oc) =>
					oc.column('consultation_id').doUpdateSet({
						body,
						updated_by: actorUserId(ctx.actor),
						updated_at: ctx.now
					})
				)
				.execute();
		else await trx.deleteFrom('consultation_result').where('consultation_id', '=', c.id).execute();
		await writeAudit(trx, {
			actorId: actorUserId(ctx.actor),
			action: 'consultation.results',
			subjectType: 'consultation',
			subjectId: c.id,
			details: { length: body.length, status: c.status },
			at: ctx.now
		});
	});
	return { ok: true, value: { published: body.length > 0 } };
}
