// Reads for user administration. Explicit column lists: never the password hash.
import { sql, type Kysely } from 'kysely';
import type { Role, ScopeType } from '../auth/actor';
import type { DB } from '../db/types';
import { USER_PAGE_SIZE } from './schemas';
import { pageOf } from '../core';

export interface UserListItem {
	id: string;
	email: string;
	displayName: string;
	emailVerified: boolean;
	blocked: boolean;
	createdAt: Date;
	roles: Role[];
}

export interface UserList {
	items: UserListItem[];
	total: number;
	page: number;
	pageCount: number;
	pageSize: number;
}

/** Escapes LIKE wildcards so a search for "50%" finds "50%", not everything. */
function likePattern(q: string): string {
	return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export async function listUsers(
	db: Kysely<DB>,
	query: { q?: string; page?: number; pageSize?: number } = {}
): Promise<UserList> {
	const pageSize = query.pageSize ?? USER_PAGE_SIZE;
	const q = query.q?.trim() ?? '';
	const base = db
		.selectFrom('app_user')
		.$if(q !== '', (qb) =>
			qb.where((eb) =>
				eb.or([
					eb(sql`lower(email)`, 'like', sql`lower(${likePattern(q)})`),
					eb(sql`lower(display_name)`, 'like', sql`lower(${likePattern(q)})`)
				])
			)
		);
	const { total } = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
	const { page, pageCount, offset } = pageOf(Number(total), query.page, pageSize);
	const rows = await base
		.select(['id', 'email', 'display_name', 'email_verified_at', 'blocked_at', 'created_at'])
		.orderBy(sql`lower(display_name)`)
		.orderBy(sql`lower(email)`)
		.limit(pageSize)
		.offset(offset)
		.execute();
	const ids = rows.map((r) => r.id);
	const grants = ids.length
		? await db
				.selectFrom('role_grant')
				.select(['user_id', 'role'])
				.distinct()
				.where('user_id', 'in', ids)
				.execute()
		: [];
	return {
		items: rows.map((r) => ({
			id: r.id,
			email: r.email,
			displayName: r.display_name,
			emailVerified: r.email_verified_at !== null,
			blocked: r.blocked_at !== null,
			createdAt: r.created_at,
			roles: grants.filter((g) => g.user_id === r.id).map((g) => g.role as Role)
		})),
		total: Number(total),
		page,
		pageCount,
		pageSize
	};
}

export interface UserGrant {
	id: string;
	role: Role;
	scopeType: ScopeType;
	scopeId: string | null;
	/** Area "Quartier Altstadt-Nord (Quartier)", organisation name; null for global grants */
	scopeName: string | null;
	scopeLevel: string | null;
	createdAt: Date;
	grantedBy: string | null;
}

export interface UserDetail {
	id: string;
	email: string;
	displayName: string;
	emailVerified: boolean;
	blockedAt: Date | null;
	createdAt: Date;
	isDemo: boolean;
	grants: UserGrant[];
}

export async function listUserGrants(db: Kysely<DB>, userId: string): Promise<UserGrant[]> {
	const rows = await db
		.selectFrom('role_grant as g')
		.leftJoin('area as a', (j) => j.onRef('a.id', '=', 'g.scope_id').on('g.scope_type', '=', 'area'))
		.leftJoin('area_level as l', 'l.id', 'a.level_id')
		.leftJoin('organisation as o', (j) =>
			j.onRef('o.id', '=', 'g.scope_id').on('g.scope_type', '=', 'organisation')
		)
		.leftJoin('app_user as by', 'by.id', 'g.granted_by')
		.select([
			'g.id',
			'g.role',
			'g.scope_type',
			'g.scope_id',
			'g.created_at',
			'a.name as area_name',
			'l.name as level_name',
			'o.name as organisation_name',
			'by.display_name as granted_by_name'
		])
		.where('g.user_id', '=', userId)
		.orderBy('g.created_at')
		.orderBy('g.role')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		role: r.role as Role,
		scopeType: r.scope_type as ScopeType,
		scopeId: r.scope_id,
		scopeName: r.area_name ?? r.organisation_name ?? null,
		scopeLevel: r.level_name ?? null,
		createdAt: r.created_at,
		grantedBy: r.granted_by_name ?? null
	}));
}

export async function getUser(db: Kysely<DB>, id: string): Promise<UserDetail | null> {
	const row = await db
		.selectFrom('app_user')
		.select(['id', 'email', 'display_name', 'email_verified_at', 'blocked_at', 'created_at', 'is_demo'])
		.where('id', '=', id)
		.executeTakeFirst();
	if (!row) return null;
	return {
		id: row.id,
		email: row.email,
		displayName: row.display_name,
		emailVerified: row.email_verified_at !== null,
		blockedAt: row.blocked_at,
		createdAt: row.created_at,
		isDemo: row.is_demo,
		grants: await listUserGrants(db, id)
	};
}

export interface ScopeOptions {
	areaGroups: { levelId: string; levelName: string; areas: { id: string; key: string; name: string }[] }[];
	organisations: { id: string; name: string }[];
}

/** What a grant can be scoped to: current areas grouped by level (top first), organisations. */
export async function listScopeOptions(db: Kysely<DB>): Promise<ScopeOptions> {
	const areas = await db
		.selectFrom('area as a')
		.innerJoin('area_level as l', 'l.id', 'a.level_id')
		.select(['a.id', 'a.key', 'a.name', 'l.id as level_id', 'l.name as level_name', 'l.rank'])
		.where('a.valid_to', 'is', null)
		.orderBy('l.rank')
		.orderBy('a.name')
		.orderBy('a.key')
		.execute();
	const groups = new Map<string, ScopeOptions['areaGroups'][number]>();
	for (const a of areas) {
		let group = groups.get(a.level_id);
		if (!group) {
			group = { levelId: a.level_id, levelName: a.level_name, areas: [] };
			groups.set(a.level_id, group);
		}
		group.areas.push({ id: a.id, key: a.key, name: a.name });
	}
	const organisations = await db.selectFrom('organisation').select(['id', 'name']).orderBy('name').execute();
	return { areaGroups: [...groups.values()], organisations };
}

/** Users holding a global admin grant who are not blocked. */
export async function countActiveAdmins(db: Kysely<DB>, exceptUserId?: string): Promise<number> {
	const row = await db
		.selectFrom('role_grant as g')
		.innerJoin('app_user as u', 'u.id', 'g.user_id')
		.select((eb) => eb.fn.count<number>('g.user_id').distinct().as('n'))
		.where('g.role', '=', 'admin')
		.where('g.scope_type', '=', 'global')
		.where('u.blocked_at', 'is', null)
		.$if(exceptUserId !== undefined, (qb) => qb.where('g.user_id', '!=', exceptUserId!))
		.executeTakeFirstOrThrow();
	return Number(row.n);
}
