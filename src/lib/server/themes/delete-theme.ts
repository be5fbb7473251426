// Deletes a theme and its tags (the items themselves stay). The form asks for confirmation first.
import { actorUserId, failure, ok, writeAudit, type CommandContext, type Result } from '../core';
import { loadTheme, mayEditTheme } from './access';
import type { ThemeDelete } from './schemas';

export async function deleteTheme(
	ctx: CommandContext,
	input: ThemeDelete
): Promise<Result<{ id: string; tags: number }, 'not_found'>> {
	const theme = await loadTheme(ctx.db, input.themeId);
	if (!theme || !(await mayEditTheme(ctx, theme))) return failure('not_found');
	return ctx.db.transaction().execute(async (trx) => {
		const locked = await trx
			.selectFrom('theme')
			.select('id')
			.where('id', '=', theme.id)
			.forUpdate()
			.executeTakeFirst();
		if (!locked) return failure('not_found');
		const tags = await trx.deleteFrom('theme_tag').where('theme_id', '=', theme.id).executeTakeFirst();
		await trx.deleteFrom('theme').where('id', '=', theme.id).execute();
		await writeAudit(trx, {
			actorId: actorUserId(ctx.actor),
			action: 'theme.delete',
			subjectType: 'theme',
			subjectId: theme.id,
			details: { name: theme.name, tags: Number(tags.numDeletedRows) },
			at: ctx.now
		});
		return ok({ id: theme.id, tags: Number(tags.numDeletedRows) });
	});
}
