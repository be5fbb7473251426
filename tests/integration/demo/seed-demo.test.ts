import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { geometryBbox, fromPostgresBox } from '../../../src/lib/geo';
import { loadGrants } from '../../../src/lib/server/auth/actor';
import { verifyPassword } from '../../../src/lib/server/auth/password';
import { createSession } from '../../../src/lib/server/auth/session';
import type { Database } from '../../../src/lib/server/db/connection';
import {
	DEMO_ACCOUNTS,
	DEMO_ORGANISATION_NAME,
	DEMO_PASSWORD,
	DemoSeedError,
	removeDemo,
	seedDemo,
	seedDemoIfEmpty
} from '../../../src/lib/server/demo';
import { describeEachDatabase } from '../helpers/db';

async function counts(database: Database) {
	const { rows } = await sql<Record<string, number>>`
		select
			(select count(*)::int from qk.area_level where is_demo) as levels,
			(select count(*)::int from qk.area where is_demo) as areas,
			(select count(*)::int from qk.organisation where is_demo) as organisations,
			(select count(*)::int from qk.app_user where is_demo) as users,
			(select count(*)::int from qk.role_grant g join qk.app_user u on u.id = g.user_id where u.is_demo) as grants
	`.execute(database.db);
	return rows[0];
}

describeEachDatabase('demo city seeding', (get) => {
	it('seedDemoIfEmpty loads Musterstadt into an empty database in one go', async () => {
		// Its duration is measured by the benchmark (bench/contributions-map.bench.ts), not here.
		expect(await seedDemoIfEmpty(get())).toBe(true);
		expect(await counts(get())).toEqual({ levels: 4, areas: 42, organisations: 1, users: 6, grants: 6 });
	});

	it('stores the hierarchy with the whole city as root, text keys, summed populations and both geometries', async () => {
		const { db } = get();
		const areas = await db
			.selectFrom('area')
			.innerJoin('area_level', 'area_level.id', 'area.level_id')
			.select([
				'area.id',
				'area.key',
				'area.name',
				'area.parent_id',
				'area.population',
				'area.population_year',
				'area.valid_from',
				'area.geometry',
				'area.geometry_original',
				'area.bbox',
				'area_level.key as level',
				'area_level.rank'
			])
			.execute();
		const root = areas.filter((a) => a.parent_id === null);
		expect(root).toHaveLength(1);
		expect(root[0]).toMatchObject({ name: 'Musterstadt', level: 'stadt', rank: 0 });
		expect(areas.filter((a) => a.rank === 3).map((a) => a.key)).toContain('010101');
		for (const a of areas) {
			expect(a.population_year).toBe(2025);
			expect(a.valid_from).toBe('2025-01-01');
			expect(a.geometry).toEqual(a.geometry_original);
			expect(fromPostgresBox(String(a.bbox))).toEqual(geometryBbox(a.geometry as never));
			const children = areas.filter((c) => c.parent_id === a.id);
			if (children.length > 0) expect(children.reduce((s, c) => s + c.population!, 0)).toBe(a.population);
			if (a.parent_id) expect(areas.find((p) => p.id === a.parent_id)!.rank).toBe(a.rank - 1);
		}
	});

	it('creates verified demo accounts that log in with the demo password and hold the right grants', async () => {
		const { db } = get();
		const organisation = await db
			.selectFrom('organisation')
			.select('id')
			.where('name', '=', DEMO_ORGANISATION_NAME)
			.executeTakeFirstOrThrow();
		const altstadt = await db
			.selectFrom('area')
			.innerJoin('area_level', 'area_level.id', 'area.level_id')
			.select('area.id')
			.where('area_level.key', '=', 'stadtteil')
			.where('area.name', '=', 'Altstadt')
			.executeTakeFirstOrThrow();
		for (const account of DEMO_ACCOUNTS) {
			const user = await db
				.selectFrom('app_user')
				.select(['id', 'password_hash', 'email_verified_at', 'is_demo'])
				.where('email', '=', account.email)
				.executeTakeFirstOrThrow();
			expect(user.is_demo).toBe(true);
			expect(user.email_verified_at).not.toBeNull();
			expect(await verifyPassword(user.password_hash, DEMO_PASSWORD)).toBe(true);
			expect(await verifyPassword(user.password_hash, 'falsches-Passwort')).toBe(false);
			const grants = await loadGrants(db, user.id);
			const expectedScope =
				account.scopeType === 'area'
					? altstadt.id
					: account.scopeType === 'organisation'
						? organisation.id
						: null;
			expect(grants.map(({ role, scopeType, scopeId }) => ({ role, scopeType, scopeId }))).toEqual([
				{ role: account.role, scopeType: account.scopeType, scopeId: expectedScope }
			]);
		}
		const roles = DEMO_ACCOUNTS.map((a) => [a.email, a.role]);
		expect(roles).toEqual([
			['admin@musterstadt.example', 'admin'],
			['planung@musterstadt.example', 'planner'],
			['quartier@musterstadt.example', 'quarter_manager'],
			['moderation@musterstadt.example', 'moderator'],
			['traeger@musterstadt.example', 'organisation_member'],
			['bewohner@musterstadt.example', 'resident']
		]);
	});

	it('seedDemoIfEmpty leaves a database with areas alone; seedDemo reloads the demo without duplicates', async () => {
		const before = await get()
			.db.selectFrom('area')
			.select(['id', 'key'])
			.where('key', '=', '0101')
			.executeTakeFirstOrThrow();
		expect(await seedDemoIfEmpty(get())).toBe(false);
		expect(await counts(get())).toEqual({ levels: 4, areas: 42, organisations: 1, users: 6, grants: 6 });
		expect(await seedDemo(get())).toEqual({ areas: 42, users: 6 });
		expect(await counts(get())).toEqual({ levels: 4, areas: 42, organisations: 1, users: 6, grants: 6 });
		const after = await get()
			.db.selectFrom('area')
			.select(['id', 'key'])
			.where('key', '=', '0101')
			.executeTakeFirstOrThrow();
		expect(after.id).not.toBe(before.id);
	});

	it('removeDemo deletes every demo row (sessions and grants included) and keeps everything else', async () => {
		const { db } = get();
		const altstadt = await db
			.selectFrom('area')
			.select('id')
			.where('name', '=', 'Altstadt')
			.executeTakeFirstOrThrow();
		const own = await db
			.insertInto('app_user')
			.values({ email: 'echt@example.org', display_name: 'Echte Person' })
			.returning('id')
			.executeTakeFirstOrThrow();
		await db.insertInto('organisation').values({ name: 'Echter Träger' }).execute();
		await db
			.insertInto('role_grant')
			.values([
				{ user_id: own.id, role: 'resident', scope_type: 'global' },
				{ user_id: own.id, role: 'quarter_manager', scope_type: 'area', scope_id: altstadt.id }
			])
			.execute();
		const admin = await db
			.selectFrom('app_user')
			.select('id')
			.where('email', '=', 'admin@musterstadt.example')
			.executeTakeFirstOrThrow();
		await createSession(db, admin.id);

		await removeDemo(get());

		expect(await counts(get())).toEqual({ levels: 0, areas: 0, organisations: 0, users: 0, grants: 0 });
		expect(await db.selectFrom('area').select('id').execute()).toEqual([]);
		expect(await db.selectFrom('session').select('id').where('user_id', '=', admin.id).execute()).toEqual([]);
		expect((await db.selectFrom('app_user').select('email').execute()).map((u) => u.email)).toEqual([
			'echt@example.org'
		]);
		expect((await db.selectFrom('organisation').select('name').execute()).map((o) => o.name)).toEqual([
			'Echter Träger'
		]);
		// The grant scoped to a deleted demo area goes; the global one stays.
		expect(await loadGrants(db, own.id)).toEqual([
			expect.objectContaining({ role: 'resident', scopeType: 'global' })
		]);
		await removeDemo(get()); // nothing left to remove: no error
	});

	it('refuses to mix the demo into an installation with its own areas', async () => {
		const { db } = get();
		const level = await db
			.insertInto('area_level')
			.values({ key: 'gemeinde', name: 'Gemeinde', rank: 7 })
			.returning('id')
			.executeTakeFirstOrThrow();
		await db.insertInto('area').values({ level_id: level.id, key: '001', name: 'Echtdorf' }).execute();
		expect(await seedDemoIfEmpty(get())).toBe(false);
		await expect(seedDemo(get())).rejects.toThrow(DemoSeedError);
		await expect(seedDemo(get())).rejects.toMatchObject({ code: 'areas_exist' });
		expect(await counts(get())).toEqual({ levels: 0, areas: 0, organisations: 0, users: 0, grants: 0 });
		expect(await db.selectFrom('area').select('name').execute()).toEqual([{ name: 'Echtdorf' }]);
	});
});
