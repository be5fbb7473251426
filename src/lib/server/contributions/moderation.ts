// Moderation commands: approve (pre-moderation), hide with a public reason, restore, dismiss reports,
// block/unblock an author in one consultation. Every action is one transaction with its entry in
// qk.moderation_log. Who may: canModerate (global or per-consultation moderators, the managers).
import type { Kysely } from 'kysely';
import { loadGrants } from '../auth/actor';
import type { DB } from '../db/types';
import { absoluteUrl, buildMail, enqueueMail } from '../mail';
import { canModerate, loadConsultationFacts, type ConsultationFacts } from './consultation';
import type { ContributionContext, Result } from './context';
import { zodFieldErrors as fieldErrors } from '../core';
import { BlockInput, ModerateInput, type ModerationAction } from './schemas';

export type ModerateError = 'not_found' | 'forbidden' | 'invalid' | 'wrong_state';
export type BlockError = ModerateError | 'anonymous' | 'is_moderator' | 'already_blocked' | 'not_blocked';

/** Which status each action starts from, and where it leads. */
const TRANSITIONS: Record<ModerationAction, { from: string[]; to: string }> = {
	approve: { from: ['pending'], to: 'published' },
	hide: { from: ['pending', 'published'], to: 'hidden' },
	restore: { from: ['hidden'], to: 'published' },
	dismiss_reports: { from: ['published'], to: 'published' }
};

type LogAction =
	'approve' | 'hide' | 'restore' | 'auto_hide' | 'dismiss_reports' | 'block_user' | 'unblock_user';

/** One entry in the moderation audit log (inside the action's transaction). */
export async function logModeration(
	trx: Kysely<DB>,
	entry: {
		consultationId: string;
		contributionId?: string | null;
		targetUserId?: string | null;
		actorId: string | null;
		action: LogAction;
		reason?: string | null;
		at: Date;
	}
): Promise<void> {
	await trx
		.insertInto('moderation_log')
		.values({
			consultation_id: entry.consultationId,
			contribution_id: entry.contributionId ?? null,
			target_user_id: entry.targetUserId ?? null,
			actor_id: entry.actorId,
			action: entry.action,
			reason: entry.reason || null,
			created_at: entry.at
		})
		.execute();
}

async function loadForModeration(ctx: ContributionContext, contributionId: string) {
	const row = await ctx.db
		.selectFrom('contribution')
		.select(['id', 'consultation_id', 'status', 'author_id', 'report_count', 'parent_id'])
		.where('id', '=', contributionId)
		.executeTakeFirst();
	if (!row) return { ok: false as const, code: 'not_found' as const };
	const facts = await loadConsultationFacts(ctx.db, { id: row.consultation_id });
	if (!facts) return { ok: false as const, code: 'not_found' as const };
	if (!(await canModerate(ctx.db, ctx.actor, facts)))
		return { ok: false as const, code: 'forbidden' as const };
	return { ok: true as const, row, facts };
}

export async function moderateContribution(
	ctx: ContributionContext,
	contributionId: string,
	input: unknown
): Promise<Result<{ status: string }, ModerateError>> {
	const found = await loadForModeration(ctx, contributionId);
	if (!found.ok) return found;
	const parsed = ModerateInput.safeParse(input);
	if (!parsed.success) return { ok: false, code: 'invalid', errors: fieldErrors(parsed.error) };
	const { action, reason } = parsed.data;
	const { from, to } = TRANSITIONS[action];
	if (!from.includes(found.row.status)) return { ok: false, code: 'wrong_state' };
	if (action === 'dismiss_reports' && found.row.report_count === 0) return { ok: false, code: 'wrong_state' };

	const done = await ctx.db.transaction().execute(async (trx) => {
		// Guarded by the old status: two moderators acting at once cannot both succeed.
		const updated = await trx
			.updateTable('contribution')
			.set({
				status: to,
				hidden_reason: to === 'hidden' ? reason : null,
				// Handled reports no longer count towards the automatic hiding.
				...(action === 'hide' ? {} : { report_count: 0 })
			})
			.where('id', '=', contributionId)
			.where('status', '=', found.row.status)
			.executeTakeFirst();
		if (Number(updated.numUpdatedRows) === 0) return false;
		await tellAuthor(trx, ctx, found.row, found.facts, action, reason);
		if (action !== 'approve')
			await trx
				.updateTable('contribution_report')
				.set({ resolved_at: ctx.now })
				.where('contribution_id', '=', contributionId)
				.where('resolved_at', 'is', null)
				.execute();
		await logModeration(trx, {
			consultationId: found.facts.id,
			contributionId,
			targetUserId: found.row.author_id,
			actorId: ctx.actor?.id ?? null,
			action,
			reason,
			at: ctx.now
		});
		return true;
	});
	if (!done) return { ok: false, code: 'wrong_state' };
	return { ok: true, value: { status: to } };
}

const AUTHOR_MAILS = {
	approve: 'contribution_approved',
	hide: 'contribution_hidden',
	restore: 'contribution_restored'
} as const;

/**
 * Every resident sees what happened to their input: a signed-in author gets a mail when their
 * contribution is approved, hidden (with the reason) or restored. Anonymous authors have no address.
 */
async function tellAuthor(
	trx: Kysely<DB>,
	ctx: ContributionContext,
	row: { id: string; author_id: string | null; parent_id: string | null },
	facts: ConsultationFacts,
	action: ModerationAction,
	reason: string
): Promise<void> {
	const origin = ctx.config?.origin;
	if (!row.author_id || !origin || action === 'dismiss_reports') return;
	const author = await trx
		.selectFrom('app_user')
		.select(['email', 'display_name', 'locale'])
		.where('id', '=', row.author_id)
		.where('blocked_at', 'is', null)
		.executeTakeFirst();
	if (!author) return;
	await enqueueMail(
		trx,
		buildMail(AUTHOR_MAILS[action], author.locale, author.email, {
			name: author.display_name,
			consultation: facts.title,
			reason,
			link: absoluteUrl(origin, `/beteiligung/${facts.slug}/beitrag/${row.parent_id ?? row.id}`),
			netiquette: absoluteUrl(origin, '/netiquette')
		})
	);
}

/** Is the user a moderator or manager of this consultation (they cannot be blocked in it)? */
async function moderatesToo(db: Kysely<DB>, userId: string, facts: ConsultationFacts): Promise<boolean> {
	// The permission rules look only at the id and the grants.
	const grants = await loadGrants(db, userId);
	const actor = { id: userId, email: '', displayName: '', emailVerified: true, locale: 'de', grants };
	return canModerate(db, actor, facts);
}

/** Blocks the author of a contribution from writing in its consultation. */
export async function blockAuthor(
	ctx: ContributionContext,
	contributionId: string,
	input: unknown
): Promise<Result<{ userId: string }, BlockError>> {
	const found = await loadForModeration(ctx, contributionId);
	if (!found.ok) return found;
	const parsed = BlockInput.safeParse(input);
	if (!parsed.success) return { ok: false, code: 'invalid', errors: fieldErrors(parsed.error) };
	const userId = found.row.author_id;
	if (!userId) return { ok: false, code: 'anonymous' };
	if (userId === ctx.actor?.id || (await moderatesToo(ctx.db, userId, found.facts)))
		return { ok: false, code: 'is_moderator' };
	const blocked = await ctx.db.transaction().execute(async (trx) => {
		const row = await trx
			.insertInto('consultation_block')
			.values({
				consultation_id: found.facts.id,
				user_id: userId,
				reason: parsed.data.reason,
				blocked_by: ctx.actor?.id ?? null,
				created_at: ctx.now
			})
			.onConflict((oc) => oc.columns(['consultation_id', 'user_id']).doNothing())
			.returning('user_id')
			.executeTakeFirst();
		if (!row) return false;
		await logModeration(trx, {
			consultationId: found.facts.id,
			contributionId,
			targetUserId: userId,
			actorId: ctx.actor?.id ?? null,
			action: 'block_user',
			reason: parsed.data.reason,
			at: ctx.now
		});
		return true;
	});
	if (!blocked) return { ok: false, code: 'already_blocked' };
	return { ok: true, value: { userId } };
}

export async function unblockUser(
	ctx: ContributionContext,
	consultationId: string,
	userId: string
): Promise<Result<null, BlockError>> {
	const facts = await loadConsultationFacts(ctx.db, { id: consultationId });
	if (!facts) return { ok: false, code: 'not_found' };
	if (!(await canModerate(ctx.db, ctx.actor, facts))) return { ok: false, code: 'forbidden' };
	const removed = await ctx.db.transaction().execute(async (trx) => {
		const row = await trx
			.deleteFrom('consultation_block')
			.where('consultation_id', '=', consultationId)
			.where('user_id', '=', userId)
			.returning('user_id')
			.executeTakeFirst();
		if (!row) return false;
		await logModeration(trx, {
			consultationId,
			targetUserId: userId,
			actorId: ctx.actor?.id ?? null,
			action: 'unblock_user',
			at: ctx.now
		});
		return true;
	});
	if (!removed) return { ok: false, code: 'not_blocked' };
	return { ok: true, value: null };
}
