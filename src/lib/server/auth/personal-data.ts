// "Meine Daten herunterladen": everything stored about a person, as JSON (DSGVO Art. 15/20).
// Never password hashes, token hashes or session ids. Later features add a section to SECTIONS.
import type { Kysely } from 'kysely';
import type { DB } from '../db/types';

export interface PersonalDataSection {
	/** Key in the export's `sections` object, e.g. 'contributions'. */
	key: string;
	collect(db: Kysely<DB>, userId: string): Promise<unknown>;
}

/** Features register what they store about a person here (contributions, survey answers …). */
export const SECTIONS: PersonalDataSection[] = [
	{
		key: 'activity',
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
	}
];

export const PERSONAL_DATA_FORMAT = 'quartierskompass.personal-data';
export const PERSONAL_DATA_VERSION = 1;

export async function exportPersonalData(
	db: Kysely<DB>,
	userId: string,
	now: Date,
	sections: PersonalDataSection[] = SECTIONS
): Promise<Record<string, unknown> | null> {
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
