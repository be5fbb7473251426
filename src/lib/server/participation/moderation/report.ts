// Reports on any module's item: one per signed-in person or per anonymous visitor key (daily-rotated
// HMAC, never an IP). When the counted reports reach the consultation's threshold the item is hidden
// automatically. Reports from anonymous visitors, from accounts with an unconfirmed address, or from
// accounts younger than config.reportMinAccountAgeHours (default 24), are kept for the moderators
// (the item shows in the 'reported' queue) but do not count towards hiding: three fresh accounts or
// a few addresses must not be able to silence anyone. Reporters are counted distinct (one row per
// person) and reporting is rate-limited per person or visitor key (REPORT_LIMIT).
import { consumeRateLimit } from '../../auth/rate-limit';
import { consultationRef } from '../../consultations/ref';
import { zodFieldErrors, type Result } from '../../core';
import { admitParticipation, dailyVisitorKey, type GateContext } from '../gate';
import { registry as appRegistry, type Registry } from '../registry';
import { moderationAdapter } from './adapters';
import { logModeration } from './log';
import { ReportInput } from './schemas';

export const AUTO_HIDE_REASON = 'Automatisch ausgeblendet nach Meldungen';
export const REPORT_LIMIT = { limit: 20, windowSeconds: 60 * 60 };
export const DEFAULT_REPORT_MIN_ACCOUNT_AGE_HOURS = 24;

export type ReportError = 'invalid' | 'not_found' | 'rate_limited';

export async function reportItem(
	ctx: GateContext,
	itemType: string,
	itemId: string,
	input: unknown,
	registry: Registry = appRegistry
): Promise<Result<{ alreadyReported: boolean; hidden: boolean }, ReportError>> {
	const parsed = ReportInput.safeParse(input);
	if (!parsed.success) return { ok: false, code: 'invalid', errors: zodFieldErrors(parsed.error) };
	const adapter = await moderationAdapter(itemType, registry);
	const item = adapter ? await adapter.load(ctx.db, itemId) : null;
	if (!adapter || !item || item.status !== 'published') return { ok: false, code: 'not_found' };
	const admitted = await admitParticipation(ctx, await consultationRef(ctx, { id: item.consultationId }), {
		module: adapter.moduleKey,
		verb: 'report'
	});
	if (!admitted.ok) return { ok: false, code: 'not_found' };
	const consultation = admitted.value;
	const reporterId = ctx.actor && !ctx.actor.system ? ctx.actor.id : null;
	const reporterKey = reporterId ? null : dailyVisitorKey(ctx.secret, ctx.clientAddress, ctx.now);
	const limited = await consumeRateLimit(
		ctx.db,
		ctx.secret,
		['report', reporterId ?? reporterKey!],
		REPORT_LIMIT,
		ctx.now
	);
	if (!limited.allowed) return { ok: false, code: 'rate_limited' };
	// Only signed-in people with a confirmed address and an account old enough count towards hiding.
	// An anonymous visitor's key rotates daily and changes with the address, so anyone could report
	// again and again: those reports reach the moderators' queue but never hide anything.
	const counts = !!reporterId && ctx.actor!.emailVerified && (await oldEnough(ctx, reporterId));

	const value = await ctx.db.transaction().execute(async (trx) => {
		const inserted = await trx
			.insertInto('moderation_report')
			.values({
				item_type: itemType,
				item_id: itemId,
				consultation_id: consultation.id,
				reporter_id: reporterId,
				reporter_key: reporterKey,
				reason: parsed.data.reason,
				created_at: ctx.now
			})
			.onConflict((oc) =>
				reporterId
					? oc
							.columns(['item_type', 'item_id', 'reporter_id'])
							.where('reporter_id', 'is not', null)
							.doNothing()
					: oc
							.columns(['item_type', 'item_id', 'reporter_key'])
							.where('reporter_key', 'is not', null)
							.doNothing()
			)
			.returning('id')
			.executeTakeFirst();
		if (!inserted) return { alreadyReported: true, hidden: false };
		if (!counts) return { alreadyReported: false, hidden: false };
		const updated = await adapter.addReport(trx, itemId);
		if (updated.status !== 'published' || updated.reportCount < consultation.autoHideAfterReports)
			return { alreadyReported: false, hidden: false };
		const hidden = await adapter.setStatus(trx, itemId, {
			from: 'published',
			to: 'hidden',
			reason: AUTO_HIDE_REASON,
			clearReports: false
		});
		if (!hidden) return { alreadyReported: false, hidden: false };
		await logModeration(trx, {
			consultationId: consultation.id,
			item: { itemType, id: itemId },
			actorId: null,
			action: 'auto_hide',
			reason: AUTO_HIDE_REASON,
			at: ctx.now
		});
		return { alreadyReported: false, hidden: true };
	});
	return { ok: true, value };
}

async function oldEnough(ctx: GateContext, userId: string): Promise<boolean> {
	const hours = ctx.config?.reportMinAccountAgeHours ?? DEFAULT_REPORT_MIN_ACCOUNT_AGE_HOURS;
	if (hours <= 0) return true;
	const user = await ctx.db
		.selectFrom('app_user')
		.select('created_at')
		.where('id', '=', userId)
		.executeTakeFirst();
	return !!user && user.created_at.getTime() <= ctx.now.getTime() - hours * 60 * 60 * 1000;
}
