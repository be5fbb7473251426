// Reads of the idea boards: the board's list (filters, sort, pages, visibility in SQL), one idea with
// its comments and history, similar ideas (PostgreSQL full-text search, German dictionary, plus
// nearness), and the public summaries other modules link to (see IDEAS-API.md).
import { sql, type Kysely } from 'kysely';
import { archiveCutoff, isArchived, responseDueAt, type BoardRules, type IdeaSort } from '../../ideas/rules';
import {
	INITIAL_OUTCOME_STATUS,
	type OutcomeResponseView,
	type OutcomeStatus
} from '../../participation/outcomes';
import type { DB } from '../db/types';
import { summariseOutcomes } from '../participation/outcomes/queries';
import type { IdeaListQuery } from './schemas';

export const IDEA_ITEM = 'idea';
export const IDEA_COMMENT_ITEM = 'idea_comment';

export function ideaPath(slug: string, id: string): string {
	return `/beteiligung/${slug}/ideen/${id}`;
}

/** Order of the statuses when sorting by status (the way an idea goes). */
const STATUS_ORDER = sql<number>`array_position(array['received','in_review','answered','accepted','partly_accepted','not_feasible','in_progress','implemented']::text[], coalesce(o.status, 'received'))`;
const LAST_RESPONSE = sql<Date | null>`(select max(r.created_at) from qk.outcome_response r where r.item_type = 'idea' and r.item_id = i.id)`;

export interface IdeaCard {
	id: string;
	title: string;
	excerpt: string;
	categoryName: string | null;
	areaKeys: string[];
	lon: number | null;
	lat: number | null;
	supportCount: number;
	commentCount: number;
	createdAt: Date;
	status: OutcomeStatus;
	latestResponse: OutcomeResponseView | null;
	responseDueAt: Date | null;
	archived: boolean;
}

function excerpt(text: string, max = 220): string {
	return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

/** One page of a board's published ideas with the total, filtered and sorted in SQL. */
export async function listIdeas(
	db: Kysely<DB>,
	consultationId: string,
	q: IdeaListQuery,
	rules: BoardRules,
	now: Date,
	pageSize: number
): Promise<{ items: IdeaCard[]; total: number }> {
	const cutoff = archiveCutoff(rules, now);
	let base = db
		.selectFrom('idea as i')
		.leftJoin('outcome as o', (j) => j.on('o.item_type', '=', IDEA_ITEM).onRef('o.item_id', '=', 'i.id'))
		.where('i.consultation_id', '=', consultationId)
		.where('i.status', '=', 'published');
	if (q.area) base = base.where(sql<boolean>`${q.area} = any(i.area_keys)`);
	if (q.category) base = base.where('i.category_id', '=', q.category);
	if (q.status) base = base.where(sql<boolean>`coalesce(o.status, 'received') = ${q.status}`);
	if (cutoff) {
		const archived = sql<boolean>`(i.support_count = 0 and coalesce(o.status, 'received') = 'received' and i.created_at <= ${cutoff})`;
		base = base.where(q.archived ? archived : sql<boolean>`not ${archived}`);
	} else if (q.archived) base = base.where(sql<boolean>`false`);

	const totalRow = await base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
	let rows = base
		.leftJoin('consultation_category as k', 'k.id', 'i.category_id')
		.select([
			'i.id',
			'i.title',
			'i.body',
			'i.area_keys',
			'i.lon',
			'i.lat',
			'i.support_count',
			'i.comment_count',
			'i.created_at',
			'i.threshold_reached_at',
			'k.name as category_name'
		]);
	const sort: IdeaSort = q.sort;
	if (sort === 'supported') rows = rows.orderBy('i.support_count', 'desc');
	if (sort === 'status') rows = rows.orderBy(STATUS_ORDER, 'desc');
	if (sort === 'response') rows = rows.orderBy(sql`${LAST_RESPONSE} desc nulls last`);
	const list = await rows
		.orderBy('i.created_at', 'desc')
		.orderBy('i.id')
		.limit(pageSize)
		.offset((q.page - 1) * pageSize)
		.execute();
	const outcomes = await summariseOutcomes(
		db,
		IDEA_ITEM,
		list.map((r) => r.id)
	);
	return {
		total: Number(totalRow.n),
		items: list.map((r) => {
			const o = outcomes.get(r.id);
			const status = o?.status ?? INITIAL_OUTCOME_STATUS;
			const createdAt = new Date(r.created_at);
			return {
				id: r.id,
				title: r.title,
				excerpt: excerpt(r.body),
				categoryName: r.category_name,
				areaKeys: r.area_keys,
				lon: r.lon,
				lat: r.lat,
				supportCount: r.support_count,
				commentCount: r.comment_count,
				createdAt,
				status,
				latestResponse: o?.latest ?? null,
				responseDueAt: responseDueAt(
					rules,
					r.threshold_reached_at ? new Date(r.threshold_reached_at) : null,
					status
				),
				archived: isArchived(rules, { supportCount: r.support_count, createdAt, status }, now)
			};
		})
	};
}

export interface IdeaDetail {
	id: string;
	consultationId: string;
	authorId: string | null;
	authorName: string | null;
	title: string;
	body: string;
	status: string;
	hiddenReason: string | null;
	categoryName: string | null;
	lon: number | null;
	lat: number | null;
	areas: { key: string; name: string; level: string }[];
	supportCount: number;
	supportedByMe: boolean;
	createdAt: Date;
	thresholdReachedAt: Date | null;
	photos: { uploadId: string; altText: string }[];
	comments: {
		id: string;
		parentId: string | null;
		body: string;
		authorName: string | null;
		createdAt: Date;
		status: string;
	}[];
}

export async function getIdea(
	db: Kysely<DB>,
	id: string,
	viewerId: string | null,
	options: { moderator: boolean }
): Promise<IdeaDetail | null> {
	const row = await db
		.selectFrom('idea as i')
		.leftJoin('app_user as u', 'u.id', 'i.author_id')
		.leftJoin('consultation_category as k', 'k.id', 'i.category_id')
		.select([
			'i.id',
			'i.consultation_id',
			'i.author_id',
			'u.display_name',
			'i.title',
			'i.body',
			'i.status',
			'i.hidden_reason',
			'k.name as category_name',
			'i.lon',
			'i.lat',
			'i.support_count',
			'i.created_at',
			'i.threshold_reached_at'
		])
		.where('i.id', '=', id)
		.executeTakeFirst();
	if (!row || row.status === 'deleted') return null;
	const [areas, supported, photos, comments] = await Promise.all([
		db
			.selectFrom('idea_area as ia')
			.innerJoin('area as a', 'a.id', 'ia.area_id')
			.innerJoin('area_level as l', 'l.id', 'a.level_id')
			.select(['a.key', 'a.name', 'l.name as level'])
			.where('ia.idea_id', '=', id)
			.orderBy('l.rank')
			.execute(),
		viewerId
			? db
					.selectFrom('idea_support')
					.select('user_id')
					.where('idea_id', '=', id)
					.where('user_id', '=', viewerId)
					.executeTakeFirst()
			: Promise.resolve(undefined),
		db
			.selectFrom('idea_photo')
			.select(['upload_id', 'alt_text'])
			.where('idea_id', '=', id)
			.orderBy('position')
			.execute(),
		db
			.selectFrom('idea_comment as c')
			.leftJoin('app_user as u', 'u.id', 'c.author_id')
			.select(['c.id', 'c.parent_id', 'c.body', 'c.status', 'c.created_at', 'c.author_id', 'u.display_name'])
			.where('c.idea_id', '=', id)
			.where((eb) =>
				options.moderator
					? eb('c.status', '!=', 'deleted')
					: eb.or([
							eb('c.status', '=', 'published'),
							...(viewerId
								? [eb.and([eb('c.status', '=', 'pending'), eb('c.author_id', '=', viewerId)])]
								: [])
						])
			)
			.orderBy('c.created_at')
			.orderBy('c.id')
			.execute()
	]);
	return {
		id: row.id,
		consultationId: row.consultation_id,
		authorId: row.author_id,
		authorName: row.display_name,
		title: row.title,
		body: row.body,
		status: row.status,
		hiddenReason: row.hidden_reason,
		categoryName: row.category_name,
		lon: row.lon,
		lat: row.lat,
		areas,
		supportCount: row.support_count,
		supportedByMe: !!supported,
		createdAt: new Date(row.created_at),
		thresholdReachedAt: row.threshold_reached_at ? new Date(row.threshold_reached_at) : null,
		photos: photos.map((p) => ({ uploadId: p.upload_id, altText: p.alt_text })),
		comments: comments.map((c) => ({
			id: c.id,
			parentId: c.parent_id,
			body: c.status === 'hidden' && !options.moderator ? '' : c.body,
			authorName: c.display_name,
			createdAt: new Date(c.created_at),
			status: c.status
		}))
	};
}

export interface SimilarIdea {
	id: string;
	title: string;
	supportCount: number;
	/** Shares words (German stemming: "Bänke" finds "Bank") */
	wordMatch: boolean;
	/** Metres from the chosen place, where both have one */
	distance: number | null;
}

/** How near counts as "near the chosen place" (metres). */
export const NEAR_METRES = 250;

/**
 * Existing published ideas of this board with similar words (full-text search, German dictionary:
 * any of the typed words, ranked by ts_rank) or near the chosen place, best first. Computed in the
 * database; works on PGlite and PostgreSQL alike (both ship the 'german' text search configuration).
 */
export async function findSimilarIdeas(
	db: Kysely<DB>,
	consultationId: string,
	input: { text: string; lon: number | null; lat: number | null },
	limit = 5
): Promise<SimilarIdea[]> {
	const text = input.text.trim().slice(0, 600);
	const hasPlace = input.lon !== null && input.lat !== null;
	if (!text && !hasPlace) return [];
	// plainto_tsquery makes "a & b"; any shared word should count, so the & become | (text → tsquery
	// keeps the already normalised lexemes).
	const query = sql`replace(plainto_tsquery('german', ${text})::text, '&', '|')::tsquery`;
	const distance = hasPlace
		? sql<number>`case when i.lon is null then null else sqrt(power((i.lon - ${input.lon}) * cos(radians(${input.lat}::float8)) * 111320, 2) + power((i.lat - ${input.lat}) * 110540, 2)) end`
		: sql<number>`null::float8`;
	const result = await sql<{
		id: string;
		title: string;
		support_count: number;
		rank: number;
		distance: number | null;
	}>`
		with candidates as (
			select i.id, i.title, i.support_count, i.created_at,
				case when ${text} = '' then 0 else ts_rank(i.search, ${query}) end as rank,
				${distance} as distance
			from qk.idea i
			where i.consultation_id = ${consultationId} and i.status = 'published'
		)
		select id, title, support_count, rank, distance from candidates
		where rank > 0 or (distance is not null and distance <= ${NEAR_METRES})
		order by rank + case when distance is not null and distance <= ${NEAR_METRES} then 0.05 * (1 - distance / ${NEAR_METRES}) else 0 end desc,
			support_count desc, created_at desc
		limit ${limit}`.execute(db);
	return result.rows.map((r) => ({
		id: r.id,
		title: r.title,
		supportCount: r.support_count,
		wordMatch: Number(r.rank) > 0,
		distance: r.distance === null ? null : Math.round(Number(r.distance))
	}));
}

// ---- for other modules (IDEAS-API.md) ----

export interface IdeaSummary {
	itemType: 'idea';
	id: string;
	title: string;
	path: string;
	status: OutcomeStatus;
	consultationId: string;
	consultationSlug: string;
}

const PUBLIC_CONSULTATION = ['published', 'closed', 'archived'];

/** Public summaries of the visible ones among these ideas (published, consultation public). */
export async function getIdeaSummaries(db: Kysely<DB>, ids: string[]): Promise<Map<string, IdeaSummary>> {
	const out = new Map<string, IdeaSummary>();
	const wanted = [...new Set(ids)].filter((id) => /^[0-9a-f-]{36}$/i.test(id));
	if (wanted.length === 0) return out;
	const rows = await db
		.selectFrom('idea as i')
		.innerJoin('consultation as c', 'c.id', 'i.consultation_id')
		.select(['i.id', 'i.title', 'c.id as consultation_id', 'c.slug'])
		.where('i.id', 'in', wanted)
		.where('i.status', '=', 'published')
		.where('c.status', 'in', PUBLIC_CONSULTATION)
		.execute();
	const outcomes = await summariseOutcomes(
		db,
		IDEA_ITEM,
		rows.map((r) => r.id)
	);
	for (const r of rows)
		out.set(r.id, {
			itemType: 'idea',
			id: r.id,
			title: r.title,
			path: ideaPath(r.slug, r.id),
			status: outcomes.get(r.id)?.status ?? INITIAL_OUTCOME_STATUS,
			consultationId: r.consultation_id,
			consultationSlug: r.slug
		});
	return out;
}

export async function getIdeaSummary(db: Kysely<DB>, id: string): Promise<IdeaSummary | null> {
	return (await getIdeaSummaries(db, [id])).get(id) ?? null;
}

/** A photo of an idea (for its page): storage key, type, and the idea's status and consultation state. */
export async function ideaPhotoUpload(db: Kysely<DB>, ideaId: string, uploadId: string) {
	return db
		.selectFrom('idea_photo as p')
		.innerJoin('upload as u', 'u.id', 'p.upload_id')
		.innerJoin('idea as i', 'i.id', 'p.idea_id')
		.innerJoin('consultation as c', 'c.id', 'i.consultation_id')
		.select(['u.storage_key', 'u.content_type', 'i.status', 'c.status as consultation_status'])
		.where('p.idea_id', '=', ideaId)
		.where('p.upload_id', '=', uploadId)
		.executeTakeFirst();
}
