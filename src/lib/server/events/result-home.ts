// Where an event's results go (issue 11). Workshop results are contributions (channel 'workshop',
// event_id naming the event), and a contribution lives in a consultation: consultation_id is
// NOT NULL, and moderation, visibility (draft consultations stay private), categories, the public
// maps, the planner's area view, "who was reached", reports and exports all key on it.
//
// Why not make consultation_id nullable for stand-alone events? Every one of those queries would
// have to learn a second visibility and moderation rule. Instead a stand-alone event's results go
// into an open consultation that COVERS the event's areas (every area of the event lies in the
// consultation's areas or below them; a consultation naming no areas covers the whole city) and in
// which the organiser may enter analog input. The result then obeys that consultation's rules and
// shows on its map beside the online input, and event_id still ties it to the event. An event of a
// consultation keeps entering into its own consultation only. Reads only.
import { sql, type Kysely } from 'kysely';
import { can } from '../auth/permissions';
import { consultationAreaScope } from '../areas';
import { isOpen, loadConsultationRef } from '../consultations/ref';
import type { CommandContext } from '../core';
import type { DB } from '../db/types';

/** Whether the consultation's areas (and their descendants) contain every one of the event's areas. */
export async function consultationCoversAreas(
	db: Kysely<DB>,
	consultationAreaIds: string[],
	eventAreaIds: string[]
): Promise<boolean> {
	const scope = await consultationAreaScope(db, consultationAreaIds);
	if (scope === null) return true;
	return eventAreaIds.length > 0 && eventAreaIds.every((id) => scope.has(id));
}

async function eventAreaIds(db: Kysely<DB>, eventId: string): Promise<string[]> {
	const rows = await db.selectFrom('event_area').select('area_id').where('event_id', '=', eventId).execute();
	return rows.map((r) => r.area_id);
}

/**
 * The event a workshop result in this consultation may name: an event of the consultation, or a
 * stand-alone event the consultation covers. Null otherwise (also for an unknown id).
 */
export async function eventForEntry(
	db: Kysely<DB>,
	eventId: string,
	consultationId: string
): Promise<{ id: string; title: string; startsAt: Date | null } | null> {
	const ev = await db
		.selectFrom('event as e')
		.leftJoin('event_occurrence as o', 'o.event_id', 'e.id')
		.select(['e.id', 'e.title', 'e.consultation_id', (eb) => eb.fn.min('o.starts_at').as('first')])
		.where('e.id', '=', eventId)
		.groupBy(['e.id', 'e.title', 'e.consultation_id'])
		.executeTakeFirst();
	if (!ev) return null;
	const found = { id: ev.id, title: ev.title, startsAt: ev.first ? new Date(ev.first) : null };
	if (ev.consultation_id) return ev.consultation_id === consultationId ? found : null;
	const consultationAreas = await db
		.selectFrom('consultation_area')
		.select('area_id')
		.where('consultation_id', '=', consultationId)
		.execute();
	const covers = await consultationCoversAreas(
		db,
		consultationAreas.map((r) => r.area_id),
		await eventAreaIds(db, ev.id)
	);
	return covers ? found : null;
}

export interface ResultHome {
	slug: string;
	title: string;
}

/**
 * The consultations the actor can enter a stand-alone event's results into now: open, with map
 * input switched on, managed by the actor (analog entry) and covering the event's areas. An event
 * of a consultation has that consultation only (when the actor may enter there). Newest first.
 */
export async function resultHomes(
	ctx: Pick<CommandContext, 'db' | 'actor' | 'now'>,
	eventId: string
): Promise<ResultHome[]> {
	const { db, actor, now } = ctx;
	if (!actor) return [];
	const ev = await db
		.selectFrom('event')
		.select(['id', 'consultation_id'])
		.where('id', '=', eventId)
		.executeTakeFirst();
	if (!ev) return [];
	const candidates = ev.consultation_id
		? [{ id: ev.consultation_id }]
		: await db
				.selectFrom('consultation')
				.select('id')
				.where('status', '=', 'published')
				.where(sql<boolean>`'map_comments' = any(modules)`)
				.where((eb) => eb.or([eb('starts_at', 'is', null), eb('starts_at', '<=', now)]))
				.where((eb) => eb.or([eb('ends_at', 'is', null), eb('ends_at', '>', now)]))
				.orderBy('created_at', 'desc')
				.limit(200)
				.execute();
	const areas = ev.consultation_id ? [] : await eventAreaIds(db, ev.id);
	const homes: ResultHome[] = [];
	for (const c of candidates) {
		const ref = await loadConsultationRef(db, { id: c.id });
		if (!ref || !isOpen(ref, now) || !ref.modules.includes('map_comments')) continue;
		if (!can(actor, 'map_comments.enter_analog', ref.subject)) continue;
		if (!ev.consultation_id && !(await consultationCoversAreas(db, ref.areaIds, areas))) continue;
		homes.push({ slug: ref.slug, title: ref.title });
	}
	return homes;
}
