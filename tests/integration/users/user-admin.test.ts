import { expect, it } from 'vitest';
import type { Actor } from '../../../src/lib/server/auth/actor';
import { verifyPassword } from '../../../src/lib/server/auth/password';
import { createSession, validateSessionToken } from '../../../src/lib/server/auth/session';
import {
	blockUser,
	countActiveAdmins,
	createUser,
	getUser,
	grantRole,
	listScopeOptions,
	listUsers,
	revokeGrant,
	unblockUser
} from '../../../src/lib/server/users';
import { SYSTEM_ACTOR, type CommandContext } from '../../../src/lib/server/core';
import { describeEachDatabase } from '../helpers/db';
import { actorFor, insertAreaTree, insertUser, type AreaTree } from '../helpers/roles-fixtures';

describeEachDatabase('user administration', (get) => {
	let admin: Actor;
	let tree: AreaTree;
	const now = new Date('2026-11-23T10:00:00Z');
	const ctx = (actor: Actor | null): CommandContext => ({ db: get().db, actor, now });
	const auditRows = (action: string, subjectId: string) =>
		get()
			.db.selectFrom('audit_log')
			.select(['actor_id', 'action', 'subject_type', 'subject_id', 'details'])
			.where('action', '=', action)
			.where('subject_id', '=', subjectId)
			.execute();

	it('setup: one admin and an area hierarchy', async () => {
		const { db } = get();
		admin = await actorFor(
			db,
			await insertUser(db, { email: 'chefin@example.org', name: 'Chefin', roles: ['admin'] })
		);
		tree = await insertAreaTree(db);
		expect(await countActiveAdmins(db)).toBe(1);
	});

	it('listUsers searches name and e-mail case-insensitively and paginates', async () => {
		const { db } = get();
		for (let i = 1; i <= 7; i++)
			await insertUser(db, { email: `suche-${i}@beispiel.de`, name: `Zora Suchbar ${i}` });
		await insertUser(db, { email: 'percent@beispiel.de', name: 'Rabatt 50% Person' });

		const byName = await listUsers(db, { q: 'SUCHBAR', pageSize: 3 });
		expect(byName.total).toBe(7);
		expect(byName.pageCount).toBe(3);
		expect(byName.items.map((u) => u.displayName)).toEqual([
			'Zora Suchbar 1',
			'Zora Suchbar 2',
			'Zora Suchbar 3'
		]);
		const last = await listUsers(db, { q: 'suchbar', page: 3, pageSize: 3 });
		expect(last.items.map((u) => u.email)).toEqual(['suche-7@beispiel.de']);
		// A page past the end shows the last page.
		expect((await listUsers(db, { q: 'suchbar', page: 99, pageSize: 3 })).page).toBe(3);

		const byMail = await listUsers(db, { q: 'chefin@EXAMPLE' });
		expect(byMail.items).toHaveLength(1);
		expect(byMail.items[0]).toMatchObject({ displayName: 'Chefin', roles: ['admin'], blocked: false });

		// LIKE wildcards are searched literally.
		expect((await listUsers(db, { q: '50%' })).items.map((u) => u.displayName)).toEqual([
			'Rabatt 50% Person'
		]);
		expect((await listUsers(db, { q: '_' })).total).toBe(0);
		expect((await listUsers(db, { q: 'gibt es nicht' })).items).toEqual([]);
	});

	it('grantRole gives a quarter manager several areas (one row each) and writes an audit row', async () => {
		const { db } = get();
		const qm = await insertUser(db, { name: 'Quirin Quartier' });
		const result = await grantRole(ctx(admin), {
			userId: qm,
			role: 'quarter_manager',
			scopeType: 'area',
			scopeIds: [tree.quartierA, tree.hafen]
		});
		expect(result.ok).toBe(true);
		const user = await getUser(db, qm);
		expect(
			user?.grants.map((g) => [g.role, g.scopeType, g.scopeName, g.scopeLevel, g.grantedBy]).sort()
		).toEqual([
			['quarter_manager', 'area', 'Hafen', 'Stadtteil', 'Chefin'],
			['quarter_manager', 'area', 'Quartier A', 'Quartier', 'Chefin']
		]);
		const audit = await auditRows('user.role.grant', qm);
		expect(audit).toHaveLength(1);
		expect(audit[0]).toMatchObject({ actor_id: admin.id, subject_type: 'user' });
		expect(audit[0].details).toMatchObject({
			role: 'quarter_manager',
			scopeType: 'area',
			scopeIds: [tree.quartierA, tree.hafen]
		});

		// The same grant again changes nothing.
		expect(
			await grantRole(ctx(admin), {
				userId: qm,
				role: 'quarter_manager',
				scopeType: 'area',
				scopeIds: [tree.quartierA]
			})
		).toEqual({ ok: false, code: 'already_granted' });
		expect(await auditRows('user.role.grant', qm)).toHaveLength(1);
	});

	it('grantRole refuses non-admins, bad scope combinations and unknown targets', async () => {
		const { db } = get();
		const planner = await actorFor(db, await insertUser(db, { roles: ['planner'] }));
		const target = await insertUser(db);
		expect(
			await grantRole(ctx(planner), { userId: target, role: 'admin', scopeType: 'global', scopeIds: [] })
		).toEqual({
			ok: false,
			code: 'forbidden'
		});
		expect(
			await grantRole(ctx(null), { userId: target, role: 'resident', scopeType: 'global', scopeIds: [] })
		).toEqual({
			ok: false,
			code: 'forbidden'
		});
		// A quarter manager always needs areas; an admin grant is always global.
		for (const input of [
			{ userId: target, role: 'quarter_manager', scopeType: 'global', scopeIds: [] },
			{ userId: target, role: 'admin', scopeType: 'area', scopeIds: [tree.city] },
			{ userId: target, role: 'quarter_manager', scopeType: 'area', scopeIds: [] },
			{ userId: target, role: 'organisation_member', scopeType: 'organisation', scopeIds: [] }
		] as const)
			expect(await grantRole(ctx(admin), { ...input, scopeIds: [...input.scopeIds] })).toEqual({
				ok: false,
				code: 'invalid'
			});
		expect(
			await grantRole(ctx(admin), {
				userId: target,
				role: 'quarter_manager',
				scopeType: 'area',
				scopeIds: ['00000000-0000-4000-8000-000000000001']
			})
		).toEqual({ ok: false, code: 'scope_not_found' });
		expect(
			await grantRole(ctx(admin), {
				userId: '00000000-0000-4000-8000-000000000002',
				role: 'resident',
				scopeType: 'global',
				scopeIds: []
			})
		).toEqual({ ok: false, code: 'user_not_found' });
		expect((await getUser(db, target))?.grants).toEqual([]);
	});

	it('grants an organisation membership scoped to one organisation', async () => {
		const { db } = get();
		const org = await db
			.insertInto('organisation')
			.values({ name: 'Caritas Musterstadt' })
			.returning('id')
			.executeTakeFirstOrThrow();
		const member = await insertUser(db);
		expect(
			(
				await grantRole(ctx(admin), {
					userId: member,
					role: 'organisation_member',
					scopeType: 'organisation',
					scopeIds: [org.id]
				})
			).ok
		).toBe(true);
		const [g] = (await getUser(db, member))!.grants;
		expect(g).toMatchObject({
			role: 'organisation_member',
			scopeType: 'organisation',
			scopeId: org.id,
			scopeName: 'Caritas Musterstadt'
		});
		const options = await listScopeOptions(db);
		expect(options.organisations.map((o) => o.name)).toContain('Caritas Musterstadt');
		// Areas grouped by level, top level first.
		const ours = options.areaGroups.filter((group) =>
			group.areas.some((a) => a.id === tree.city || a.id === tree.quartierA)
		);
		expect(ours.map((group) => group.levelName)).toEqual(['Stadt', 'Quartier']);
	});

	it('revokeGrant removes one grant, writes an audit row and refuses unknown or mismatched grants', async () => {
		const { db } = get();
		const user = await insertUser(db);
		const granted = await grantRole(ctx(admin), {
			userId: user,
			role: 'moderator',
			scopeType: 'global',
			scopeIds: []
		});
		if (!granted.ok) throw new Error(granted.code);
		const grantId = granted.value.grantIds[0];
		const other = await insertUser(db);
		// The grant belongs to `user`, not `other`.
		expect(await revokeGrant(ctx(admin), { grantId, userId: other })).toEqual({
			ok: false,
			code: 'not_found'
		});
		const planner = await actorFor(db, await insertUser(db, { roles: ['planner'] }));
		expect(await revokeGrant(ctx(planner), { grantId })).toEqual({ ok: false, code: 'forbidden' });

		expect(await revokeGrant(ctx(admin), { grantId, userId: user })).toEqual({
			ok: true,
			value: { userId: user }
		});
		expect((await getUser(db, user))!.grants).toEqual([]);
		const audit = await auditRows('user.role.revoke', user);
		expect(audit).toHaveLength(1);
		expect(audit[0].details).toMatchObject({ grantId, role: 'moderator', scopeType: 'global' });
		expect(await revokeGrant(ctx(admin), { grantId })).toEqual({ ok: false, code: 'not_found' });
		expect(await revokeGrant(ctx(admin), { grantId: 'kein-uuid' })).toEqual({ ok: false, code: 'not_found' });
	});

	it('the last admin cannot revoke their own admin grant; with a second admin they can', async () => {
		const { db } = get();
		const ownGrant = admin.grants.find((g) => g.role === 'admin')!;
		expect(await countActiveAdmins(db)).toBe(1);
		expect(await revokeGrant(ctx(admin), { grantId: ownGrant.id })).toEqual({
			ok: false,
			code: 'last_admin'
		});
		expect(await auditRows('user.role.revoke', admin.id)).toHaveLength(0);

		// A blocked second admin does not count.
		const second = await insertUser(db, { roles: ['admin'] });
		await db.updateTable('app_user').set({ blocked_at: now }).where('id', '=', second).execute();
		expect(await revokeGrant(ctx(admin), { grantId: ownGrant.id })).toEqual({
			ok: false,
			code: 'last_admin'
		});

		await db.updateTable('app_user').set({ blocked_at: null }).where('id', '=', second).execute();
		expect(await revokeGrant(ctx(admin), { grantId: ownGrant.id })).toEqual({
			ok: true,
			value: { userId: admin.id }
		});
		expect(await countActiveAdmins(db)).toBe(1);
		// The former admin can no longer manage users (fresh grants, as the next request would load them).
		const former = await actorFor(db, admin.id);
		expect(
			await grantRole(ctx(former), { userId: admin.id, role: 'admin', scopeType: 'global', scopeIds: [] })
		).toEqual({
			ok: false,
			code: 'forbidden'
		});
		// Restore: the remaining admin makes "Chefin" admin again.
		const secondActor = await actorFor(db, second);
		expect(
			(
				await grantRole(ctx(secondActor), {
					userId: admin.id,
					role: 'admin',
					scopeType: 'global',
					scopeIds: []
				})
			).ok
		).toBe(true);
		admin = await actorFor(db, admin.id);
		// Now the second admin may step down, but then Chefin is the last one again.
		const secondGrant = secondActor.grants.find((g) => g.role === 'admin')!;
		expect((await revokeGrant(ctx(secondActor), { grantId: secondGrant.id })).ok).toBe(true);
		expect(
			await revokeGrant(ctx(admin), { grantId: admin.grants.find((g) => g.role === 'admin')!.id })
		).toEqual({
			ok: false,
			code: 'last_admin'
		});
	});

	it('blocking ends every session of the user, is audited, and unblocking lets them in again', async () => {
		const { db } = get();
		const user = await insertUser(db, { name: 'Gesperrte Person' });
		const a = await createSession(db, user);
		const b = await createSession(db, user);
		const otherUser = await insertUser(db);
		const keep = await createSession(db, otherUser);

		expect(await blockUser(ctx(admin), { userId: user })).toEqual({ ok: true, value: null });
		expect(await db.selectFrom('session').select('id').where('user_id', '=', user).execute()).toEqual([]);
		expect((await validateSessionToken(db, a.token)).session).toBeNull();
		expect((await validateSessionToken(db, b.token)).session).toBeNull();
		expect((await validateSessionToken(db, keep.token)).session).not.toBeNull();
		expect((await getUser(db, user))!.blockedAt).toEqual(now);
		expect((await listUsers(db, { q: 'Gesperrte Person' })).items[0].blocked).toBe(true);
		expect(await auditRows('user.block', user)).toHaveLength(1);
		expect(await blockUser(ctx(admin), { userId: user })).toEqual({ ok: false, code: 'already_blocked' });

		expect(await unblockUser(ctx(admin), { userId: user })).toEqual({ ok: true, value: null });
		expect((await getUser(db, user))!.blockedAt).toBeNull();
		expect(await auditRows('user.unblock', user)).toHaveLength(1);
		expect(await unblockUser(ctx(admin), { userId: user })).toEqual({ ok: false, code: 'not_blocked' });
	});

	it('an admin cannot block themselves, non-admins cannot block anyone, the last admin cannot be blocked', async () => {
		const { db } = get();
		expect(await blockUser(ctx(admin), { userId: admin.id })).toEqual({
			ok: false,
			code: 'cannot_block_self'
		});
		const planner = await actorFor(db, await insertUser(db, { roles: ['planner'] }));
		expect(await blockUser(ctx(planner), { userId: admin.id })).toEqual({ ok: false, code: 'forbidden' });
		expect(await unblockUser(ctx(planner), { userId: admin.id })).toEqual({ ok: false, code: 'forbidden' });
		// The operator's CLI (system) is not an admin account: it still may not lock everyone out.
		expect(await blockUser(ctx(SYSTEM_ACTOR), { userId: admin.id })).toEqual({
			ok: false,
			code: 'last_admin'
		});
		expect((await getUser(db, admin.id))!.blockedAt).toBeNull();
		expect(await blockUser(ctx(admin), { userId: '00000000-0000-4000-8000-000000000003' })).toEqual({
			ok: false,
			code: 'not_found'
		});
	});

	it('createUser: verified e-mail, hashed password, global grant for planners, none for scoped roles', async () => {
		const { db } = get();
		const made = await createUser(ctx(SYSTEM_ACTOR), {
			email: '  Neue.Planerin@Example.org ',
			role: 'planner',
			displayName: 'Neue Planerin'
		});
		expect(made.ok).toBe(false); // e-mail with spaces is invalid input
		const ok = await createUser(ctx(SYSTEM_ACTOR), {
			email: 'Neue.Planerin@Example.org',
			role: 'planner'
		});
		if (!ok.ok) throw new Error(ok.code);
		expect(ok.value.generatedPassword).toMatch(/^[a-z2-7]{20}$/);
		const row = await db
			.selectFrom('app_user')
			.select(['email', 'display_name', 'email_verified_at', 'password_hash'])
			.where('id', '=', ok.value.userId)
			.executeTakeFirstOrThrow();
		expect(row).toMatchObject({
			email: 'neue.planerin@example.org',
			display_name: 'neue.planerin',
			email_verified_at: now
		});
		expect(row.password_hash).not.toContain(ok.value.generatedPassword!);
		expect(await verifyPassword(row.password_hash, ok.value.generatedPassword!)).toBe(true);
		expect((await getUser(db, ok.value.userId))!.grants.map((g) => [g.role, g.scopeType])).toEqual([
			['planner', 'global']
		]);
		expect(await auditRows('user.create', ok.value.userId)).toHaveLength(1);

		expect(
			await createUser(ctx(SYSTEM_ACTOR), { email: 'neue.planerin@EXAMPLE.org', role: 'resident' })
		).toEqual({
			ok: false,
			code: 'email_taken'
		});
		const qm = await createUser(ctx(admin), {
			email: 'qm@example.org',
			role: 'quarter_manager',
			password: 'lang-genug-123'
		});
		if (!qm.ok) throw new Error(qm.code);
		expect(qm.value).toMatchObject({ generatedPassword: null, granted: false });
		expect((await getUser(db, qm.value.userId))!.grants).toEqual([]);
		expect(await createUser(ctx(null), { email: 'x@example.org', role: 'resident' })).toEqual({
			ok: false,
			code: 'forbidden'
		});
		expect(
			await createUser(ctx(admin), { email: 'y@example.org', role: 'resident', password: 'kurz' })
		).toEqual({
			ok: false,
			code: 'invalid'
		});
	});
});

describeEachDatabase('last-admin protection under concurrency', (get) => {
	it('two admins revoking each other at the same moment: exactly one succeeds', async () => {
		const { db } = get();
		const a = await actorFor(db, await insertUser(db, { roles: ['admin'] }));
		const b = await actorFor(db, await insertUser(db, { roles: ['admin'] }));
		const now = new Date();
		const grantOf = (actor: Actor) => actor.grants.find((g) => g.role === 'admin')!.id;
		const results = await Promise.all([
			revokeGrant({ db, actor: a, now }, { grantId: grantOf(b) }),
			revokeGrant({ db, actor: b, now }, { grantId: grantOf(a) })
		]);
		expect(results.map((r) => (r.ok ? 'ok' : r.code)).sort()).toEqual(['last_admin', 'ok']);
		expect(await countActiveAdmins(db)).toBe(1);
		// Same for blocking each other.
		const c = await actorFor(db, await insertUser(db, { roles: ['admin'] }));
		const survivor = await actorFor(db, results[0].ok ? a.id : b.id);
		const blocks = await Promise.all([
			blockUser({ db, actor: survivor, now }, { userId: c.id }),
			blockUser({ db, actor: c, now }, { userId: survivor.id })
		]);
		expect(blocks.map((r) => (r.ok ? 'ok' : r.code)).sort()).toEqual(['last_admin', 'ok']);
		expect(await countActiveAdmins(db)).toBe(1);
	});
});
