// Commands: link a measure to an item it answers (any module's input, by item type and id or the
// item's page address), and remove a link. Only public items can be linked (the measure page shows
// them to everyone).
import { actorUserId, ok, writeAudit, zodFieldErrors, type CommandContext, type Result } from '../core';
import { publicItems, refKey } from '../following';
import type { Registry } from '../participation/registry';
import { manageableMeasure } from './access';
import { recordMeasureEvent } from './notify';
import { LinkInput, UnlinkInput } from './schemas';

export type LinkCode = 'invalid' | 'not_found' | 'item_not_found' | 'already_linked';

export async function linkItem(
	ctx: CommandContext,
	measureId: string,
	input: unknown,
	registry?: Registry
): Promise<Result<{ itemType: string; itemId: string }, LinkCode>> {
	const parsed = LinkInput.safeParse(input);
	if (!parsed.success) return { ok: false, code: 'invalid', errors: zodFieldErrors(parsed.error) };
	const { itemType, reference: itemId } = parsed.data;
	if (!(await manageableMeasure(ctx, ctx.db, measureId))) return { ok: false, code: 'not_found' };
	const found = await publicItems(ctx.db, [{ itemType, itemId }], registry);
	if (!found.has(refKey(itemType, itemId)))
		return { ok: false, code: 'item_not_found', errors: { reference: 'measures.errors.itemNotFound' } };
	return ctx.db.transaction().execute(async (trx) => {
		const inserted = await trx
			.insertInto('measure_link')
			.values({
				measure_id: measureId,
				item_type: itemType,
				item_id: itemId,
				created_by: actorUserId(ctx.actor),
				created_at: ctx.now
			})
			.onConflict((oc) => oc.columns(['measure_id', 'item_type', 'item_id']).doNothing())
			.returning('item_id')
			.executeTakeFirst();
		if (!inserted)
			return {
				ok: false as const,
				code: 'already_linked' as const,
				errors: { reference: 'measures.errors.alreadyLinked' }
			};
		await trx.updateTable('measure').set({ updated_at: ctx.now }).where('id', '=', measureId).execute();
		await writeAudit(trx, {
			actorId: actorUserId(ctx.actor),
			action: 'measure.link',
			subjectType: 'measure',
			subjectId: measureId,
			details: { itemType, itemId },
			at: ctx.now
		});
		await recordMeasureEvent(trx, measureId, 'linked', actorUserId(ctx.actor), ctx.now);
		return ok({ itemType, itemId });
	});
}

export async function unlinkItem(
	ctx: CommandContext,
	measureId: string,
	input: unknown
): Promise<Result<null, 'invalid' | 'not_found'>> {
	const parsed = UnlinkInput.safeParse(input);
	if (!parsed.success) return { ok: false, code: 'invalid', errors: zodFieldErrors(parsed.error) };
	if (!(await manageableMeasure(ctx, ctx.db, measureId))) return { ok: false, code: 'not_found' };
	return ctx.db.transaction().execute(async (trx) => {
		const r = await trx
			.deleteFrom('measure_link')
			.where('measure_id', '=', measureId)
			.where('item_type', '=', parsed.data.itemType)
			.where('item_id', '=', parsed.data.itemId)
			.executeTakeFirst();
		if (Number(r.numDeletedRows) === 0) return { ok: false as const, code: 'not_found' as const };
		await writeAudit(trx, {
			actorId: actorUserId(ctx.actor),
			action: 'measure.unlink',
			subjectType: 'measure',
			subjectId: measureId,
			details: parsed.data,
			at: ctx.now
		});
		await trx.updateTable('measure').set({ updated_at: ctx.now }).where('id', '=', measureId).execute();
		await recordMeasureEvent(trx, measureId, 'unlinked', actorUserId(ctx.actor), ctx.now, [
			{ type: parsed.data.itemType, id: parsed.data.itemId }
		]);
		return ok(null);
	});
}
