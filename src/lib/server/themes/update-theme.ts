// Renames a theme, or writes its synthesis (the planners' short summary of what residents said).
import { sql } from 'kysely';
import { actorUserId, failure, ok, writeAudit, type CommandContext, type Result } from '../core';
import { loadTheme, mayEditTheme } from './access';
import type { ThemeRename, ThemeSynthesis } from './schemas';

export async function renameTheme(
	ctx: CommandContext,
	input: ThemeRename
): Promise<Result<{ id: string }, 'not_found' | 'duplicate_name'>> {
	const theme = await loadTheme(ctx.db, input.themeId);
	if (!theme || !(await mayEditTheme(ctx, theme))) return failure('not_found');
	return ctx.db.transaction().execute(async (trx) => {
		const clash = await trx
			.selectFrom('theme')
			.select('id')
			.where(sql<boolean>`lower(name) = lower(${input.name})`)
			.where('id', '<>', theme.id)
			.where((eb) =>
				theme.consultationId === null
					? eb('consultation_id', 'is', null)
					: eb('consultation_id', '=', theme.consultationId)
			)
			.executeTakeFirst();
		if (clash) return failure('duplicate_name');
		await trx
			.updateTable('theme')
			.set({ name: input.name, updated_at: ctx.now })
			.where('id', '=', theme.id)
			.execute();
		await writeAudit(trx, {
			actorId: actorUserId(ctx.actor),
			action: 'theme.rename',
			subjectType: 'theme',
			subjectId: theme.id,
			details: { from: theme.name, to: input.name },
			at: ctx.now
		});
		return ok({ id: theme.id });
	});
}

export async function writeSynthesis(
	ctx: CommandContext,
	input: ThemeSynthesis
): Promise<Result<{ id: string }, 'not_found'>> {
	const theme = await loadTheme(ctx.db, input.themeId);
	if (!theme || !(await mayEditTheme(ctx, theme))) return failure('not_found');
	return ctx.db.transaction().execute(async (trx) => {
		await trx
			.updateTable('theme')
			.set({ synthesis: input.synthesis, updated_at: ctx.now })
			.where('id', '=', theme.id)
			.execute();
		await writeAudit(trx, {
			actorId: actorUserId(ctx.actor),
			action: 'theme.synthesis',
			subjectType: 'theme',
			subjectId: theme.id,
			details: { length: input.synthesis.length },
			at: ctx.now
		});
		return ok({ id: theme.id });
	});
}
