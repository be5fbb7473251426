// Creates a theme (city-wide or of one consultation), optionally putting it on items at once.
import { sql } from 'kysely';
import { can } from '../auth/permissions';
import { actorUserId, failure, ok, writeAudit, type CommandContext, type Result } from '../core';
import { taggableConsultation } from './access';
import { itemRef, type ThemeCreate } from './schemas';
import { insertTags } from './tag-items';

export type CreateThemeError = 'not_found' | 'duplicate_name' | 'unknown_items';

export async function createTheme(
	ctx: CommandContext,
	input: ThemeCreate
): Promise<Result<{ id: string; tagged: number }, CreateThemeError>> {
	const consultationId = input.consultationId ? input.consultationId : null;
	if (!can(ctx.actor, 'themes.workspace')) return failure('not_found');
	const items = (input.items ?? []).map((v) => itemRef.safeParse(v));
	if (items.some((i) => !i.success)) return failure('unknown_items');
	const refs = items.map((i) => i.data!);
	if (consultationId === null) {
		// City-wide themes are the planners'; items always come with their consultation.
		if (!can(ctx.actor, 'themes.city')) return failure('not_found');
		if (refs.length) return failure('unknown_items');
	} else if (!(await taggableConsultation(ctx, consultationId))) return failure('not_found');
	return ctx.db
		.transaction()
		.execute(async (trx) => {
			const clash = await trx
				.selectFrom('theme')
				.select('id')
				.where(sql<boolean>`lower(name) = lower(${input.name})`)
				.where((eb) =>
					consultationId === null
						? eb('consultation_id', 'is', null)
						: eb('consultation_id', '=', consultationId)
				)
				.executeTakeFirst();
			if (clash) return failure('duplicate_name');
			const row = await trx
				.insertInto('theme')
				.values({
					consultation_id: consultationId,
					name: input.name,
					created_by: actorUserId(ctx.actor),
					created_at: ctx.now,
					updated_at: ctx.now
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			let tagged = 0;
			if (refs.length) {
				const r = await insertTags(trx, ctx, {
					themeId: row.id,
					consultationId: consultationId!,
					items: refs
				});
				if (r === null) throw new UnknownItems();
				tagged = r;
			}
			await writeAudit(trx, {
				actorId: actorUserId(ctx.actor),
				action: 'theme.create',
				subjectType: 'theme',
				subjectId: row.id,
				details: { consultationId, tagged },
				at: ctx.now
			});
			return ok({ id: row.id, tagged });
		})
		.catch((e: unknown) => {
			if (e instanceof UnknownItems) return failure('unknown_items');
			throw e;
		});
}

/** Rolls the transaction back when an item does not exist (the theme is not created either). */
export class UnknownItems extends Error {}
