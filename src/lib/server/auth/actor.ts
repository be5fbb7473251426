// Who is acting: the signed-in user and their role grants (loaded once per request).
import type { Kysely } from 'kysely';
import type { DB } from '../db/types';
import type { SessionUser } from './session';

export const ROLES = [
	'resident',
	'organisation_member',
	'quarter_manager',
	'planner',
	'moderator',
	'admin'
] as const;
export type Role = (typeof ROLES)[number];

export const SCOPE_TYPES = ['global', 'area', 'consultation', 'organisation'] as const;
export type ScopeType = (typeof SCOPE_TYPES)[number];

export interface Grant {
	id: string;
	role: Role;
	scopeType: ScopeType;
	/** null for global grants */
	scopeId: string | null;
}

export interface Actor extends SessionUser {
	grants: Grant[];
	/** The operator at the server's shell (qk CLI): see SYSTEM_ACTOR in core/context.ts. */
	system?: boolean;
}

export async function loadGrants(db: Kysely<DB>, userId: string): Promise<Grant[]> {
	const rows = await db
		.selectFrom('role_grant')
		.select(['id', 'role', 'scope_type', 'scope_id'])
		.where('user_id', '=', userId)
		.orderBy('created_at')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		role: r.role as Role,
		scopeType: r.scope_type as ScopeType,
		scopeId: r.scope_id
	}));
}
