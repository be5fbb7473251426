// The ideas export (CSV / XLSX / GeoJSON through participation/exports) and the open-data rows
// (GET /api/v1/ideas.geojson). One row per idea with status and latest response; no author, no
// names, no e-mails — the queries select no personal column (explicit column lists).
import { sql, type Kysely } from 'kysely';
import type { CommandContext } from '../core';
import type { DB } from '../db/types';
import type { ExportAudience, ExportColumn, ExportDefinition } from '../participation/component';
import { berlinDate } from '../participation/exports/format';
import { summariseOutcomes } from '../participation/outcomes/queries';
import { IDEA_ITEM } from './queries';

export interface IdeaExportRow {
	id: string;
	consultation: string;
	createdAt: Date;
	title: string;
	body: string;
	category: string | null;
	moderation: string;
	status: string;
	response: string | null;
	responder: string | null;
	respondedAt: Date | null;
	supports: number;
	comments: number;
	areaKeys: string[];
	lon: number | null;
	lat: number | null;
}

const L = 'ideas.export';
const D = 'ideas.exportHelp';
const col = (
	key: string,
	name: string,
	value: ExportColumn<IdeaExportRow>['value'],
	count?: 'item'
): ExportColumn<IdeaExportRow> => ({
	key,
	labelKey: `${L}.${name}`,
	descriptionKey: `${D}.${name}`,
	...(count ? { count } : {}),
	value
});

export const ideaColumns: ExportColumn<IdeaExportRow>[] = [
	col('id', 'id', (r) => r.id),
	col('created_on', 'createdOn', (r) => berlinDate(r.createdAt)),
	col('title', 'ideaTitle', (r) => r.title),
	col('text', 'text', (r) => r.body),
	col('category', 'category', (r) => r.category),
	col('moderation', 'moderation', (r) => r.moderation),
	col('status', 'status', (r) => r.status),
	col('response', 'response', (r) => r.response),
	col('responder', 'responder', (r) => r.responder),
	col('responded_on', 'respondedOn', (r) => (r.respondedAt ? berlinDate(r.respondedAt) : null)),
	col('supports', 'supports', (r) => r.supports, 'item'),
	col('comments', 'comments', (r) => r.comments, 'item'),
	col('area_keys', 'areaKeys', (r) => r.areaKeys.join('; ') || null)
];

/** The ideas of one consultation (null: all public consultations — open data), oldest first. */
export async function ideaRows(
	db: Kysely<DB>,
	filter: { consultationId?: string; consultationSlug?: string; areaKey?: string; limit?: number },
	audience: ExportAudience
): Promise<IdeaExportRow[]> {
	const visible = audience === 'public' ? ['published'] : ['pending', 'published', 'hidden'];
	let q = db
		.selectFrom('idea as i')
		.innerJoin('consultation as c', 'c.id', 'i.consultation_id')
		.leftJoin('consultation_category as k', 'k.id', 'i.category_id')
		.where('i.status', 'in', visible)
		.select([
			'i.id',
			'c.slug',
			'i.created_at',
			'i.title',
			'i.body',
			'k.name as category',
			'i.status',
			'i.support_count',
			'i.comment_count',
			'i.area_keys',
			'i.lon',
			'i.lat'
		]);
	if (audience === 'public') q = q.where('c.status', 'in', ['published', 'closed', 'archived']);
	if (filter.consultationId) q = q.where('i.consultation_id', '=', filter.consultationId);
	if (filter.consultationSlug) q = q.where('c.slug', '=', filter.consultationSlug);
	if (filter.areaKey) q = q.where(sql<boolean>`${filter.areaKey} = any(i.area_keys)`);
	const rows = await q
		.orderBy('i.created_at')
		.orderBy('i.id')
		.limit(filter.limit ?? 100_000)
		.execute();
	const outcomes = await summariseOutcomes(
		db,
		IDEA_ITEM,
		rows.map((r) => r.id)
	);
	return rows.map((r) => {
		const o = outcomes.get(r.id);
		return {
			id: r.id,
			consultation: r.slug,
			createdAt: new Date(r.created_at),
			title: r.title,
			body: r.body,
			category: r.category,
			moderation: r.status,
			status: o?.status ?? 'received',
			response: o?.latest?.text || null,
			responder: o?.latest?.responderName ?? null,
			respondedAt: o?.latest?.createdAt ?? null,
			supports: r.support_count,
			comments: r.comment_count,
			areaKeys: r.area_keys,
			lon: r.lon,
			lat: r.lat
		};
	});
}

export const ideaExport: ExportDefinition<IdeaExportRow> = {
	key: 'ideas',
	labelKey: `${L}.title`,
	columns: ideaColumns,
	rows: (ctx: CommandContext, consultationId: string, audience: ExportAudience = 'staff') =>
		ideaRows(ctx.db, { consultationId }, audience),
	geometry: (row) => (row.lon === null || row.lat === null ? null : { type: 'Point', coordinates: [row.lon, row.lat] }),
	openData: true
};

/** GET /api/v1/ideas.geojson: published ideas of public consultations, no personal data. */
export async function ideasGeoJson(db: Kysely<DB>, filter: { consultationSlug?: string; areaKey?: string }) {
	const rows = await ideaRows(db, { ...filter, limit: 10_000 }, 'public');
	return {
		type: 'FeatureCollection' as const,
		features: rows.map((r) => ({
			type: 'Feature' as const,
			geometry: r.lon === null || r.lat === null ? null : { type: 'Point' as const, coordinates: [r.lon, r.lat] },
			properties: {
				id: r.id,
				consultation: r.consultation,
				title: r.title,
				text: r.body,
				category: r.category,
				created_at: r.createdAt.toISOString(),
				area_keys: r.areaKeys,
				support_count: r.supports,
				status: r.status,
				response: r.response,
				responder: r.responder,
				responded_at: r.respondedAt?.toISOString() ?? null
			}
		}))
	};
}
