// Events in measures, following and "Was passiert in meinem Quartier?" (issue 10): a published event
// (standing alone or of a public consultation) is a public item; in the area roll-up only events that
// took place (a past date that was not cancelled) and have documentation or results — minutes/photos,
// a results message to the attendees or a counted attendance — appear, newest first. Drafts and
// cancelled events never.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../db/types';
import type { AreaActivityEntry, ItemSummaryAdapter } from '../participation/component';

export const EVENT_ITEM = 'event';
const KIND = 'events.kind.event';
const PUBLIC = ['published', 'closed', 'archived'] as const;

export const eventPath = (id: string) => `/termine/${id}`;

/**
 * The event (alias `e`) concerns one of these areas: named on the event itself or on its consultation.
 * `areaSet` is the right-hand side of `in`: `areaList(ids)` or a parenthesised subquery.
 */
export function eventConcerns(areaSet: RawBuilder<unknown>) {
	return sql<boolean>`(exists (select 1 from qk.event_area ea where ea.event_id = e.id and ea.area_id in ${areaSet})
		or exists (select 1 from qk.consultation_area ca where ca.consultation_id = e.consultation_id and ca.area_id in ${areaSet}))`;
}
export const areaList = (ids: readonly string[]) => sql`(${sql.join(ids)})`;

export function visibleEvents(db: Kysely<DB>) {
	return db
		.selectFrom('event as e')
		.leftJoin('consultation as c', 'c.id', 'e.consultation_id')
		.where('e.status', '=', 'published')
		.where((eb) => eb.or([eb('e.consultation_id', 'is', null), eb('c.status', 'in', [...PUBLIC])]));
}

async function areasOf(
	db: Kysely<DB>,
	events: { id: string; consultation_id: string | null }[]
): Promise<Map<string, string[]>> {
	const out = new Map<string, string[]>(events.map((e) => [e.id, []]));
	if (events.length === 0) return out;
	const own = await db
		.selectFrom('event_area')
		.select(['event_id', 'area_id'])
		.where(
			'event_id',
			'in',
			events.map((e) => e.id)
		)
		.execute();
	const cIds = [...new Set(events.map((e) => e.consultation_id).filter((x): x is string => !!x))];
	const inherited = cIds.length
		? await db
				.selectFrom('consultation_area')
				.select(['consultation_id', 'area_id'])
				.where('consultation_id', 'in', cIds)
				.execute()
		: [];
	for (const e of events) {
		const ids = new Set([
			...own.filter((a) => a.event_id === e.id).map((a) => a.area_id),
			...inherited.filter((a) => a.consultation_id === e.consultation_id).map((a) => a.area_id)
		]);
		out.set(e.id, [...ids]);
	}
	return out;
}

export const eventSummaries: ItemSummaryAdapter = {
	itemType: EVENT_ITEM,
	kindKey: KIND,
	async summaries(db, itemIds) {
		const ids = itemIds.filter((id) => /^[0-9a-f-]{36}$/i.test(id));
		if (ids.length === 0) return new Map();
		const rows = await visibleEvents(db)
			.select(['e.id', 'e.title', 'e.consultation_id'])
			.where('e.id', 'in', ids)
			.execute();
		const areas = await areasOf(db, rows);
		return new Map(
			rows.map((r) => [
				r.id,
				{
					itemType: EVENT_ITEM,
					id: r.id,
					title: r.title,
					path: eventPath(r.id),
					consultationId: r.consultation_id,
					areaIds: areas.get(r.id) ?? []
				}
			])
		);
	}
};

/** Events of these areas that took place and have documentation or results, newest first. */
export async function eventAreaActivity(
	db: Kysely<DB>,
	areaIds: readonly string[],
	options: { limit: number; since?: Date }
): Promise<AreaActivityEntry[]> {
	if (areaIds.length === 0) return [];
	const ids = [...areaIds];
	const rows = await visibleEvents(db)
		.innerJoin('event_occurrence as o', 'o.event_id', 'e.id')
		.select(['e.id', 'e.title', 'e.results_notified_at'])
		.select((eb) => [
			eb.fn.max('o.ends_at').as('last_ended'),
			eb
				.selectFrom('event_document as d')
				.select((d) => d.fn.max('d.created_at').as('m'))
				.whereRef('d.event_id', '=', 'e.id')
				.as('last_document')
		])
		.where('o.status', '!=', 'cancelled')
		.where('o.ends_at', '<', sql<Date>`now()`)
		.where((eb) =>
			eb.or([
				eb.exists(eb.selectFrom('event_document as d').select('d.id').whereRef('d.event_id', '=', 'e.id')),
				eb('e.results_notified_at', 'is not', null),
				eb('o.attendance_count', 'is not', null)
			])
		)
		.where(eventConcerns(areaList(ids)))
		.groupBy(['e.id', 'e.title', 'e.results_notified_at'])
		.execute();
	const time = (v: Date | string | null | undefined) => (v ? new Date(v).getTime() : 0);
	return rows
		.map((r) => ({
			itemType: EVENT_ITEM,
			itemId: r.id,
			kindKey: KIND,
			title: r.title,
			path: eventPath(r.id),
			at: new Date(Math.max(time(r.last_ended), time(r.last_document), time(r.results_notified_at))),
			statusKey: 'events.kind.documented'
		}))
		.filter((e) => !options.since || e.at >= options.since)
		.sort((a, b) => b.at.getTime() - a.at.getTime() || a.itemId.localeCompare(b.itemId))
		.slice(0, options.limit);
}
