// Reports: one per signed-in person or per anonymous visitor key (daily-rotated HMAC, never an IP).
// When the count reaches the consultation's threshold the contribution is hidden automatically.
import { sql } from 'kysely';
import { loadConsultationFacts } from './consultation';
import { dailyVisitorKey, type ContributionContext, type Result } from './context';
import { zodFieldErrors as fieldErrors } from '../core';
import { logModeration } from './moderation';
import { ReportInput } from './schemas';

export const AUTO_HIDE_REASON = 'Automatisch ausgeblendet nach Meldungen';

export async function reportContribution(
	ctx: ContributionContext,
	contributionId: string,
	input: unknown
): Promise<Result<{ alreadyReported: boolean; hidden: boolean }, 'invalid' | 'not_found'>> {
	const parsed = ReportInput.safeParse(input);
	if (!parsed.success) return { ok: false, code: 'invalid', errors: fieldErrors(parsed.error) };
	const row = await ctx.db
		.selectFrom('contribution')
		.select(['consultation_id', 'status'])
		.where('id', '=', contributionId)
		.executeTakeFirst();
	if (!row || row.status !== 'published') return { ok: false, code: 'not_found' };
	const facts = await loadConsultationFacts(ctx.db, { id: row.consultation_id });
	if (!facts || facts.status === 'draft') return { ok: false, code: 'not_found' };
	const reporterId = ctx.actor?.id ?? null;
	const reporterKey = reporterId ? null : dailyVisitorKey(ctx.secret, ctx.clientAddress, ctx.now);

	const value = await ctx.db.transaction().execute(async (trx) => {
		const inserted = await trx
			.insertInto('contribution_report')
			.values({
				contribution_id: contributionId,
				reporter_id: reporterId,
				reporter_key: reporterKey,
				reason: parsed.data.reason,
				created_at: ctx.now
			})
			.onConflict((oc) =>
				reporterId
					? oc.columns(['contribution_id', 'reporter_id']).where('reporter_id', 'is not', null).doNothing()
					: oc.columns(['contribution_id', 'reporter_key']).where('reporter_key', 'is not', null).doNothing()
			)
			.returning('id')
			.executeTakeFirst();
		if (!inserted) return { alreadyReported: true, hidden: false };
		const updated = await trx
			.updateTable('contribution')
			.set({ report_count: sql<number>`report_count + 1` })
			.where('id', '=', contributionId)
			.returning(['report_count', 'status'])
			.executeTakeFirstOrThrow();
		if (updated.status !== 'published' || updated.report_count < facts.autoHideAfterReports)
			return { alreadyReported: false, hidden: false };
		await trx
			.updateTable('contribution')
			.set({ status: 'hidden', hidden_reason: AUTO_HIDE_REASON })
			.where('id', '=', contributionId)
			.execute();
		await logModeration(trx, {
			consultationId: facts.id,
			contributionId,
			actorId: null,
			action: 'auto_hide',
			reason: AUTO_HIDE_REASON,
			at: ctx.now
		});
		return { alreadyReported: false, hidden: true };
	});
	return { ok: true, value };
}
