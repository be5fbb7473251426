// Moderation commands over any module's item (item type + id): approve (pre-moderation), hide with a
// public reason, restore, dismiss reports, block/unblock an author in one consultation. Each is one
// transaction with its row in qk.moderation_log. Who may: consultation.moderate on the item's
// consultation (global or per-consultation moderators, the managers).
import type { Kysely } from 'kysely';
import { loadGrants } from '../../auth/actor';
import { consultationRef, mayModerate, type ConsultationRef } from '../../consultations/ref';
import { actorUserId, zodFieldErrors, type CommandContext, type Result } from '../../core';
import type { DB } from '../../db/types';
import { absoluteUrl, buildMail, enqueueMail } from '../../mail';
import type { ModeratedItem, ModerationAdapter } from '../component';
import { registry as appRegistry, type Registry } from '../registry';
import { moderationAdapter } from './adapters';
import { logModeration } from './log';
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

interface Found {
	adapter: ModerationAdapter;
	item: ModeratedItem;
	consultation: ConsultationRef;
}

/** The item, its consultation and the check that the actor moderates it (a forbidden item looks missing to nobody: moderators know the queue). */
async function loadForModeration(
	ctx: CommandContext,
	itemType: string,
	itemId: string,
	registry: Registry
): Promise<Result<Found, 'not_found' | 'forbidden'>> {
	const adapter = await moderationAdapter(itemType, registry);
	const item = adapter ? await adapter.load(ctx.db, itemId) : null;
	if (!adapter || !item) return { ok: false, code: 'not_found' };
	const consultation = await consultationRef(ctx, { id: item.consultationId });
	if (!consultation) return { ok: false, code: 'not_found' };
	if (!mayModerate(ctx.actor, consultation)) return { ok: false, code: 'forbidden' };
	return { ok: true, value: { adapter, item, consultation } };
}

export async function moderateItem(
	ctx: CommandContext,
	itemType: string,
	itemId: string,
	input: unknown,
	registry: Registry = appRegistry
): Promise<Result<{ status: string }, ModerateError>> {
	const found = await loadForModeration(ctx, itemType, itemId, registry);
	if (!found.ok) return found;
	const { adapter, item, consultation } = found.value;
	const parsed = ModerateInput.safeParse(input);
	if (!parsed.success) return { ok: false, code: 'invalid', errors: zodFieldErrors(parsed.error) };
	const { action, reason } = parsed.data;
	const { from, to } = TRANSITIONS[action];
	if (!from.includes(item.status)) return { ok: false, code: 'wrong_state' };
	if (action === 'dismiss_reports' && item.reportCount === 0) return { ok: false, code: 'wrong_state' };

	const done = await ctx.db.transaction().execute(async (trx) => {
		const moved = await adapter.setStatus(trx, itemId, {
			from: item.status,
			to,
			reason: to === 'hidden' ? reason : null,
			clearReports: action !== 'hide'
		});
		if (!moved) return false;
		await tellAuthor(trx, ctx, item, consultation, action, reason);
		if (action !== 'approve')
			await trx
				.updateTable('moderation_report')
				.set({ resolved_at: ctx.now })
				.where('item_type', '=', itemType)
				.where('item_id', '=', itemId)
				.where('resolved_at', 'is', null)
				.execute();
		await logModeration(trx, {
			consultationId: consultation.id,
			item: { itemType, id: itemId },
			targetUserId: item.authorId,
			actorId: actorUserId(ctx.actor),
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
 * input is approved, hidden (with the reason) or restored. Anonymous authors have no address.
 */
async function tellAuthor(
	trx: Kysely<DB>,
	ctx: CommandContext,
	item: ModeratedItem,
	consultation: ConsultationRef,
	action: ModerationAction,
	reason: string
): Promise<void> {
	const origin = ctx.config?.origin;
	if (!item.authorId || !origin || action === 'dismiss_reports') return;
	const author = await trx
		.selectFrom('app_user')
		.select(['email', 'display_name', 'locale'])
		.where('id', '=', item.authorId)
		.where('blocked_at', 'is', null)
		.executeTakeFirst();
	if (!author) return;
	await enqueueMail(
		trx,
		buildMail(AUTHOR_MAILS[action], author.locale, author.email, {
			name: author.display_name,
			consultation: consultation.title,
			reason,
			link: absoluteUrl(origin, item.path),
			netiquette: absoluteUrl(origin, '/netiquette')
		})
	);
}

/** Is the user a moderator or manager of this consultation (they cannot be blocked in it)? */
async function moderatesToo(db: Kysely<DB>, userId: string, consultation: ConsultationRef): Promise<boolean> {
	// The permission rules look only at the id and the grants.
	const grants = await loadGrants(db, userId);
	const actor = { id: userId, email: '', displayName: '', emailVerified: true, locale: 'de', grants };
	return mayModerate(actor, consultation);
}

/** Blocks the author of an item from writing in its consultation. */
export async function blockItemAuthor(
	ctx: CommandContext,
	itemType: string,
	itemId: string,
	input: unknown,
	registry: Registry = appRegistry
): Promise<Result<{ userId: string }, BlockError>> {
	const found = await loadForModeration(ctx, itemType, itemId, registry);
	if (!found.ok) return found;
	const { item, consultation } = found.value;
	const parsed = BlockInput.safeParse(input);
	if (!parsed.success) return { ok: false, code: 'invalid', errors: zodFieldErrors(parsed.error) };
	const userId = item.authorId;
	if (!userId) return { ok: false, code: 'anonymous' };
	if (userId === ctx.actor?.id || (await moderatesToo(ctx.db, userId, consultation)))
		return { ok: false, code: 'is_moderator' };
	const blocked = await ctx.db.transaction().execute(async (trx) => {
		const row = await trx
			.insertInto('consultation_block')
			.values({
				consultation_id: consultation.id,
				user_id: userId,
				reason: parsed.data.reason,
				blocked_by: actorUserId(ctx.actor),
				created_at: ctx.now
			})
			.onConflict((oc) => oc.columns(['consultation_id', 'user_id']).doNothing())
			.returning('user_id')
			.executeTakeFirst();
		if (!row) return false;
		await logModeration(trx, {
			consultationId: consultation.id,
			item: { itemType, id: itemId },
			targetUserId: userId,
			actorId: actorUserId(ctx.actor),
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
	ctx: CommandContext,
	consultationId: string,
	userId: string
): Promise<Result<null, BlockError>> {
	const consultation = await consultationRef(ctx, { id: consultationId });
	if (!consultation) return { ok: false, code: 'not_found' };
	if (!mayModerate(ctx.actor, consultation)) return { ok: false, code: 'forbidden' };
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
			actorId: actorUserId(ctx.actor),
			action: 'unblock_user',
			at: ctx.now
		});
		return true;
	});
	if (!removed) return { ok: false, code: 'not_blocked' };
	return { ok: true, value: null };
}
