// "Meine Daten herunterladen": everything stored about a person, as JSON (DSGVO Art. 15/20) — the
// core's sections below plus every registered module's. Never password hashes, token hashes or
// session ids. Every column referencing app_user must be named by some section's `tables`
// (tests/integration/auth/personal-data-coverage.test.ts fails otherwise).
import type { Kysely } from 'kysely';
import type { DB } from '../db/types';
import type { PersonalDataSection } from './component';
import { registry as appRegistry, type Registry } from './registry';
import { THEME_PERSONAL_TABLES, themeStaffWork } from '../themes/personal-data';
import { reportPersonalData } from '../reports/personal-data';

export type { PersonalDataSection };

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** Covered by the profile, roles and sessions parts of the export itself. */
export const PROFILE_TABLES = ['role_grant.user_id', 'session.user_id', 'auth_token.user_id'];

/** What the core stores about a person: activity, uploads, moderation, staff work. */
export const CORE_SECTIONS: PersonalDataSection[] = [
	{
		key: 'activity',
		tables: ['audit_log.actor_id'],
		async collect(db, userId) {
			const rows = await db
				.selectFrom('audit_log')
				.select(['action', 'created_at'])
				.where('actor_id', '=', userId)
				.orderBy('created_at')
				.execute();
			return rows.map((r) => ({ action: r.action, at: r.created_at.toISOString() }));
		}
	},
	{
		key: 'uploads',
		tables: ['upload.owner_id'],
		async collect(db, userId) {
			const rows = await db
				.selectFrom('upload')
				.select(['content_type', 'size_bytes', 'created_at'])
				.where('owner_id', '=', userId)
				.orderBy('created_at')
				.execute();
			return rows.map((r) => ({
				contentType: r.content_type,
				sizeBytes: r.size_bytes,
				createdAt: r.created_at.toISOString()
			}));
		}
	},
	{
		key: 'reports',
		tables: ['moderation_report.reporter_id'],
		async collect(db, userId) {
			const rows = await db
				.selectFrom('moderation_report')
				.select(['item_type', 'item_id', 'reason', 'created_at', 'resolved_at'])
				.where('reporter_id', '=', userId)
				.orderBy('created_at')
				.execute();
			return rows.map((r) => ({
				itemType: r.item_type,
				itemId: r.item_id,
				reason: r.reason,
				createdAt: iso(r.created_at),
				resolvedAt: iso(r.resolved_at)
			}));
		}
	},
	{
		key: 'moderation',
		tables: [
			'moderation_log.actor_id',
			'moderation_log.target_user_id',
			'consultation_block.user_id',
			'consultation_block.blocked_by'
		],
		async collect(db, userId) {
			const [log, blocks] = await Promise.all([
				db
					.selectFrom('moderation_log')
					.select(['action', 'item_type', 'item_id', 'reason', 'created_at', 'actor_id'])
					.where((eb) => eb.or([eb('actor_id', '=', userId), eb('target_user_id', '=', userId)]))
					.orderBy('created_at')
					.execute(),
				db
					.selectFrom('consultation_block')
					.select(['consultation_id', 'user_id', 'reason', 'created_at'])
					.where((eb) => eb.or([eb('user_id', '=', userId), eb('blocked_by', '=', userId)]))
					.orderBy('created_at')
					.execute()
			]);
			return {
				// Who else acted is not the person's data: only whether it was them.
				actions: log.map((r) => ({
					action: r.action,
					itemType: r.item_type,
					itemId: r.item_id,
					reason: r.reason,
					byMe: r.actor_id === userId,
					at: iso(r.created_at)
				})),
				blocks: blocks.map((b) => ({
					consultationId: b.consultation_id,
					blockedMe: b.user_id === userId,
					reason: b.reason,
					at: iso(b.created_at)
				}))
			};
		}
	},
	{
		key: 'notifications',
		tables: ['notification.user_id'],
		async collect(db, userId) {
			const rows = await db
				.selectFrom('notification')
				.select(['item_type', 'item_id', 'message_key', 'params', 'path', 'created_at', 'read_at'])
				.where('user_id', '=', userId)
				.orderBy('created_at')
				.execute();
			return rows.map((r) => ({
				itemType: r.item_type,
				itemId: r.item_id,
				message: r.message_key,
				params: r.params,
				path: r.path,
				createdAt: iso(r.created_at),
				readAt: iso(r.read_at)
			}));
		}
	},
	{
		key: 'responsesGiven',
		tables: ['outcome_response.responder_id', 'consultation_result.updated_by'],
		async collect(db, userId) {
			const [responses, results] = await Promise.all([
				db
					.selectFrom('outcome_response')
					.select([
						'item_type',
						'item_id',
						'status',
						'response_text',
						'next_steps',
						'responder_name',
						'created_at'
					])
					.where('responder_id', '=', userId)
					.orderBy('created_at')
					.execute(),
				db
					.selectFrom('consultation_result')
					.select(['consultation_id', 'updated_at'])
					.where('updated_by', '=', userId)
					.execute()
			]);
			return {
				responses: responses.map((r) => ({
					itemType: r.item_type,
					itemId: r.item_id,
					status: r.status,
					text: r.response_text,
					nextSteps: r.next_steps,
					signedAs: r.responder_name,
					at: iso(r.created_at)
				})),
				consultationResultsEdited: results.map((r) => ({
					consultationId: r.consultation_id,
					at: iso(r.updated_at)
				}))
			};
		}
	},
	{
		key: 'staffWork',
		tables: [
			'role_grant.granted_by',
			'page_text.updated_by',
			'import_run.created_by',
			'consultation.created_by',
			...THEME_PERSONAL_TABLES
		],
		async collect(db, userId) {
			const [grants, pages, imports, consultations, themes] = await Promise.all([
				db.selectFrom('role_grant').select(['role', 'created_at']).where('granted_by', '=', userId).execute(),
				db
					.selectFrom('page_text')
					.select(['slug', 'locale', 'updated_at'])
					.where('updated_by', '=', userId)
					.execute(),
				db
					.selectFrom('import_run')
					.select(['kind', 'file_name', 'created_at'])
					.where('created_by', '=', userId)
					.execute(),
				db
					.selectFrom('consultation')
					.select(['slug', 'title', 'created_at'])
					.where('created_by', '=', userId)
					.execute(),
				themeStaffWork(db, userId)
			]);
			return {
				themes,
				grantsGiven: grants.map((g) => ({ role: g.role, at: iso(g.created_at) })),
				pagesEdited: pages.map((p) => ({ slug: p.slug, locale: p.locale, at: iso(p.updated_at) })),
				imports: imports.map((i) => ({ kind: i.kind, fileName: i.file_name, at: iso(i.created_at) })),
				consultationsCreated: consultations.map((c) => ({
					slug: c.slug,
					title: c.title,
					at: iso(c.created_at)
				}))
			};
		}
	},
	reportPersonalData
];

/** The core's sections and every module's, in registry order. */
export async function personalDataSections(registry: Registry = appRegistry): Promise<PersonalDataSection[]> {
	const modules = await registry.hooks();
	return [...CORE_SECTIONS, ...modules.flatMap(({ hooks }) => hooks.personalData ?? [])];
}

export const PERSONAL_DATA_FORMAT = 'quartierskompass.personal-data';
export const PERSONAL_DATA_VERSION = 1;

export async function exportPersonalData(
	db: Kysely<DB>,
	userId: string,
	now: Date,
	registry: Registry = appRegistry
): Promise<Record<string, unknown> | null> {
	const sections = await personalDataSections(registry);
	const user = await db
		.selectFrom('app_user')
		.select(['email', 'display_name', 'locale', 'email_verified_at', 'password_changed_at', 'created_at'])
		.where('id', '=', userId)
		.executeTakeFirst();
	if (!user) return null;
	const grants = await db
		.selectFrom('role_grant')
		.select(['role', 'scope_type', 'scope_id', 'created_at'])
		.where('user_id', '=', userId)
		.orderBy('created_at')
		.execute();
	const sessions = await db
		.selectFrom('session')
		.select(['created_at', 'expires_at'])
		.where('user_id', '=', userId)
		.orderBy('created_at')
		.execute();
	const collected: Record<string, unknown> = {};
	for (const section of sections) collected[section.key] = await section.collect(db, userId);
	return {
		format: PERSONAL_DATA_FORMAT,
		version: PERSONAL_DATA_VERSION,
		exportedAt: now.toISOString(),
		profile: {
			email: user.email,
			displayName: user.display_name,
			language: user.locale,
			emailVerifiedAt: user.email_verified_at?.toISOString() ?? null,
			passwordChangedAt: user.password_changed_at?.toISOString() ?? null,
			createdAt: user.created_at.toISOString()
		},
		roles: grants.map((g) => ({
			role: g.role,
			scopeType: g.scope_type,
			scopeId: g.scope_id,
			grantedAt: g.created_at.toISOString()
		})),
		sessions: sessions.map((s) => ({
			createdAt: s.created_at.toISOString(),
			expiresAt: s.expires_at.toISOString()
		})),
		sections: collected
	};
}
