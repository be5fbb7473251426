// Reads of measures. Public lists show published measures only; staff pages pass includeDrafts.
import { sql, type Kysely } from 'kysely';
import type { Actor } from '../auth/actor';
import { loadAreaAncestry } from '../areas';
import type { AreaRef } from '../auth/grant-rules';
import { loadConsultationRef } from '../consultations';
import type { DB } from '../db/types';
import {
	measurePath,
	type MeasureAreaView,
	type MeasureBadge,
	type MeasureListEntry,
	type MeasureMilestone,
	type MeasureStatus
} from '../../measures/types';
import type { MeasureSubject } from './permissions';
import { MEASURES_PAGE_SIZE } from './schemas';
import { pageOf } from '../core';

export interface MeasureDetail extends MeasureListEntry {
	description: string;
	budgetEuros: number | null;
	fundingSource: string;
	consultation: { id: string; slug: string; title: string; status: string } | null;
	milestones: MeasureMilestone[];
	links: { itemType: string; itemId: string }[];
	publishedAt: Date | null;
	createdAt: Date;
	subject: MeasureSubject;
}

export interface MeasureFilter {
	/** the area and every area inside it */
	areaIds?: string[];
	consultationId?: string;
	/** open: 0 %, running: 1–99 %, done: 100 % */
	stage?: 'offen' | 'laufend' | 'fertig';
	includeDrafts?: boolean;
	page?: number;
	pageSize?: number;
}

async function areasOf(db: Kysely<DB>, measureIds: string[]): Promise<Map<string, MeasureAreaView[]>> {
	const map = new Map<string, MeasureAreaView[]>();
	if (measureIds.length === 0) return map;
	const rows = await db
		.selectFrom('measure_area as ma')
		.innerJoin('area', 'area.id', 'ma.area_id')
		.innerJoin('area_level', 'area_level.id', 'area.level_id')
		.select(['ma.measure_id', 'area.id', 'area.key', 'area.name', 'area_level.name as level_name'])
		.where('ma.measure_id', 'in', measureIds)
		.orderBy('area_level.rank')
		.orderBy('area.name')
		.execute();
	for (const r of rows)
		map.set(r.measure_id, [
			...(map.get(r.measure_id) ?? []),
			{ id: r.id, key: r.key, name: r.name, levelName: r.level_name }
		]);
	return map;
}

export async function listMeasures(
	db: Kysely<DB>,
	filter: MeasureFilter = {}
): Promise<{ entries: MeasureListEntry[]; total: number; page: number; pages: number }> {
	const pageSize = filter.pageSize ?? MEASURES_PAGE_SIZE;
	const base = db
		.selectFrom('measure as m')
		.$if(!filter.includeDrafts, (q) => q.where('m.status', '=', 'published'))
		.$if(!!filter.consultationId, (q) => q.where('m.consultation_id', '=', filter.consultationId!))
		.$if(!!filter.areaIds, (q) =>
			q.where((eb) =>
				eb.exists(
					eb
						.selectFrom('measure_area as ma')
						.select('ma.measure_id')
						.whereRef('ma.measure_id', '=', 'm.id')
						.where(
							'ma.area_id',
							'in',
							filter.areaIds!.length ? filter.areaIds! : ['00000000-0000-0000-0000-000000000000']
						)
				)
			)
		)
		.$if(filter.stage === 'offen', (q) => q.where('m.progress', '=', 0))
		.$if(filter.stage === 'laufend', (q) => q.where('m.progress', '>', 0).where('m.progress', '<', 100))
		.$if(filter.stage === 'fertig', (q) => q.where('m.progress', '=', 100));
	const { n } = await base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
	const total = Number(n);
	const { page, pageCount: pages, offset } = pageOf(total, filter.page, pageSize);
	const rows = await base
		.select([
			'm.id',
			'm.title',
			'm.responsible',
			'm.progress',
			'm.status',
			'm.starts_on',
			'm.ends_on',
			'm.updated_at'
		])
		.orderBy('m.updated_at', 'desc')
		.orderBy('m.id')
		.limit(pageSize)
		.offset(offset)
		.execute();
	const areas = await areasOf(
		db,
		rows.map((r) => r.id)
	);
	return {
		total,
		page,
		pages,
		entries: rows.map((r) => ({
			id: r.id,
			title: r.title,
			responsible: r.responsible,
			progress: r.progress,
			status: r.status as MeasureStatus,
			startsOn: r.starts_on ? String(r.starts_on).slice(0, 10) : null,
			endsOn: r.ends_on ? String(r.ends_on).slice(0, 10) : null,
			updatedAt: new Date(r.updated_at),
			areas: areas.get(r.id) ?? []
		}))
	};
}

/** The permission subject of a measure with these areas and consultation. */
export async function measureSubject(
	db: Kysely<DB>,
	areaIds: readonly string[],
	consultationId: string | null
): Promise<MeasureSubject & { unknownAreas: boolean; unknownConsultation: boolean }> {
	const areas: AreaRef[] = await loadAreaAncestry(db, areaIds);
	const consultation = consultationId ? await loadConsultationRef(db, { id: consultationId }) : null;
	return {
		areas,
		consultation: consultation?.subject ?? null,
		unknownAreas: areas.length !== new Set(areaIds).size,
		unknownConsultation: !!consultationId && !consultation
	};
}

/**
 * One measure. Drafts only for those who may maintain them (`mayManage` decides with the subject); a
 * draft looks like a missing measure to everyone else.
 */
export async function getMeasure(
	db: Kysely<DB>,
	id: string,
	viewer: { actor: Actor | null; mayManage: (actor: Actor | null, subject: MeasureSubject) => boolean }
): Promise<MeasureDetail | null> {
	if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
	const row = await db
		.selectFrom('measure as m')
		.leftJoin('consultation as c', 'c.id', 'm.consultation_id')
		.select([
			'm.id',
			'm.title',
			'm.description',
			'm.responsible',
			'm.budget_euros',
			'm.funding_source',
			'm.progress',
			'm.status',
			'm.starts_on',
			'm.ends_on',
			'm.updated_at',
			'm.created_at',
			'm.published_at',
			'm.consultation_id',
			'c.slug',
			'c.title as consultation_title',
			'c.status as consultation_status'
		])
		.where('m.id', '=', id)
		.executeTakeFirst();
	if (!row) return null;
	const [areas, milestones, links] = await Promise.all([
		areasOf(db, [row.id]),
		db
			.selectFrom('measure_progress')
			.select(['id', 'progress', 'previous_progress', 'milestone_on', 'note'])
			.where('measure_id', '=', row.id)
			.orderBy('milestone_on', 'desc')
			.orderBy('created_at', 'desc')
			.execute(),
		db
			.selectFrom('measure_link')
			.select(['item_type', 'item_id'])
			.where('measure_id', '=', row.id)
			.orderBy('created_at')
			.execute()
	]);
	const areaViews = areas.get(row.id) ?? [];
	const subject = await measureSubject(
		db,
		areaViews.map((a) => a.id),
		row.consultation_id
	);
	if (row.status !== 'published' && !viewer.mayManage(viewer.actor, subject)) return null;
	return {
		id: row.id,
		title: row.title,
		description: row.description,
		responsible: row.responsible,
		budgetEuros: row.budget_euros === null ? null : Number(row.budget_euros),
		fundingSource: row.funding_source,
		progress: row.progress,
		status: row.status as MeasureStatus,
		startsOn: row.starts_on ? String(row.starts_on).slice(0, 10) : null,
		endsOn: row.ends_on ? String(row.ends_on).slice(0, 10) : null,
		updatedAt: new Date(row.updated_at),
		createdAt: new Date(row.created_at),
		publishedAt: row.published_at ? new Date(row.published_at) : null,
		areas: areaViews,
		consultation:
			row.consultation_id && row.slug && row.consultation_status !== 'draft'
				? {
						id: row.consultation_id,
						slug: row.slug,
						title: row.consultation_title!,
						status: row.consultation_status!
					}
				: null,
		milestones: milestones.map((m) => ({
			id: m.id,
			progress: m.progress,
			previousProgress: m.previous_progress,
			milestoneOn: String(m.milestone_on).slice(0, 10),
			note: m.note
		})),
		links: links.map((l) => ({ itemType: l.item_type, itemId: l.item_id })),
		subject: { areas: subject.areas, consultation: subject.consultation }
	};
}

/**
 * The published measures answering these items, by item id — what an item's page shows ("Daraus wurde
 * eine Maßnahme"). Modules call it with their item type and the ids on the page.
 */
export async function measuresFor(
	db: Kysely<DB>,
	itemType: string,
	itemIds: readonly string[]
): Promise<Map<string, MeasureBadge[]>> {
	const result = new Map<string, MeasureBadge[]>();
	if (itemIds.length === 0) return result;
	const rows = await db
		.selectFrom('measure_link as l')
		.innerJoin('measure as m', 'm.id', 'l.measure_id')
		.select(['l.item_id', 'm.id', 'm.title', 'm.progress'])
		.where('l.item_type', '=', itemType)
		.where('l.item_id', 'in', [...new Set(itemIds)])
		.where('m.status', '=', 'published')
		.orderBy('m.updated_at', 'desc')
		.execute();
	for (const r of rows)
		result.set(r.item_id, [
			...(result.get(r.item_id) ?? []),
			{ id: r.id, title: r.title, progress: r.progress, path: measurePath(r.id) }
		]);
	return result;
}

/** Consultations a measure may belong to (not drafts), newest first. */
export async function consultationChoices(db: Kysely<DB>): Promise<{ id: string; title: string }[]> {
	return db
		.selectFrom('consultation')
		.select(['id', 'title'])
		.where('status', '!=', 'draft')
		.orderBy('created_at', 'desc')
		.limit(500)
		.execute();
}

/** The current area with this key at this level (or the first level with it), for filters. */
export async function areaIdForFilter(db: Kysely<DB>, key: string): Promise<string | null> {
	const row = await db
		.selectFrom('area')
		.innerJoin('area_level', 'area_level.id', 'area.level_id')
		.select('area.id')
		.where('area.key', '=', key)
		.where('area.valid_to', 'is', null)
		.orderBy('area_level.rank')
		.executeTakeFirst();
	return row?.id ?? null;
}
