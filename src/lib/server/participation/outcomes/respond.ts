// Command: staff give an input an official status and a written response (Rückmeldung). One
// transaction: the item's outcome row is locked (so two staff cannot interleave), the rules are checked
// against the locked status, the response is appended to the public history, the audit row written,
// and the author and supporters told in the app. Mails go through the follow events like every other
// notice (following/events.ts → the notification job): each person's setting, at most one a day.
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { responseProblem, type OutcomeStatus } from '../../../participation/outcomes';
import { can } from '../../auth/permissions';
import { getConsultationById } from '../../consultations/queries';
import { actorUserId, writeAudit, zodFieldErrors, type CommandContext, type Result } from '../../core';
import type { DB } from '../../db/types';
import type { OutcomeItem } from '../component';
import { registry as appRegistry, type Registry } from '../registry';
import { areaTargets, publicItems, recordEvent, refKey } from '../../following';
import { findOutcomeAdapter } from './adapters';
import { writeNotifications, type NewNotification } from './notifications';
import { RespondInput } from './schemas';

export type RespondCode =
	'invalid' | 'not_found' | 'forbidden' | 'not_answerable' | 'conflict' | 'text_required' | 'unchanged';

/** A refusal found inside the transaction: thrown so that nothing of it stays. */
class Refusal extends Error {
	constructor(readonly code: 'conflict' | 'text_required' | 'unchanged') {
		super(code);
	}
}

export async function respondToItem(
	ctx: CommandContext,
	input: unknown,
	registry: Registry = appRegistry
): Promise<
	Result<{ responseId: string; status: OutcomeStatus; previousStatus: OutcomeStatus }, RespondCode>
> {
	const parsed = RespondInput.safeParse(input);
	if (!parsed.success) return { ok: false, code: 'invalid', errors: zodFieldErrors(parsed.error) };
	const data = parsed.data;
	if (!ctx.actor) return { ok: false, code: 'forbidden' };

	const adapter = await findOutcomeAdapter(data.itemType, registry);
	const item = adapter ? await adapter.load(ctx.db, data.itemId) : null;
	if (!adapter || !item) return { ok: false, code: 'not_found' };
	// Closed and archived consultations stay answerable: closing must not freeze their results.
	const consultation = await getConsultationById(ctx.db, item.consultationId, ctx.actor);
	if (!consultation) return { ok: false, code: 'not_found' };
	if (!can(ctx.actor, 'outcome.respond', consultation.subject)) return { ok: false, code: 'forbidden' };
	if (!item.answerable) return { ok: false, code: 'not_answerable' };

	const followers = await adapter.supporterIds(ctx.db, item.id);
	try {
		const value = await ctx.db
			.transaction()
			.execute((trx) => respondInside(trx, ctx, item, consultation.title, data, followers, registry));
		return { ok: true, value };
	} catch (e) {
		if (e instanceof Refusal)
			return {
				ok: false,
				code: e.code,
				...(e.code === 'conflict' ? {} : { errors: { responseText: `outcomes.errors.${e.code}` } })
			};
		throw e;
	}
}

/**
 * One response to several items of one item type (planners answer ideas that share an answer): all in
 * ONE transaction — when one of them is refused (no text for a decision, not answerable), none is
 * answered. Added for issue 10.
 */
export async function respondToItems(
	ctx: CommandContext,
	input: { itemType: string; itemIds: string[] } & Omit<RespondInput, 'itemType' | 'itemId'>,
	registry: Registry = appRegistry
): Promise<Result<{ count: number }, RespondCode>> {
	const ids = [...new Set(input.itemIds)];
	if (ids.length === 0 || ids.length > 200) return { ok: false, code: 'invalid', errors: {} };
	const parsed = ids.map((itemId) => RespondInput.safeParse({ ...input, itemId }));
	const bad = parsed.find((p) => !p.success);
	if (bad && !bad.success) return { ok: false, code: 'invalid', errors: zodFieldErrors(bad.error) };
	if (!ctx.actor) return { ok: false, code: 'forbidden' };
	const adapter = await findOutcomeAdapter(input.itemType, registry);
	if (!adapter) return { ok: false, code: 'not_found' };
	const prepared: {
		item: OutcomeItem;
		data: z.output<typeof RespondInput>;
		title: string;
		followers: string[];
	}[] = [];
	for (const p of parsed) {
		if (!p.success) continue;
		const item = await adapter.load(ctx.db, p.data.itemId);
		if (!item) return { ok: false, code: 'not_found' };
		const consultation = await getConsultationById(ctx.db, item.consultationId, ctx.actor);
		if (!consultation) return { ok: false, code: 'not_found' };
		if (!can(ctx.actor, 'outcome.respond', consultation.subject)) return { ok: false, code: 'forbidden' };
		if (!item.answerable) return { ok: false, code: 'not_answerable' };
		prepared.push({
			item,
			data: p.data,
			title: consultation.title,
			followers: await adapter.supporterIds(ctx.db, item.id)
		});
	}
	try {
		await ctx.db.transaction().execute(async (trx) => {
			for (const p of prepared) await respondInside(trx, ctx, p.item, p.title, p.data, p.followers, registry);
		});
		return { ok: true, value: { count: prepared.length } };
	} catch (e) {
		if (e instanceof Refusal)
			return {
				ok: false,
				code: e.code,
				...(e.code === 'conflict' ? {} : { errors: { responseText: `outcomes.errors.${e.code}` } })
			};
		throw e;
	}
}

/** The writes of one response inside the caller's transaction (Refusal thrown to roll back). */
async function respondInside(
	trx: Kysely<DB>,
	ctx: CommandContext,
	item: OutcomeItem,
	consultationTitle: string,
	data: z.output<typeof RespondInput>,
	followers: string[],
	registry: Registry
): Promise<{ responseId: string; status: OutcomeStatus; previousStatus: OutcomeStatus }> {
	// The first response creates the row; every response then waits for the one before it.
	await trx
		.insertInto('outcome')
		.values({
			item_type: item.itemType,
			item_id: item.id,
			consultation_id: item.consultationId,
			status: 'received',
			updated_at: ctx.now
		})
		.onConflict((oc) => oc.columns(['item_type', 'item_id']).doNothing())
		.execute();
	const locked = await trx
		.selectFrom('outcome')
		.select('status')
		.where('item_type', '=', item.itemType)
		.where('item_id', '=', item.id)
		.forUpdate()
		.executeTakeFirstOrThrow();
	const from = locked.status as OutcomeStatus;
	if (data.expectedStatus && data.expectedStatus !== from) throw new Refusal('conflict');
	const problem = responseProblem(from, data.status, data.responseText);
	if (problem) throw new Refusal(problem);

	await trx
		.updateTable('outcome')
		.set({ status: data.status, updated_at: ctx.now })
		.where('item_type', '=', item.itemType)
		.where('item_id', '=', item.id)
		.execute();
	const row = await trx
		.insertInto('outcome_response')
		.values({
			item_type: item.itemType,
			item_id: item.id,
			status: data.status,
			previous_status: from,
			response_text: data.responseText,
			next_steps: data.nextSteps,
			responder_name: data.responderName,
			responder_id: actorUserId(ctx.actor),
			created_at: ctx.now
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	await writeAudit(trx, {
		actorId: actorUserId(ctx.actor),
		action: 'outcome.respond',
		subjectType: item.itemType,
		subjectId: item.id,
		details: { consultationId: item.consultationId, from, to: data.status, responseId: row.id },
		at: ctx.now
	});
	const toldInApp = await tellFollowers(trx, ctx, item, followers, {
		consultation: consultationTitle,
		status: data.status,
		responder: data.responderName
	});
	// Followers of the item, its consultation and its areas (issue 10), the author and supporters among
	// them (they follow automatically unless they switched that off or unsubscribed): one delivery row
	// each, mailed by the notification job immediately or in the weekly digest, at most once a day.
	await recordResponseEvent(trx, ctx, item, toldInApp, registry, {
		consultation: consultationTitle,
		status: data.status
	});
	return { responseId: row.id, status: data.status, previousStatus: from };
}

/**
 * The author (when signed in) and every supporter get an in-app notification in their language. Not
 * the responder themselves, not blocked accounts; anonymous authors read it through their private
 * link. Mails are not sent here: they follow each person's mail setting through the follow events
 * (recordResponseEvent, then the notification job in following/digest.ts). Returns who was told.
 */
async function tellFollowers(
	trx: Kysely<DB>,
	ctx: CommandContext,
	item: OutcomeItem,
	supporterIds: string[],
	response: { consultation: string; status: OutcomeStatus; responder: string }
): Promise<string[]> {
	const ids = new Set<string>(supporterIds);
	if (item.authorId) ids.add(item.authorId);
	if (ctx.actor) ids.delete(ctx.actor.id);
	if (ids.size === 0) return [];
	const people = await trx
		.selectFrom('app_user')
		.select(['id'])
		.where('id', 'in', [...ids])
		.where('blocked_at', 'is', null)
		.orderBy('id')
		.execute();
	const notifications: NewNotification[] = people.map((person) => ({
		userId: person.id,
		itemType: item.itemType,
		itemId: item.id,
		messageKey: `outcomes.notification.${person.id === item.authorId ? 'author' : 'supporter'}`,
		params: {
			consultation: response.consultation,
			status: response.status,
			responder: response.responder,
			excerpt: item.excerpt
		},
		path: item.path
	}));
	await writeNotifications(trx, notifications, ctx.now);
	return people.map((p) => p.id);
}

/** Whether the actor may respond to items of this consultation (for showing the form). */
export async function mayRespondIn(db: Kysely<DB>, actor: CommandContext['actor'], consultationId: string) {
	if (!actor) return false;
	const consultation = await getConsultationById(db, consultationId, actor);
	return !!consultation && can(actor, 'outcome.respond', consultation.subject);
}

/** A notification event for the followers (issue 10): only when the item is public. */
async function recordResponseEvent(
	trx: Kysely<DB>,
	ctx: CommandContext,
	item: OutcomeItem,
	toldInApp: string[],
	registry: Registry,
	response: { consultation: string; status: OutcomeStatus }
): Promise<void> {
	const summary = (await publicItems(trx, [{ itemType: item.itemType, itemId: item.id }], registry)).get(
		refKey(item.itemType, item.id)
	);
	if (!summary) return;
	await recordEvent(trx, {
		itemType: item.itemType,
		itemId: item.id,
		messageKey: 'following.event.response',
		params: { excerpt: item.excerpt, consultation: response.consultation, status: response.status },
		path: item.path,
		actorId: actorUserId(ctx.actor),
		targets: [
			{ type: item.itemType, id: item.id },
			{ type: 'consultation', id: item.consultationId },
			...(await areaTargets(trx, summary.areaIds))
		],
		notifiedInApp: toldInApp,
		at: ctx.now
	});
}
