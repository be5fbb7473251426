// Reads of the events module. Lists filter in SQL (published events only for the public).
import { sql, type Kysely } from 'kysely';
import {
	ACCESS_FACTS,
	type AccessFact,
	type EventListItem,
	type EventType,
	type OccurrenceStatus
} from '../../events/types';
import { loadAreaAncestry } from '../areas';
import type { DB } from '../db/types';
import { eventConcerns } from './following-hooks';
import type { EventSubject } from './permissions';
import { pageOf } from '../core';

export const PAGE_SIZE = 20;

/** The permission subject of an event: its consultation (with the consultation's areas) or its own areas. */
export async function eventSubject(db: Kysely<DB>, eventId: string): Promise<EventSubject | null> {
	const ev = await db
		.selectFrom('event as e')
		.leftJoin('consultation as c', 'c.id', 'e.consultation_id')
		.select(['e.id', 'e.consultation_id', 'e.created_by', 'c.created_by as consultation_created_by'])
		.where('e.id', '=', eventId)
		.executeTakeFirst();
	if (!ev) return null;
	const areaIds = ev.consultation_id
		? (
				await db
					.selectFrom('consultation_area')
					.select('area_id')
					.where('consultation_id', '=', ev.consultation_id)
					.execute()
			).map((r) => r.area_id)
		: (await db.selectFrom('event_area').select('area_id').where('event_id', '=', eventId).execute()).map(
				(r) => r.area_id
			);
	return {
		consultationId: ev.consultation_id,
		areas: await loadAreaAncestry(db, areaIds),
		createdBy: ev.consultation_id ? ev.consultation_created_by : ev.created_by
	};
}

export interface EventDetail {
	id: string;
	consultationId: string | null;
	consultationSlug: string | null;
	consultationTitle: string | null;
	title: string;
	type: EventType;
	description: string;
	agenda: string;
	address: string | null;
	point: [number, number] | null;
	onlineUrl: string | null;
	organiser: string;
	coHosts: string;
	targetGroup: string;
	facts: AccessFact[];
	interpreterLanguages: string[];
	capacity: number | null;
	registrationEnabled: boolean;
	deadlineHours: number;
	questions: unknown;
	status: string;
	areas: { id: string; name: string; key: string; levelKey: string }[];
	occurrences: {
		id: string;
		startsAt: Date;
		endsAt: Date;
		status: OccurrenceStatus;
		movedFrom: Date | null;
		sequence: number;
		registered: number;
		waiting: number;
		attendance: number | null;
		updatedAt: Date;
	}[];
	resultsNotifiedAt: Date | null;
	updatedAt: Date;
}

function pointOf(location: unknown): [number, number] | null {
	const g = location as { type?: string; coordinates?: unknown } | null;
	if (g?.type === 'Point' && Array.isArray(g.coordinates) && g.coordinates.length === 2)
		return [Number(g.coordinates[0]), Number(g.coordinates[1])];
	return null;
}

export async function getEvent(db: Kysely<DB>, id: string): Promise<EventDetail | null> {
	if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
	const e = await db
		.selectFrom('event as e')
		.leftJoin('consultation as c', 'c.id', 'e.consultation_id')
		.selectAll('e')
		.select(['c.slug as consultation_slug', 'c.title as consultation_title'])
		.where('e.id', '=', id)
		.executeTakeFirst();
	if (!e) return null;
	const [occ, waiting, areas] = await Promise.all([
		db.selectFrom('event_occurrence').selectAll().where('event_id', '=', id).orderBy('starts_at').execute(),
		db
			.selectFrom('event_registration as r')
			.innerJoin('event_occurrence as o', 'o.id', 'r.occurrence_id')
			.select(['r.occurrence_id', (eb) => eb.fn.countAll<string | number>().as('n')])
			.where('o.event_id', '=', id)
			.where('r.status', '=', 'waiting')
			.groupBy('r.occurrence_id')
			.execute(),
		db
			.selectFrom('event_area as ea')
			.innerJoin('area as a', 'a.id', 'ea.area_id')
			.innerJoin('area_level as l', 'l.id', 'a.level_id')
			.select(['a.id', 'a.name', 'a.key', 'l.key as level_key'])
			.where('ea.event_id', '=', id)
			.orderBy('a.name')
			.execute()
	]);
	const waitingBy = new Map(waiting.map((w) => [w.occurrence_id, Number(w.n)]));
	return {
		id: e.id,
		consultationId: e.consultation_id,
		consultationSlug: e.consultation_slug,
		consultationTitle: e.consultation_title,
		title: e.title,
		type: e.event_type as EventType,
		description: e.description,
		agenda: e.agenda,
		address: e.address,
		point: pointOf(e.location),
		onlineUrl: e.online_url,
		organiser: e.organiser,
		coHosts: e.co_hosts,
		targetGroup: e.target_group,
		facts: ACCESS_FACTS.filter((f) => e[f]),
		interpreterLanguages: e.interpreter_languages,
		capacity: e.capacity,
		registrationEnabled: e.registration_enabled,
		deadlineHours: e.registration_deadline_hours,
		questions: e.questions,
		status: e.status,
		areas: areas.map((a) => ({ id: a.id, name: a.name, key: a.key, levelKey: a.level_key })),
		occurrences: occ.map((o) => ({
			id: o.id,
			startsAt: new Date(o.starts_at),
			endsAt: new Date(o.ends_at),
			status: o.status as OccurrenceStatus,
			movedFrom: o.moved_from ? new Date(o.moved_from) : null,
			sequence: o.sequence,
			registered: Number(o.registered_count),
			waiting: waitingBy.get(o.id) ?? 0,
			attendance: o.attendance_count,
			updatedAt: new Date(o.updated_at)
		})),
		resultsNotifiedAt: e.results_notified_at ? new Date(e.results_notified_at) : null,
		updatedAt: new Date(e.updated_at)
	};
}

export interface OccurrenceFilter {
	/** the dates of one event only */
	eventId?: string;
	consultationId?: string;
	/** area id: events of the area, of areas below it, and of consultations concerning them */
	areaId?: string;
	type?: EventType;
	facts?: AccessFact[];
	/** events with interpreters for this language (ignoring case) */
	language?: string;
	from?: Date;
	to?: Date;
	page?: number;
	pageSize?: number;
}

function filtered(db: Kysely<DB>, f: OccurrenceFilter) {
	let q = db
		.selectFrom('event_occurrence as o')
		.innerJoin('event as e', 'e.id', 'o.event_id')
		.leftJoin('consultation as c', 'c.id', 'e.consultation_id')
		.where('e.status', '!=', 'draft')
		.where((eb) =>
			eb.or([eb('e.consultation_id', 'is', null), eb('c.status', 'in', ['published', 'closed', 'archived'])])
		);
	if (f.eventId) q = q.where('e.id', '=', f.eventId);
	if (f.consultationId) q = q.where('e.consultation_id', '=', f.consultationId);
	if (f.type) q = q.where('e.event_type', '=', f.type);
	for (const fact of f.facts ?? []) q = q.where(`e.${fact}`, '=', true);
	if (f.language) {
		const language = f.language.trim().toLowerCase();
		q = q
			.where('e.interpreters', '=', true)
			.where(
				sql<boolean>`exists (select 1 from unnest(e.interpreter_languages) as l(v) where lower(trim(l.v)) = ${language})`
			);
	}
	if (f.from) q = q.where('o.ends_at', '>=', f.from);
	if (f.to) q = q.where('o.starts_at', '<', f.to);
	if (f.areaId) {
		const areaId = f.areaId;
		// the area and every area below it
		const subtree = sql<string>`(with recursive t(id) as (select ${areaId}::uuid union all select a.id from qk.area a join t on a.parent_id = t.id) select id from t)`;
		q = q.where(eventConcerns(subtree));
	}
	return q;
}

/**
 * The interpreter languages the events of a list offer (for its language filter): each once, ignoring
 * case, in the spelling used first, sorted.
 */
export async function listInterpreterLanguages(
	db: Kysely<DB>,
	f: Pick<OccurrenceFilter, 'consultationId' | 'areaId'> = {}
): Promise<string[]> {
	const rows = await filtered(db, f)
		.where('e.interpreters', '=', true)
		.select(sql<string>`trim(unnest(e.interpreter_languages))`.as('language'))
		.distinct()
		.execute();
	const byKey = new Map<string, string>();
	for (const r of rows.map((x) => x.language).sort())
		if (r && !byKey.has(r.toLowerCase())) byKey.set(r.toLowerCase(), r);
	return [...byKey.values()].sort((a, b) => a.localeCompare(b, 'de'));
}

/** One page of dates, soonest first. */
export async function listOccurrences(
	db: Kysely<DB>,
	f: OccurrenceFilter
): Promise<{ items: EventListItem[]; total: number; page: number; pages: number }> {
	const pageSize = f.pageSize ?? PAGE_SIZE;
	const { n } = await filtered(db, f)
		.select((eb) => eb.fn.countAll<string | number>().as('n'))
		.executeTakeFirstOrThrow();
	const total = Number(n);
	const { page, pageCount: pages, offset } = pageOf(total, f.page, pageSize);
	const rows = await filtered(db, f)
		.select([
			'e.id',
			'o.id as occurrence_id',
			'e.title',
			'e.event_type',
			'o.starts_at',
			'o.ends_at',
			'o.status',
			'o.moved_from',
			'e.address',
			'e.online_url',
			'e.location',
			'c.slug',
			'e.capacity',
			'o.registered_count',
			...ACCESS_FACTS.map((a) => `e.${a}` as const)
		])
		.orderBy('o.starts_at')
		.orderBy('o.id')
		.limit(pageSize)
		.offset(offset)
		.execute();
	return {
		total,
		page,
		pages,
		items: rows.map((r) => ({
			id: r.id,
			occurrenceId: r.occurrence_id,
			title: r.title,
			type: r.event_type as EventType,
			startsAt: new Date(r.starts_at).toISOString(),
			endsAt: new Date(r.ends_at).toISOString(),
			status: r.status as OccurrenceStatus,
			movedFrom: r.moved_from ? new Date(r.moved_from).toISOString() : null,
			address: r.address,
			online: !!r.online_url,
			point: pointOf(r.location),
			consultationSlug: r.slug,
			facts: ACCESS_FACTS.filter((a) => (r as Record<string, unknown>)[a] === true),
			capacity: r.capacity,
			registered: Number(r.registered_count)
		}))
	};
}

/** How far back a subscribed feed reaches: dates that ended more than this long ago drop out. */
export const FEED_PAST_DAYS = 183;
/** A safety cap on one feed; with the lower bound above it is never reached by a city's real dates. */
export const FEED_MAX_DATES = 5000;

/**
 * The dates of a calendar feed (iCalendar), with what the feed shows. City, consultation and area
 * feeds start FEED_PAST_DAYS before `now` (never at the oldest date, so new dates cannot be pushed out
 * as the past grows); a per-event feed (`eventId`) holds every date of that event.
 */
export async function feedOccurrences(db: Kysely<DB>, f: OccurrenceFilter, now: Date = new Date()) {
	const from = f.from ?? (f.eventId ? undefined : new Date(now.getTime() - FEED_PAST_DAYS * 86_400_000));
	return filtered(db, { ...f, from })
		.select([
			'o.id',
			'e.id as event_id',
			'e.title',
			'e.description',
			'e.address',
			'e.online_url',
			'o.starts_at',
			'o.ends_at',
			'o.status',
			'o.sequence',
			'o.updated_at'
		])
		.orderBy('o.starts_at')
		.orderBy('o.id')
		.limit(FEED_MAX_DATES)
		.execute();
}

export interface CheckInRow {
	id: string;
	name: string | null;
	status: string;
	channel: string;
	waitingPosition: number | null;
	attended: boolean | null;
	answers: unknown;
	/** the area of residence, when asked and answered (staff only) */
	areaName: string | null;
	createdAt: Date;
}

/** The check-in list of a date (staff only: the caller checks events.manage). */
export async function checkInList(db: Kysely<DB>, occurrenceId: string): Promise<CheckInRow[]> {
	const rows = await db
		.selectFrom('event_registration as r')
		.leftJoin('area as a', 'a.id', 'r.area_id')
		.select([
			'r.id',
			'r.name',
			'r.status',
			'r.channel',
			'r.waiting_position',
			'r.attended',
			'r.answers',
			'r.created_at',
			'a.name as area_name'
		])
		.where('r.occurrence_id', '=', occurrenceId)
		.where('r.status', 'in', ['registered', 'waiting'])
		.orderBy('r.status')
		.orderBy('r.waiting_position')
		.orderBy('r.name')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		name: r.name,
		status: r.status,
		channel: r.channel,
		waitingPosition: r.waiting_position,
		attended: r.attended,
		answers: r.answers,
		areaName: r.area_name,
		createdAt: new Date(r.created_at)
	}));
}

/** Participants by area of residence (registered, when asked): for the suppressed public table. */
export async function participantsByArea(db: Kysely<DB>, eventId: string) {
	const rows = await db
		.selectFrom('event_registration as r')
		.innerJoin('event_occurrence as o', 'o.id', 'r.occurrence_id')
		.innerJoin('area as a', 'a.id', 'r.area_id')
		.select(['a.id', 'a.name', (eb) => eb.fn.countAll<string | number>().as('n')])
		.where('o.event_id', '=', eventId)
		.where('r.status', '=', 'registered')
		.groupBy(['a.id', 'a.name'])
		.orderBy('a.name')
		.execute();
	return rows.map((r) => ({ areaId: r.id, name: r.name, count: Number(r.n) }));
}

/** The events of a consultation with their first date (staff entry: "which workshop was this from?"). */
export async function eventsOfConsultation(db: Kysely<DB>, consultationId: string) {
	const rows = await db
		.selectFrom('event as e')
		.leftJoin('event_occurrence as o', 'o.event_id', 'e.id')
		.select(['e.id', 'e.title', (eb) => eb.fn.min('o.starts_at').as('first')])
		.where('e.consultation_id', '=', consultationId)
		.groupBy(['e.id', 'e.title'])
		.orderBy('first', 'desc')
		.execute();
	return rows.map((r) => ({ id: r.id, title: r.title, startsAt: r.first ? new Date(r.first) : null }));
}

/**
 * "Ergebnisse dieser Werkstatt": the published contributions entered from the event (newest first),
 * each with the slug of the consultation it lives in (a stand-alone event's results may sit in any
 * consultation covering its areas), only from consultations the public sees.
 */
export async function resultsOfEvent(db: Kysely<DB>, eventId: string, limit = 50) {
	const base = db
		.selectFrom('contribution as r')
		.innerJoin('consultation as c', 'c.id', 'r.consultation_id')
		.where('r.event_id', '=', eventId)
		.where('r.status', '=', 'published')
		.where('r.parent_id', 'is', null)
		.where('c.status', '!=', 'draft');
	const [rows, total] = await Promise.all([
		base
			.select(['r.id', 'r.body', 'c.slug'])
			.orderBy('r.created_at', 'desc')
			.orderBy('r.id')
			.limit(limit)
			.execute(),
		base.select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow()
	]);
	return { items: rows, total: Number(total.n) };
}

/** The event a workshop result came from, when that event is public (not a draft); else null. */
export async function eventOfResult(
	db: Kysely<DB>,
	contributionId: string
): Promise<{ id: string; title: string } | null> {
	const row = await db
		.selectFrom('contribution as r')
		.innerJoin('event as e', 'e.id', 'r.event_id')
		.select(['e.id', 'e.title'])
		.where('r.id', '=', contributionId)
		.where('e.status', '!=', 'draft')
		.executeTakeFirst();
	return row ?? null;
}
