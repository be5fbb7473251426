// Command: a new progress value with its milestone date and note. The measure row is locked so two
// planners' changes line up in the history (previous_progress is always the value before).
import { actorUserId, ok, writeAudit, zodFieldErrors, type CommandContext, type Result } from '../core';
import { manageableMeasure } from './access';
import { recordMeasureEvent } from './notify';
import { ProgressInput } from './schemas';

export type ProgressCode = 'invalid' | 'not_found' | 'unchanged';

export async function recordProgress(
	ctx: CommandContext,
	measureId: string,
	input: unknown
): Promise<Result<{ progress: number; previous: number }, ProgressCode>> {
	const parsed = ProgressInput.safeParse(input);
	if (!parsed.success) return { ok: false, code: 'invalid', errors: zodFieldErrors(parsed.error) };
	const p = parsed.data;
	if (!(await manageableMeasure(ctx, ctx.db, measureId))) return { ok: false, code: 'not_found' };
	return ctx.db.transaction().execute(async (trx) => {
		const locked = await trx
			.selectFrom('measure')
			.select('progress')
			.where('id', '=', measureId)
			.forUpdate()
			.executeTakeFirstOrThrow();
		if (locked.progress === p.progress && p.note === '')
			return {
				ok: false as const,
				code: 'unchanged' as const,
				errors: { progress: 'measures.errors.unchanged' }
			};
		await trx
			.updateTable('measure')
			.set({ progress: p.progress, updated_at: ctx.now })
			.where('id', '=', measureId)
			.execute();
		await trx
			.insertInto('measure_progress')
			.values({
				measure_id: measureId,
				progress: p.progress,
				previous_progress: locked.progress,
				milestone_on: p.milestoneOn,
				note: p.note,
				created_by: actorUserId(ctx.actor),
				created_at: ctx.now
			})
			.execute();
		await writeAudit(trx, {
			actorId: actorUserId(ctx.actor),
			action: 'measure.progress',
			subjectType: 'measure',
			subjectId: measureId,
			details: { from: locked.progress, to: p.progress, milestoneOn: p.milestoneOn },
			at: ctx.now
		});
		await recordMeasureEvent(trx, measureId, 'progress', actorUserId(ctx.actor), ctx.now);
		return ok({ progress: p.progress, previous: locked.progress });
	});
}
