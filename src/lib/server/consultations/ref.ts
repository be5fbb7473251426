// ConsultationRef: the one shape every module's command and route gets of a consultation — settings,
// categories, areas with their ancestry (so permission checks need no further reads) — loaded once
// per request (consultationRef memoises per request context).
import { sql, type Kysely } from 'kysely';
import type { Actor } from '../auth/actor';
import { can } from '../auth/permissions';
import { consultationAreasJson, type LabelledAreaRef } from '../areas';
import type { CommandContext } from '../core';
import type { DB } from '../db/types';
import type { ConsultationSubject } from './permissions';

export const CONSULTATION_STATUSES = ['draft', 'published', 'closed', 'archived'] as const;
export type ConsultationStatus = (typeof CONSULTATION_STATUSES)[number];

/** An area of the consultation with its label and the ids of every area above it (parent first). */
export type ConsultationAreaRef = LabelledAreaRef;

export interface ConsultationCategoryRow {
	id: string;
	name: string;
	position: number;
}

export interface ConsultationRef {
	id: string;
	slug: string;
	title: string;
	status: ConsultationStatus;
	startsAt: Date | null;
	endsAt: Date | null;
	allowAnonymous: boolean;
	preModeration: boolean;
	/** Posting, replying and supporting need a confirmed e-mail address. */
	requireConfirmedEmail: boolean;
	autoHideAfterReports: number;
	modules: string[];
	createdBy: string | null;
	categories: ConsultationCategoryRow[];
	areas: ConsultationAreaRef[];
	areaIds: string[];
	/** Ready-made subject for can(actor, 'consultation.manage' | 'consultation.moderate' | …, subject). */
	subject: ConsultationSubject;
}

export async function loadConsultationRef(
	db: Kysely<DB>,
	by: { slug: string } | { id: string }
): Promise<ConsultationRef | null> {
	let query = db.selectFrom('consultation').select([
		'id',
		'slug',
		'title',
		'status',
		'starts_at',
		'ends_at',
		'allow_anonymous',
		'pre_moderation',
		'require_confirmed_email',
		'auto_hide_after_reports',
		'modules',
		'created_by',
		// categories and areas (labels, ancestry) in the same round trip
		sql<ConsultationCategoryRow[]>`coalesce((
				select json_agg(json_build_object('id', cc.id, 'name', cc.name, 'position', cc.position)
					order by cc.position)
				from qk.consultation_category cc where cc.consultation_id = consultation.id), '[]'::json)`.as('categories'),
		consultationAreasJson().as('areas')
	]);
	query = 'slug' in by ? query.where('slug', '=', by.slug) : query.where('id', '=', by.id);
	const row = await query.executeTakeFirst();
	if (!row) return null;
	const categories = row.categories;
	const areas: ConsultationAreaRef[] = row.areas;
	return {
		id: row.id,
		slug: row.slug,
		title: row.title,
		status: row.status as ConsultationStatus,
		startsAt: row.starts_at ? new Date(row.starts_at) : null,
		endsAt: row.ends_at ? new Date(row.ends_at) : null,
		allowAnonymous: row.allow_anonymous,
		preModeration: row.pre_moderation,
		requireConfirmedEmail: row.require_confirmed_email,
		autoHideAfterReports: row.auto_hide_after_reports,
		modules: row.modules,
		createdBy: row.created_by,
		categories,
		areas,
		areaIds: areas.map((a) => a.id),
		subject: {
			consultationId: row.id,
			areas: areas.map((a) => ({ id: a.id, ancestorIds: a.ancestorIds })),
			createdBy: row.created_by
		}
	};
}

// Per request: the context object is the key, so nothing outlives the request (no shared state).
const perRequest = new WeakMap<object, Map<string, Promise<ConsultationRef | null>>>();

/** loadConsultationRef, at most once per request and consultation. */
export function consultationRef(
	ctx: Pick<CommandContext, 'db'>,
	by: { slug: string } | { id: string }
): Promise<ConsultationRef | null> {
	let cache = perRequest.get(ctx);
	if (!cache) perRequest.set(ctx, (cache = new Map()));
	const key = 'slug' in by ? `slug:${by.slug}` : `id:${by.id}`;
	let loaded = cache.get(key);
	if (!loaded) {
		loaded = loadConsultationRef(ctx.db, by);
		cache.set(key, loaded);
		// The same consultation under its other key, once known.
		void loaded.then((ref) => {
			if (ref) cache.set('slug' in by ? `id:${ref.id}` : `slug:${ref.slug}`, loaded!);
		});
	}
	return loaded;
}

/** Visible to the public: published, closed (read-only, with its results) or archived. */
export function isPublic(c: Pick<ConsultationRef, 'status'>): boolean {
	return c.status !== 'draft';
}

/** Open for contributions: published, started and not ended. */
export function isOpen(c: Pick<ConsultationRef, 'status' | 'startsAt' | 'endsAt'>, now: Date): boolean {
	if (c.status !== 'published') return false;
	if (c.startsAt && c.startsAt > now) return false;
	if (c.endsAt && c.endsAt <= now) return false;
	return true;
}

export function mayManage(actor: Actor | null, c: Pick<ConsultationRef, 'subject'>): boolean {
	return !!actor && can(actor, 'consultation.manage', c.subject);
}

export function mayModerate(actor: Actor | null, c: Pick<ConsultationRef, 'subject'>): boolean {
	return !!actor && can(actor, 'consultation.moderate', c.subject);
}
