// Tags or untags several items with one theme at once (the tagging view's checkboxes).
import type { Transaction } from 'kysely';
import { actorUserId, failure, ok, writeAudit, type CommandContext, type Result } from '../core';
import type { DB } from '../db/types';
import type { ThemeItemType } from '../../themes/types';
import { loadTheme, taggableConsultation } from './access';
import type { ThemeTagItems } from './schemas';

export type TagItemsError = 'not_found' | 'unknown_items';

export async function tagItems(
	ctx: CommandContext,
	input: ThemeTagItems
): Promise<Result<{ changed: number }, TagItemsError>> {
	const theme = await loadTheme(ctx.db, input.themeId);
	// A theme of another consultation cannot collect this one's input.
	if (!theme || (theme.consultationId !== null && theme.consultationId !== input.consultationId))
		return failure('not_found');
	if (!(await taggableConsultation(ctx, input.consultationId))) return failure('not_found');
	return ctx.db.transaction().execute(async (trx) => {
		let changed: number;
		if (input.mode === 'untag') {
			const result = await trx
				.deleteFrom('theme_tag')
				.where('theme_id', '=', theme.id)
				.where('consultation_id', '=', input.consultationId)
				.where((eb) =>
					eb.or(
						input.items.map((i) => eb.and([eb('item_type', '=', i.itemType), eb('item_id', '=', i.itemId)]))
					)
				)
				.executeTakeFirst();
			changed = Number(result.numDeletedRows);
		} else {
			const inserted = await insertTags(trx, ctx, {
				themeId: theme.id,
				consultationId: input.consultationId,
				items: input.items
			});
			if (inserted === null) return failure('unknown_items');
			changed = inserted;
		}
		await trx.updateTable('theme').set({ updated_at: ctx.now }).where('id', '=', theme.id).execute();
		// Counts only: the audit log names no survey answer.
		await writeAudit(trx, {
			actorId: actorUserId(ctx.actor),
			action: input.mode === 'untag' ? 'theme.untag' : 'theme.tag',
			subjectType: 'theme',
			subjectId: theme.id,
			details: { consultationId: input.consultationId, items: input.items.length, changed },
			at: ctx.now
		});
		return ok({ changed });
	});
}

/**
 * Inserts the tags of items that exist in the consultation (already tagged ones stay as they are).
 * null when an item is not input of that consultation.
 */
export async function insertTags(
	trx: Transaction<DB>,
	ctx: Pick<CommandContext, 'actor' | 'now'>,
	input: { themeId: string; consultationId: string; items: { itemType: ThemeItemType; itemId: string }[] }
): Promise<number | null> {
	const unique = [...new Map(input.items.map((i) => [`${i.itemType}:${i.itemId}`, i])).values()];
	const found = await trx
		.selectFrom('theme_item')
		.select(['item_type', 'item_id'])
		.distinct()
		.where('consultation_id', '=', input.consultationId)
		.where((eb) =>
			eb.or(unique.map((i) => eb.and([eb('item_type', '=', i.itemType), eb('item_id', '=', i.itemId)])))
		)
		.execute();
	if (found.length !== unique.length) return null;
	const result = await trx
		.insertInto('theme_tag')
		.values(
			unique.map((i) => ({
				theme_id: input.themeId,
				item_type: i.itemType,
				item_id: i.itemId,
				consultation_id: input.consultationId,
				tagged_by: actorUserId(ctx.actor),
				tagged_at: ctx.now
			}))
		)
		.onConflict((oc) => oc.doNothing())
		.returning('item_id')
		.execute();
	return result.length;
}
