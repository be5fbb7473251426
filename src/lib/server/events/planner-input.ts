// Planner workspace (issue 12): the workshop results of an area — published events of the area (or of a
// consultation concerning it) that took place and are documented (minutes/photos, a results message or
// a counted attendance), as areaActivity shows them, one entry per event dated by its last session.
// Filtered by consultation, period and channel (a workshop is analog unless it took place only online)
// and a German full-text search over title, description, agenda, the documents' titles and the results
// entered from the workshop. Nothing about who attended.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/types';
import type { ParticipationHooks, PlannerInputFilter } from '../participation/component';
import { areaList, EVENT_ITEM, eventConcerns, eventPath, visibleEvents } from './following-hooks';

const online = sql<boolean>`(e.online_url is not null and e.address is null and e.location is null)`;

function documented(db: Kysely<DB>, areaId: string, filter: PlannerInputFilter) {
	const ids = filter.areaIds?.length ? [...filter.areaIds] : [areaId];
	const last = sql<Date>`(select max(o.ends_at) from qk.event_occurrence o
		where o.event_id = e.id and o.status <> 'cancelled' and o.ends_at < now())`;
	const searchText = sql<string>`e.title || ' ' || e.description || ' ' || e.agenda || ' ' || coalesce((
		select string_agg(d.title, ' ') from qk.event_document d where d.event_id = e.id), '') || ' ' || coalesce((
		select string_agg(c.body, ' ') from qk.contribution c where c.event_id = e.id and c.status = 'published'), '')`;
	return db
		.selectFrom(
			visibleEvents(db)
				.select(['e.id', 'e.title', 'e.description', 'e.consultation_id', 'c.title as ktitle'])
				.select([last.as('last_ended'), online.as('online_only'), searchText.as('search_text')])
				.where((eb) =>
					eb.or([
						eb.exists(
							eb.selectFrom('event_document as d').select('d.id').whereRef('d.event_id', '=', 'e.id')
						),
						eb('e.results_notified_at', 'is not', null),
						eb.exists(
							eb
								.selectFrom('event_occurrence as o')
								.select('o.id')
								.whereRef('o.event_id', '=', 'e.id')
								.where('o.attendance_count', 'is not', null)
						)
					])
				)
				.where(eventConcerns(areaList(ids)))
				.$if(!!filter.consultationId, (q) => q.where('e.consultation_id', '=', filter.consultationId!))
				.as('w')
		)
		.where('w.last_ended', 'is not', null)
		.$if(!!filter.from, (q) => q.where('w.last_ended', '>=', filter.from!))
		.$if(!!filter.to, (q) => q.where('w.last_ended', '<', filter.to!))
		.$if(filter.channel === 'online', (q) => q.where('w.online_only', '=', true))
		.$if(filter.channel === 'analog', (q) => q.where('w.online_only', '=', false))
		.$if(!!filter.q, (q) =>
			q.where(sql<boolean>`to_tsvector('german', w.search_text) @@ plainto_tsquery('german', ${filter.q!})`)
		);
}

export const eventPlannerInput: NonNullable<ParticipationHooks['plannerInput']> = async (
	db,
	areaId,
	filter
) => {
	const [rows, total] = await Promise.all([
		documented(db, areaId, filter)
			.select(['w.id', 'w.title', 'w.description', 'w.ktitle', 'w.last_ended', 'w.online_only'])
			.select((eb) =>
				eb
					.selectFrom('event_document as d')
					.select(sql<string>`string_agg(d.title, ' · ' order by d.created_at, d.id)`.as('t'))
					.whereRef('d.event_id', '=', 'w.id')
					.as('documents')
			)
			.orderBy('w.last_ended', 'desc')
			.orderBy('w.id')
			.limit(filter.limit)
			.execute(),
		documented(db, areaId, filter)
			.select(sql<number>`count(*)::int`.as('n'))
			.executeTakeFirst()
	]);
	return {
		entries: rows.map((r) => ({
			itemType: EVENT_ITEM,
			itemId: r.id,
			kindKey: 'planning.kind.workshop',
			title: r.title,
			text: r.description,
			category: null,
			channel: r.online_only ? ('online' as const) : ('analog' as const),
			consultationTitle: r.ktitle ?? '',
			createdAt: new Date(r.last_ended as Date),
			statusKey: 'events.kind.documented',
			path: eventPath(r.id),
			detail: r.documents ?? null
		})),
		total: Number(total?.n ?? 0)
	};
};
