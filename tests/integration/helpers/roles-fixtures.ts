// Small fixtures for the roles/users/pages suites: accounts, an area hierarchy, actors with real grants.
import type { Kysely } from 'kysely';
import { loadGrants, type Actor, type Role } from '../../../src/lib/server/auth/actor';
import type { DB } from '../../../src/lib/server/db/types';

let seq = 0;

export async function insertUser(
	db: Kysely<DB>,
	opts: { email?: string; name?: string; roles?: Role[]; createdAt?: Date } = {}
): Promise<string> {
	seq++;
	const email = opts.email ?? `person${seq}-${Math.random().toString(36).slice(2, 8)}@example.org`;
	const user = await db
		.insertInto('app_user')
		.values({
			email,
			display_name: opts.name ?? `Person ${seq}`,
			email_verified_at: new Date(),
			// An established account by default (fresh ones' reports do not count toward auto-hide).
			created_at: opts.createdAt ?? new Date(Date.now() - 30 * 24 * 60 * 60 * 1000)
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	for (const role of opts.roles ?? [])
		await db
			.insertInto('role_grant')
			.values({ user_id: user.id, role, scope_type: 'global', scope_id: null })
			.execute();
	return user.id;
}

export async function actorFor(db: Kysely<DB>, userId: string): Promise<Actor> {
	const u = await db
		.selectFrom('app_user')
		.select(['id', 'email', 'display_name', 'email_verified_at', 'locale'])
		.where('id', '=', userId)
		.executeTakeFirstOrThrow();
	return {
		id: u.id,
		email: u.email,
		displayName: u.display_name,
		emailVerified: u.email_verified_at !== null,
		locale: u.locale,
		grants: await loadGrants(db, userId)
	};
}

export interface AreaTree {
	city: string;
	nord: string;
	altstadt: string;
	quartierA: string;
	quartierB: string;
	sued: string;
	hafen: string;
	quartierC: string;
}

/** city ⊃ Bezirk Nord ⊃ Stadtteil Altstadt ⊃ Quartier A, B; city ⊃ Bezirk Süd ⊃ Stadtteil Hafen ⊃ Quartier C */
export async function insertAreaTree(db: Kysely<DB>, prefix = 't'): Promise<AreaTree> {
	const levels: Record<string, string> = {};
	for (const [rank, key, name] of [
		[0, 'stadt', 'Stadt'],
		[1, 'bezirk', 'Stadtbezirk'],
		[2, 'stadtteil', 'Stadtteil'],
		[3, 'quartier', 'Quartier']
	] as const) {
		const row = await db
			.insertInto('area_level')
			.values({ key: `${prefix}-${key}`, name, rank: rank + 10 * (prefix.charCodeAt(0) % 10) + 100 })
			.returning('id')
			.executeTakeFirstOrThrow();
		levels[key] = row.id;
	}
	const add = async (level: string, key: string, name: string, parent: string | null) =>
		(
			await db
				.insertInto('area')
				.values({ level_id: levels[level], key: `${prefix}-${key}`, name, parent_id: parent })
				.returning('id')
				.executeTakeFirstOrThrow()
		).id;
	const city = await add('stadt', '0', 'Musterstadt', null);
	const nord = await add('bezirk', '1', 'Nord', city);
	const altstadt = await add('stadtteil', '11', 'Altstadt', nord);
	const quartierA = await add('quartier', '111', 'Quartier A', altstadt);
	const quartierB = await add('quartier', '112', 'Quartier B', altstadt);
	const sued = await add('bezirk', '2', 'Süd', city);
	const hafen = await add('stadtteil', '21', 'Hafen', sued);
	const quartierC = await add('quartier', '211', 'Quartier C', hafen);
	return { city, nord, altstadt, quartierA, quartierB, sued, hafen, quartierC };
}
