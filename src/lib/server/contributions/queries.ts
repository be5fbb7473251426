// Reading contributions: by bounding box for the map (GiST index on bbox), as a list with paging,
// one with its replies, and the open-data GeoJSON (no names, no e-mails, no author ids).
import { sql, type Kysely } from 'kysely';
import type { BBox } from '../../geo/bbox';
import { toPostgresBox } from '../../geo/bbox';
import { areaLabels } from '../areas';
import type { DB } from '../db/types';
import type { ContributionContext } from './context';
import { cachedMapFeatures, FEATURE_SQL } from './map-cache';

export const PAGE_SIZE = 50;

/** What a contribution summary reads (contribution as c, its category as k). */
const SUMMARY_COLUMNS = [
	'c.id',
	'c.body',
	'c.status',
	'c.category_id',
	'k.name as category_name',
	'c.geometry',
	'c.geometry_type',
	'c.area_keys',
	'c.channel',
	'c.support_count',
	'c.reply_count',
	'c.created_at',
	'c.hidden_reason'
] as const;
export const MAP_LIMIT = 5000;

export interface ContributionFilters {
	categoryId?: string | null;
	areaId?: string | null;
	/** Only for moderators; the public always sees published ones. */
	status?: string | null;
}

export interface ListOptions {
	/** Moderators and managers may filter by any status. */
	includeAll?: boolean;
	limit?: number;
	offset?: number;
	/** Count all matches (the list's paging); the map skips it. Default true. */
	countTotal?: boolean;
}

export interface ContributionSummary {
	id: string;
	body: string;
	status: string;
	categoryId: string | null;
	categoryName: string | null;
	geometry: unknown;
	geometryType: string | null;
	areaKeys: string[];
	channel: string;
	supportCount: number;
	replyCount: number;
	createdAt: Date;
	hiddenReason: string | null;
}

/** Map contributions of one consultation in the box, filtered; the status rule depends on the viewer. */
function boxQuery(
	db: Kysely<DB>,
	consultationId: string,
	bbox: BBox | null,
	filters: ContributionFilters,
	includeAll: boolean
) {
	let query = db
		.selectFrom('contribution as c')
		.leftJoin('consultation_category as k', 'k.id', 'c.category_id')
		.where('c.consultation_id', '=', consultationId)
		.where('c.kind', '=', 'map_comment');
	if (bbox) query = query.where(sql<boolean>`c.bbox && ${toPostgresBox(bbox)}::box`);
	if (filters.categoryId) query = query.where('c.category_id', '=', filters.categoryId);
	if (filters.areaId) {
		const areaId = filters.areaId;
		query = query.where((eb) =>
			eb.exists(
				eb
					.selectFrom('contribution_area as ca')
					.select('ca.area_id')
					.whereRef('ca.contribution_id', '=', 'c.id')
					.where('ca.area_id', '=', areaId)
			)
		);
	}
	if (includeAll && filters.status) query = query.where('c.status', '=', filters.status);
	else if (!includeAll) query = query.where('c.status', '=', 'published');
	else query = query.where('c.status', '!=', 'deleted');
	return query;
}

/** The one statement behind mapFeaturesInBox (the bench times it bare, without the app around it). */
export function mapFeaturesQuery(
	db: Kysely<DB>,
	consultationId: string,
	bbox: BBox,
	filters: ContributionFilters = {},
	options: { includeAll?: boolean; limit?: number } = {}
) {
	const limit = Math.min(options.limit ?? MAP_LIMIT, MAP_LIMIT);
	const inner = boxQuery(db, consultationId, bbox, filters, options.includeAll ?? false)
		.where('c.geometry', 'is not', null)
		.select(['c.created_at', 'c.id', FEATURE_SQL.as('feature')])
		.orderBy('c.created_at', 'desc')
		.orderBy('c.id')
		.limit(limit + 1);
	return db
		.selectFrom(
			inner.select(sql<number>`row_number() over (order by c.created_at desc, c.id)`.as('rn')).as('s')
		)
		.select([
			sql<string>`coalesce(json_agg(s.feature order by s.rn) filter (where s.rn <= ${limit}), '[]')::text`.as(
				'features'
			),
			sql<number>`count(*)::int`.as('n')
		]);
}

/**
 * The map's GeoJSON FeatureCollection for the box. Only what the map needs (id, category, short text,
 * support count); `truncated`: the box holds more than `limit`. The public view (with or without a
 * category filter) comes from the tile cache (map-cache.ts) where the box is small enough; otherwise
 * the database builds it as one text value (no per-row parsing and re-serialising in Node).
 */
export async function mapFeaturesInBox(
	db: Kysely<DB>,
	consultationId: string,
	bbox: BBox,
	filters: ContributionFilters = {},
	options: { includeAll?: boolean; limit?: number; cache?: boolean } = {}
): Promise<{ json: string; count: number; truncated: boolean; cached: boolean }> {
	const limit = Math.min(options.limit ?? MAP_LIMIT, MAP_LIMIT);
	if (!options.includeAll && !filters.areaId && options.cache !== false) {
		const hit = await cachedMapFeatures(
			db,
			consultationId,
			bbox,
			filters.categoryId ?? null,
			limit,
			MAP_LIMIT
		);
		if (hit) {
			const truncated = hit.n > limit;
			return {
				json: `{"type":"FeatureCollection","features":[${hit.features.join(',')}],"truncated":${truncated},"limit":${limit}}`,
				count: hit.features.length,
				truncated,
				cached: true
			};
		}
	}
	const row = await mapFeaturesQuery(db, consultationId, bbox, filters, options).executeTakeFirstOrThrow();
	const truncated = row.n > limit;
	return {
		json: `{"type":"FeatureCollection","features":${row.features},"truncated":${truncated},"limit":${limit}}`,
		count: Math.min(row.n, limit),
		truncated,
		cached: false
	};
}

export async function listContributionsInBox(
	db: Kysely<DB>,
	consultationId: string,
	bbox: BBox | null,
	filters: ContributionFilters = {},
	options: ListOptions = {}
): Promise<{ items: ContributionSummary[]; total: number; hasMore: boolean }> {
	const query = boxQuery(db, consultationId, bbox, filters, options.includeAll ?? false);
	const limit = Math.min(options.limit ?? PAGE_SIZE, MAP_LIMIT);
	const [rows, count] = await Promise.all([
		query
			.select(SUMMARY_COLUMNS)
			.orderBy('c.created_at', 'desc')
			.orderBy('c.id')
			// One more than asked tells whether there are more (hasMore), without counting them all.
			.limit(limit + 1)
			.offset(options.offset ?? 0)
			.execute(),
		options.countTotal === false
			? Promise.resolve(null)
			: query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
	]);
	const hasMore = rows.length > limit;
	return {
		total: count ? Number(count.n) : Math.min(rows.length, limit),
		hasMore,
		items: rows.slice(0, limit).map((r) => ({
			id: r.id,
			body: r.body,
			status: r.status,
			categoryId: r.category_id,
			categoryName: r.category_name,
			geometry: r.geometry,
			geometryType: r.geometry_type,
			areaKeys: r.area_keys,
			channel: r.channel,
			supportCount: r.support_count,
			replyCount: r.reply_count,
			createdAt: new Date(r.created_at),
			hiddenReason: r.hidden_reason
		}))
	};
}

export interface ContributionDetail extends ContributionSummary {
	consultationId: string;
	parentId: string | null;
	authorName: string | null;
	isMine: boolean;
	supportedByMe: boolean;
	editedAt: Date | null;
	collectedOn: string | null;
	areas: { id: string; key: string; name: string; level: string; rank: number }[];
	photos: { uploadId: string; alt: string }[];
	replies: {
		id: string;
		body: string;
		status: string;
		authorName: string | null;
		createdAt: Date;
		hiddenReason: string | null;
		isMine: boolean;
	}[];
}

export async function getContribution(
	ctx: Pick<ContributionContext, 'db' | 'actor'>,
	id: string
): Promise<ContributionDetail | null> {
	const r = await ctx.db
		.selectFrom('contribution as c')
		.leftJoin('consultation_category as k', 'k.id', 'c.category_id')
		.leftJoin('app_user as u', 'u.id', 'c.author_id')
		.select([
			...SUMMARY_COLUMNS,
			'c.consultation_id',
			'c.parent_id',
			'c.edited_at',
			'c.collected_on',
			'c.author_id',
			'u.display_name'
		])
		.where('c.id', '=', id)
		.executeTakeFirst();
	if (!r) return null;
	const viewer = ctx.actor?.id ?? null;
	const [areas, photos, replies, support] = await Promise.all([
		ctx.db
			.selectFrom('contribution_area')
			.select('area_id')
			.where('contribution_id', '=', id)
			.execute()
			.then((links) =>
				areaLabels(
					ctx.db,
					links.map((l) => l.area_id)
				)
			)
			.then((labels) => labels.map((a) => ({ ...a, level: a.levelName }))),
		ctx.db
			.selectFrom('contribution_photo')
			.select(['upload_id', 'alt_text'])
			.where('contribution_id', '=', id)
			.orderBy('position')
			.execute(),
		ctx.db
			.selectFrom('contribution as c')
			.leftJoin('app_user as u', 'u.id', 'c.author_id')
			.select([
				'c.id',
				'c.body',
				'c.status',
				'c.created_at',
				'c.hidden_reason',
				'c.author_id',
				'u.display_name'
			])
			.where('c.parent_id', '=', id)
			.where('c.status', '!=', 'pending')
			.orderBy('c.created_at')
			.orderBy('c.id')
			.execute(),
		viewer
			? ctx.db
					.selectFrom('contribution_support')
					.select('user_id')
					.where('contribution_id', '=', id)
					.where('user_id', '=', viewer)
					.executeTakeFirst()
			: Promise.resolve(undefined)
	]);
	return {
		id: r.id,
		consultationId: r.consultation_id,
		parentId: r.parent_id,
		body: r.body,
		status: r.status,
		categoryId: r.category_id,
		categoryName: r.category_name,
		geometry: r.geometry,
		geometryType: r.geometry_type,
		areaKeys: r.area_keys,
		channel: r.channel,
		supportCount: r.support_count,
		replyCount: r.reply_count,
		createdAt: new Date(r.created_at),
		editedAt: r.edited_at ? new Date(r.edited_at) : null,
		collectedOn: r.collected_on ? String(r.collected_on).slice(0, 10) : null,
		hiddenReason: r.hidden_reason,
		authorName: r.display_name,
		isMine: !!viewer && r.author_id === viewer,
		supportedByMe: !!support,
		areas: areas.map((a) => ({ ...a, rank: Number(a.rank) })),
		photos: photos.map((p) => ({ uploadId: p.upload_id, alt: p.alt_text })),
		replies: replies.map((p) => ({
			id: p.id,
			body: p.status === 'published' ? p.body : '',
			status: p.status,
			authorName: p.display_name,
			createdAt: new Date(p.created_at),
			hiddenReason: p.hidden_reason,
			isMine: !!viewer && p.author_id === viewer
		}))
	};
}

/** Open data: published contributions of public consultations; never names, e-mails or author ids. */
export async function openDataContributions(
	db: Kysely<DB>,
	filters: { consultationSlug?: string; areaKey?: string },
	limit = 10_000
) {
	let query = db
		.selectFrom('contribution as c')
		.innerJoin('consultation as s', 's.id', 'c.consultation_id')
		.leftJoin('consultation_category as k', 'k.id', 'c.category_id')
		.where('c.status', '=', 'published')
		.where('c.kind', '=', 'map_comment')
		.where('s.status', '!=', 'draft');
	if (filters.consultationSlug) query = query.where('s.slug', '=', filters.consultationSlug);
	if (filters.areaKey) query = query.where(sql<boolean>`${filters.areaKey} = any(c.area_keys)`);
	const rows = await query
		.select([
			'c.id',
			's.slug',
			'k.name as category',
			'c.body',
			'c.created_at',
			'c.channel',
			'c.area_keys',
			'c.support_count',
			'c.geometry'
		])
		.orderBy('c.created_at')
		.orderBy('c.id')
		.limit(limit)
		.execute();
	return {
		type: 'FeatureCollection' as const,
		features: rows.map((r) => ({
			type: 'Feature' as const,
			geometry: r.geometry ?? null,
			properties: {
				id: r.id,
				consultation: r.slug,
				category: r.category,
				body: r.body,
				created_at: new Date(r.created_at).toISOString(),
				channel: r.channel,
				area_keys: r.area_keys,
				support_count: r.support_count
			}
		}))
	};
}

/** Photo bytes for a published (or own) contribution's upload. */
export async function photoUpload(db: Kysely<DB>, contributionId: string, uploadId: string) {
	return db
		.selectFrom('contribution_photo as p')
		.innerJoin('upload as u', 'u.id', 'p.upload_id')
		.innerJoin('contribution as c', 'c.id', 'p.contribution_id')
		.select(['u.storage_key', 'u.content_type', 'c.status'])
		.where('p.contribution_id', '=', contributionId)
		.where('p.upload_id', '=', uploadId)
		.executeTakeFirst();
}
