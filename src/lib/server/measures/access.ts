// The one check before a command changes a measure: it exists and the actor may maintain it
// (otherwise it looks missing).
import type { Kysely } from 'kysely';
import { can } from '../auth/permissions';
import type { CommandContext } from '../core';
import type { DB } from '../db/types';
import { measureSubject } from './queries';

export async function manageableMeasure(
	ctx: CommandContext,
	db: Kysely<DB>,
	measureId: string
): Promise<{ id: string; title: string; status: string } | null> {
	if (!ctx.actor || !/^[0-9a-f-]{36}$/i.test(measureId)) return null;
	const row = await db
		.selectFrom('measure')
		.select(['id', 'title', 'status', 'consultation_id'])
		.where('id', '=', measureId)
		.executeTakeFirst();
	if (!row) return null;
	const areas = await db
		.selectFrom('measure_area')
		.select('area_id')
		.where('measure_id', '=', measureId)
		.execute();
	const subject = await measureSubject(
		db,
		areas.map((a) => a.area_id),
		row.consultation_id
	);
	return can(ctx.actor, 'measure.manage', subject)
		? { id: row.id, title: row.title, status: row.status }
		: null;
}

/**
 * The measures the actor may maintain, newest first (at most `limit` looked at): what the "link to a
 * measure" form on an item's own page offers (issue 11: from a workshop result's side).
 */
export async function manageableMeasures(
	ctx: CommandContext,
	limit = 100
): Promise<{ id: string; title: string; status: string }[]> {
	if (!ctx.actor) return [];
	const rows = await ctx.db
		.selectFrom('measure')
		.select('id')
		.orderBy('updated_at', 'desc')
		.orderBy('id')
		.limit(limit)
		.execute();
	const found = await Promise.all(rows.map((r) => manageableMeasure(ctx, ctx.db, r.id)));
	return found.filter((m): m is NonNullable<typeof m> => m !== null);
}
