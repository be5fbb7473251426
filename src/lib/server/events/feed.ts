// iCalendar feeds: city-wide, per consultation (slug), per area (key, with the areas below it), per event.
import type { Kysely } from 'kysely';
import { buildIcs } from '../../events/ics';
import type { DB } from '../db/types';
import { feedOccurrences, type OccurrenceFilter } from './queries';

export async function eventsFeed(
	db: Kysely<DB>,
	origin: string,
	filter: OccurrenceFilter,
	name: string,
	now: Date = new Date()
): Promise<string> {
	const rows = await feedOccurrences(db, filter, now);
	const host = new URL(origin).host;
	return buildIcs({
		name,
		host,
		occurrences: rows.map((r) => ({
			occurrenceId: r.id,
			title: r.title,
			description: r.description,
			startsAt: new Date(r.starts_at),
			endsAt: new Date(r.ends_at),
			status: r.status as 'scheduled' | 'cancelled' | 'moved',
			sequence: r.sequence,
			location: r.address ?? r.online_url,
			url: new URL(`/termine/${r.event_id}`, origin).href,
			updatedAt: new Date(r.updated_at)
		}))
	});
}

/** Resolves ?consultation=slug / ?area=key into a filter; null when the named one does not exist. */
export async function feedFilter(
	db: Kysely<DB>,
	params: { consultation: string | null; area: string | null }
): Promise<OccurrenceFilter | null> {
	const filter: OccurrenceFilter = {};
	if (params.consultation) {
		const c = await db
			.selectFrom('consultation')
			.select('id')
			.where('slug', '=', params.consultation)
			.where('status', 'in', ['published', 'closed', 'archived'])
			.executeTakeFirst();
		if (!c) return null;
		filter.consultationId = c.id;
	}
	if (params.area) {
		const a = await db
			.selectFrom('area')
			.select('id')
			.where('key', '=', params.area)
			.orderBy('valid_from', 'desc')
			.executeTakeFirst();
		if (!a) return null;
		filter.areaId = a.id;
	}
	return filter;
}
