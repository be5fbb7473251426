// Reads of consultations (Beteiligungsverfahren). Visibility is decided here: drafts only for the
// people who may manage them; everything else (published, closed, archived) is public.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/types';
import type { Actor } from '../auth/actor';
import { areaLabels, currentAreaIdByKey, loadAreaAncestry, newestAreaId, relatedAreaIds } from '../areas';
import { can } from '../auth/permissions';
import type { ConsultationTranslations } from './translations';
import {
	loadConsultationRef,
	mayManage,
	mayModerate,
	type ConsultationRef,
	type ConsultationStatus
} from './ref';

export const PARTICIPATION_LEVELS = ['information', 'konsultation', 'kooperation'] as const;
export type ParticipationLevel = (typeof PARTICIPATION_LEVELS)[number];

export interface ConsultationPhaseRow {
	id: string;
	position: number;
	name: string;
	description: string;
	/** yyyy-mm-dd */
	startsOn: string | null;
	endsOn: string | null;
}

/** The consultation page's shape: the reference plus texts, image, phases and what the actor may do. */
export interface ConsultationDetail extends ConsultationRef {
	summary: string;
	description: string;
	imageUploadId: string | null;
	imageAlt: string | null;
	participationLevel: ParticipationLevel;
	canInfluence: string;
	alreadyDecided: string;
	outcomePlan: string;
	contactName: string;
	contactEmail: string | null;
	contactPhone: string | null;
	createdAt: Date;
	updatedAt: Date;
	publishedAt: Date | null;
	isDemo: boolean;
	translations: ConsultationTranslations;
	phases: ConsultationPhaseRow[];
	/** May the actor who loaded it manage it (edit, change status, add co-managers)? */
	canManage: boolean;
	canModerate: boolean;
	/** May the actor download the exports (CSV/XLSX/GeoJSON)? */
	canExport: boolean;
}

const DETAIL_COLUMNS = [
	'summary',
	'description',
	'image_upload_id',
	'image_alt',
	'participation_level',
	'can_influence',
	'already_decided',
	'outcome_plan',
	'contact_name',
	'contact_email',
	'contact_phone',
	'created_at',
	'updated_at',
	'published_at',
	'is_demo',
	'translations'
] as const;

async function loadDetail(
	db: Kysely<DB>,
	where: { slug: string } | { id: string },
	actor: Actor | null
): Promise<ConsultationDetail | null> {
	const ref = await loadConsultationRef(db, where);
	if (!ref) return null;
	const canManage = mayManage(actor, ref);
	if (ref.status === 'draft' && !canManage) return null;
	const [row, phases] = await Promise.all([
		db.selectFrom('consultation').select(DETAIL_COLUMNS).where('id', '=', ref.id).executeTakeFirstOrThrow(),
		db
			.selectFrom('consultation_phase')
			.select(['id', 'position', 'name', 'description', 'starts_on', 'ends_on'])
			.where('consultation_id', '=', ref.id)
			.orderBy('position')
			.execute()
	]);
	return {
		...ref,
		summary: row.summary,
		description: row.description,
		imageUploadId: row.image_upload_id,
		imageAlt: row.image_alt,
		participationLevel: row.participation_level as ParticipationLevel,
		canInfluence: row.can_influence,
		alreadyDecided: row.already_decided,
		outcomePlan: row.outcome_plan,
		contactName: row.contact_name,
		contactEmail: row.contact_email,
		contactPhone: row.contact_phone,
		createdAt: row.created_at,
		updatedAt: row.updated_at,
		publishedAt: row.published_at,
		isDemo: row.is_demo,
		translations: (row.translations ?? {}) as ConsultationTranslations,
		phases: phases.map((p) => ({
			id: p.id,
			position: p.position,
			name: p.name,
			description: p.description,
			startsOn: p.starts_on,
			endsOn: p.ends_on
		})),
		canManage,
		canModerate: mayModerate(actor, ref),
		canExport: can(actor, 'consultation.export', ref.subject)
	};
}

/**
 * The consultation with its areas, categories, phases and settings, or null when it does not exist
 * or the actor may not see it (drafts are visible only to those who may manage them).
 */
export async function getConsultationBySlug(
	db: Kysely<DB>,
	slug: string,
	actor: Actor | null
): Promise<ConsultationDetail | null> {
	return loadDetail(db, { slug }, actor);
}

export async function getConsultationById(
	db: Kysely<DB>,
	id: string,
	actor: Actor | null
): Promise<ConsultationDetail | null> {
	if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
	return loadDetail(db, { id }, actor);
}

export interface ConsultationListItem {
	id: string;
	slug: string;
	title: string;
	summary: string;
	/** Texts in other languages (German columns are the fallback). */
	translations: ConsultationTranslations;
	status: ConsultationStatus;
	participationLevel: ParticipationLevel;
	startsAt: Date | null;
	endsAt: Date | null;
	areas: { key: string; name: string }[];
}

export interface ConsultationListFilter {
	/** Area key: consultations touching this area, an area above it or an area below it. */
	area?: string;
	/** A status; without one the list shows published and closed (archived only when asked for). */
	status?: Exclude<ConsultationStatus, 'draft'>;
	page?: number;
	pageSize?: number;
}

export interface ConsultationListPage {
	items: ConsultationListItem[];
	total: number;
	page: number;
	pageSize: number;
	pageCount: number;
}

async function loadListAreas(
	db: Kysely<DB>,
	ids: string[]
): Promise<Map<string, { key: string; name: string }[]>> {
	const byConsultation = new Map<string, { key: string; name: string }[]>();
	if (ids.length === 0) return byConsultation;
	const links = await db
		.selectFrom('consultation_area')
		.select(['consultation_id', 'area_id'])
		.where('consultation_id', 'in', ids)
		.execute();
	// areaLabels is ordered top level first, then by name: each consultation's list keeps that order.
	for (const area of await areaLabels(
		db,
		links.map((l) => l.area_id)
	)) {
		for (const l of links.filter((x) => x.area_id === area.id)) {
			const list = byConsultation.get(l.consultation_id) ?? [];
			list.push({ key: area.key, name: area.name });
			byConsultation.set(l.consultation_id, list);
		}
	}
	return byConsultation;
}

/** The columns of a list entry, and the entries with their areas. */
const LIST_COLUMNS = [
	'consultation.id',
	'consultation.slug',
	'consultation.title',
	'consultation.summary',
	'consultation.status',
	'consultation.participation_level',
	'consultation.starts_at',
	'consultation.ends_at',
	'consultation.translations'
] as const;

async function toListItems(
	db: Kysely<DB>,
	rows: {
		id: string;
		slug: string;
		title: string;
		summary: string;
		status: string;
		participation_level: string;
		starts_at: Date | null;
		ends_at: Date | null;
		translations: unknown;
	}[]
): Promise<ConsultationListItem[]> {
	const areas = await loadListAreas(
		db,
		rows.map((r) => r.id)
	);
	return rows.map((r) => ({
		id: r.id,
		slug: r.slug,
		title: r.title,
		summary: r.summary,
		translations: (r.translations ?? {}) as ConsultationTranslations,
		status: r.status as ConsultationStatus,
		participationLevel: r.participation_level as ParticipationLevel,
		startsAt: r.starts_at,
		endsAt: r.ends_at,
		areas: areas.get(r.id) ?? []
	}));
}

/** The public list: never drafts; archived only when asked for by status. Newest first. */
export async function listConsultations(
	db: Kysely<DB>,
	filter: ConsultationListFilter = {}
): Promise<ConsultationListPage> {
	const pageSize = filter.pageSize ?? 20;
	const page = Math.max(1, Math.floor(filter.page ?? 1));
	let areaId: string | null = null;
	if (filter.area) {
		areaId = await currentAreaIdByKey(db, filter.area);
		if (!areaId) return { items: [], total: 0, page, pageSize, pageCount: 0 };
	}
	const base = db
		.selectFrom('consultation')
		.$if(filter.status !== undefined, (q) => q.where('consultation.status', '=', filter.status!))
		.$if(filter.status === undefined, (q) => q.where('consultation.status', 'in', ['published', 'closed']))
		.$if(areaId !== null, (q) =>
			q.where('consultation.id', 'in', (sub) =>
				sub
					.selectFrom('consultation_area')
					.select('consultation_area.consultation_id')
					.where(sql<boolean>`consultation_area.area_id in (${relatedAreaIds(areaId!)})`)
			)
		);
	const countRow = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
	const total = Number(countRow.n);
	const rows = await base
		.select(LIST_COLUMNS)
		.orderBy(sql`case consultation.status when 'published' then 0 when 'closed' then 1 else 2 end`)
		.orderBy('consultation.published_at', (o) => o.desc().nullsLast())
		.orderBy('consultation.title')
		.limit(pageSize)
		.offset((page - 1) * pageSize)
		.execute();
	return {
		items: await toListItems(db, rows),
		total,
		page,
		pageSize,
		pageCount: Math.ceil(total / pageSize)
	};
}

/**
 * Public consultations (published or closed) touching an area: the area itself, any area above it
 * (a consultation for the whole Stadtteil concerns each Quartier in it) or any area below it
 * (a consultation for one Quartier concerns its Stadtteil). Drafts and archived ones are left out.
 */
export async function listConsultationsForArea(
	db: Kysely<DB>,
	areaId: string
): Promise<ConsultationListItem[]> {
	const rows = await db
		.selectFrom('consultation')
		.select(LIST_COLUMNS)
		.where('consultation.status', 'in', ['published', 'closed'])
		.where('consultation.id', 'in', (sub) =>
			sub
				.selectFrom('consultation_area')
				.select('consultation_area.consultation_id')
				.where(sql<boolean>`consultation_area.area_id in (${relatedAreaIds(areaId!)})`)
		)
		.orderBy(sql`case consultation.status when 'published' then 0 else 1 end`)
		.orderBy('consultation.published_at', (o) => o.desc().nullsLast())
		.limit(50)
		.execute();
	return toListItems(db, rows);
}

/** The stored image of a consultation (storage key and content type), if any. */
export async function getConsultationImage(
	db: Kysely<DB>,
	uploadId: string
): Promise<{ storageKey: string; contentType: string } | null> {
	const row = await db
		.selectFrom('upload')
		.select(['storage_key', 'content_type'])
		.where('id', '=', uploadId)
		.executeTakeFirst();
	return row ? { storageKey: row.storage_key, contentType: row.content_type } : null;
}

/** listConsultationsForArea for an area given by level and key (its newest version). */
export async function listConsultationsForAreaKey(
	db: Kysely<DB>,
	levelKey: string,
	key: string
): Promise<ConsultationListItem[]> {
	const areaId = await newestAreaId(db, levelKey, key);
	return areaId ? listConsultationsForArea(db, areaId) : [];
}

/** Drafts the actor may manage (shown to them above the public list); empty for everyone else. */
export async function listDraftsForActor(
	db: Kysely<DB>,
	actor: Actor | null
): Promise<{ id: string; slug: string; title: string }[]> {
	if (!actor || !actor.grants.some((g) => ['quarter_manager', 'planner', 'admin'].includes(g.role)))
		return [];
	const drafts = await db
		.selectFrom('consultation')
		.select(['id', 'slug', 'title', 'created_by'])
		.where('status', '=', 'draft')
		.orderBy('updated_at', 'desc')
		.limit(200)
		.execute();
	if (drafts.length === 0) return [];
	const links = await db
		.selectFrom('consultation_area')
		.select(['consultation_id', 'area_id'])
		.where(
			'consultation_id',
			'in',
			drafts.map((d) => d.id)
		)
		.execute();
	const ancestry = new Map(
		(
			await loadAreaAncestry(
				db,
				links.map((l) => l.area_id)
			)
		).map((a) => [a.id, a])
	);
	return drafts
		.filter((d) =>
			can(actor, 'consultation.manage', {
				consultationId: d.id,
				createdBy: d.created_by,
				areas: links
					.filter((l) => l.consultation_id === d.id && ancestry.has(l.area_id))
					.map((l) => ancestry.get(l.area_id)!)
			})
		)
		.map((d) => ({ id: d.id, slug: d.slug, title: d.title }));
}
