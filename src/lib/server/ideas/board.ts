// A consultation's board rules (qk.idea_board): read with defaults, saved by staff.
import type { Kysely } from 'kysely';
import { DEFAULT_RULES, validStatusPath, type BoardRules } from '../../ideas/rules';
import { isOutcomeStatus, type OutcomeStatus } from '../../participation/outcomes';
import { can } from '../auth/permissions';
import { consultationRef } from '../consultations/ref';
import { actorUserId, writeAudit, zodFieldErrors, type CommandContext, type Result } from '../core';
import type { DB } from '../db/types';
import { BoardSettings } from './schemas';

const date = (v: Date | string | null) => (v ? new Date(v) : null);

export async function loadBoardRules(db: Kysely<DB>, consultationId: string): Promise<BoardRules> {
	const row = await db
		.selectFrom('idea_board')
		.selectAll()
		.where('consultation_id', '=', consultationId)
		.executeTakeFirst();
	if (!row) return { ...DEFAULT_RULES, statusPath: [...DEFAULT_RULES.statusPath] };
	return {
		postingStartsAt: date(row.posting_starts_at),
		postingEndsAt: date(row.posting_ends_at),
		supportEndsAt: date(row.support_ends_at),
		supportThreshold: row.support_threshold,
		responseDays: row.response_days,
		archiveAfterDays: row.archive_after_days,
		statusPath: row.status_path.filter(isOutcomeStatus) as OutcomeStatus[]
	};
}

/** Staff set the board's phase rules (upsert, audited). */
export async function saveBoardRules(
	ctx: CommandContext,
	consultationId: string,
	input: unknown
): Promise<Result<BoardRules, 'invalid' | 'not_found'>> {
	const c = await consultationRef(ctx, { id: consultationId });
	if (!c || !can(ctx.actor, 'ideas.configure', c.subject)) return { ok: false, code: 'not_found' };
	const parsed = BoardSettings.safeParse(input);
	if (!parsed.success) return { ok: false, code: 'invalid', errors: zodFieldErrors(parsed.error) };
	const d = parsed.data;
	if (!validStatusPath(d.statusPath))
		return { ok: false, code: 'invalid', errors: { statusPath: 'ideas.errors.statusPathInvalid' } };
	if (d.postingStartsAt && d.postingEndsAt && d.postingEndsAt <= d.postingStartsAt)
		return { ok: false, code: 'invalid', errors: { postingEndsAt: 'ideas.errors.periodInvalid' } };
	const values = {
		posting_starts_at: d.postingStartsAt,
		posting_ends_at: d.postingEndsAt,
		support_ends_at: d.supportEndsAt,
		support_threshold: d.supportThreshold,
		response_days: d.responseDays,
		archive_after_days: d.archiveAfterDays,
		status_path: d.statusPath,
		updated_at: ctx.now
	};
	await ctx.db.transaction().execute(async (trx) => {
		await trx
			.insertInto('idea_board')
			.values({ consultation_id: consultationId, ...values })
			.onConflict((oc) => oc.column('consultation_id').doUpdateSet(values))
			.execute();
		// A threshold set or lowered below what ideas already have: their response is due from now on
		// (supportIdea stamps only when someone supports, which may never happen again).
		if (d.supportThreshold !== null)
			await trx
				.updateTable('idea')
				.set({ threshold_reached_at: ctx.now })
				.where('consultation_id', '=', consultationId)
				.where('threshold_reached_at', 'is', null)
				.where('support_count', '>=', d.supportThreshold)
				.execute();
		await writeAudit(trx, {
			actorId: actorUserId(ctx.actor),
			action: 'ideas.configure',
			subjectType: 'consultation',
			subjectId: consultationId,
			details: { supportThreshold: d.supportThreshold, responseDays: d.responseDays },
			at: ctx.now
		});
	});
	return { ok: true, value: await loadBoardRules(ctx.db, consultationId) };
}
