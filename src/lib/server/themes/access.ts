// Loading a theme together with the permission to change it. A theme the actor may not change looks
// like a missing one ('not_found').
import type { Kysely } from 'kysely';
import { can } from '../auth/permissions';
import type { CommandContext } from '../core';
import { loadConsultationRef, type ConsultationRef } from '../consultations/ref';
import type { DB } from '../db/types';

export interface ThemeRow {
	id: string;
	consultationId: string | null;
	name: string;
	synthesis: string;
}

export async function loadTheme(db: Kysely<DB>, themeId: string): Promise<ThemeRow | null> {
	const row = await db
		.selectFrom('theme')
		.select(['id', 'consultation_id', 'name', 'synthesis'])
		.where('id', '=', themeId)
		.executeTakeFirst();
	return row
		? { id: row.id, consultationId: row.consultation_id, name: row.name, synthesis: row.synthesis }
		: null;
}

/** May the actor tag this consultation's input (and edit its themes)? */
export async function taggableConsultation(
	ctx: Pick<CommandContext, 'db' | 'actor'>,
	consultationId: string
): Promise<ConsultationRef | null> {
	const ref = await loadConsultationRef(ctx.db, { id: consultationId });
	if (!ref || !can(ctx.actor, 'themes.tag', ref.subject)) return null;
	return ref;
}

/** May the actor rename, write the synthesis of, or delete this theme? */
export async function mayEditTheme(
	ctx: Pick<CommandContext, 'db' | 'actor'>,
	theme: ThemeRow
): Promise<boolean> {
	if (theme.consultationId === null) return can(ctx.actor, 'themes.city');
	return (await taggableConsultation(ctx, theme.consultationId)) !== null;
}

/** May the actor see this theme at all (the workspace lists it)? */
export async function maySeeTheme(
	ctx: Pick<CommandContext, 'db' | 'actor'>,
	theme: ThemeRow
): Promise<boolean> {
	if (!can(ctx.actor, 'themes.workspace')) return false;
	if (theme.consultationId === null) return true;
	return (await taggableConsultation(ctx, theme.consultationId)) !== null;
}
