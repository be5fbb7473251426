// The consultation facts contribution commands depend on. A small private query (the consultations
// module owns the consultation pages and commands).
import type { Kysely } from 'kysely';
import type { Actor } from '../auth/actor';
import { loadAreaAncestry } from '../auth/area-ancestry';
import { can } from '../auth/permissions';
import type { DB } from '../db/types';

export interface ConsultationFacts {
	id: string;
	slug: string;
	title: string;
	status: string;
	startsAt: Date | null;
	endsAt: Date | null;
	allowAnonymous: boolean;
	preModeration: boolean;
	autoHideAfterReports: number;
	modules: string[];
	categories: { id: string; name: string }[];
	areaIds: string[];
	createdBy: string | null;
}

export async function loadConsultationFacts(
	db: Kysely<DB>,
	by: { slug: string } | { id: string }
): Promise<ConsultationFacts | null> {
	let query = db
		.selectFrom('consultation')
		.select([
			'id',
			'slug',
			'title',
			'status',
			'starts_at',
			'ends_at',
			'allow_anonymous',
			'pre_moderation',
			'auto_hide_after_reports',
			'modules',
			'created_by'
		]);
	query = 'slug' in by ? query.where('slug', '=', by.slug) : query.where('id', '=', by.id);
	const row = await query.executeTakeFirst();
	if (!row) return null;
	const [categories, areas] = await Promise.all([
		db
			.selectFrom('consultation_category')
			.select(['id', 'name'])
			.where('consultation_id', '=', row.id)
			.orderBy('position')
			.execute(),
		db.selectFrom('consultation_area').select('area_id').where('consultation_id', '=', row.id).execute()
	]);
	return {
		id: row.id,
		slug: row.slug,
		title: row.title,
		status: row.status,
		startsAt: row.starts_at ? new Date(row.starts_at) : null,
		endsAt: row.ends_at ? new Date(row.ends_at) : null,
		allowAnonymous: row.allow_anonymous,
		preModeration: row.pre_moderation,
		autoHideAfterReports: row.auto_hide_after_reports,
		modules: row.modules,
		categories,
		areaIds: areas.map((a) => a.area_id),
		createdBy: row.created_by
	};
}

/** Visible to the public: published, closed (read-only, with its results) or archived. */
export function isPublic(c: ConsultationFacts): boolean {
	return c.status !== 'draft';
}

/** Open for contributions: published, started and not ended. */
export function isOpen(c: ConsultationFacts, now: Date): boolean {
	if (c.status !== 'published') return false;
	if (c.startsAt && c.startsAt > now) return false;
	if (c.endsAt && c.endsAt <= now) return false;
	return true;
}

async function subject(db: Kysely<DB>, c: ConsultationFacts) {
	return { consultationId: c.id, areas: await loadAreaAncestry(db, c.areaIds), createdBy: c.createdBy };
}

export async function canManage(db: Kysely<DB>, actor: Actor | null, c: ConsultationFacts): Promise<boolean> {
	if (!actor) return false;
	return can(actor, 'consultation.manage', await subject(db, c));
}

export async function canModerate(
	db: Kysely<DB>,
	actor: Actor | null,
	c: ConsultationFacts
): Promise<boolean> {
	if (!actor) return false;
	return can(actor, 'consultation.moderate', await subject(db, c));
}

/** Blocked from writing in this consultation by a moderator (see moderation.ts). */
export async function isBlockedIn(db: Kysely<DB>, consultationId: string, userId: string): Promise<boolean> {
	const row = await db
		.selectFrom('consultation_block')
		.select('user_id')
		.where('consultation_id', '=', consultationId)
		.where('user_id', '=', userId)
		.executeTakeFirst();
	return !!row;
}
