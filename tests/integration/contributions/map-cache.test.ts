// The tile cache behind the public contribution map: the same answer as the database, and never a
// stale one after a write (create, edit, support, moderation, hide, delete, category rename, a raw
// SQL change) — on PGlite and PostgreSQL.
import { beforeAll, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import {
	createContribution,
	createReply,
	deleteContribution,
	editContribution,
	mapFeaturesInBox,
	moderateContribution,
	toggleSupport
} from '../../../src/lib/server/contributions';
import {
	cachedMapFeatures,
	currentMapVersion,
	forgetMapTiles,
	mapTileBuilds,
	mapVersion
} from '../../../src/lib/server/contributions/map-cache';
import type { BBox } from '../../../src/lib/geo/bbox';
import type { DB } from '../../../src/lib/server/db/types';
import { describeEachDatabase } from '../helpers/db';
import { actorFor, insertUser } from '../helpers/roles-fixtures';
import { ctxFor, insertConsultation } from './fixtures';

interface Fc {
	features: { id: string; properties: { body: string; category: string | null; support_count: number } }[];
	truncated: boolean;
}

/** A neighbourhood-sized view (about 1.4 × 1 km) around a point. */
const around = (x: number, y: number): BBox => [x - 0.01, y - 0.0045, x + 0.01, y + 0.0045];
const CENTRE = [6.95, 51.2] as const;

async function mapOf(db: Kysely<DB>, consultationId: string, box: BBox, categoryId: string | null = null) {
	const r = await mapFeaturesInBox(db, consultationId, box, { categoryId });
	return { ...r, fc: JSON.parse(r.json) as Fc };
}

async function grantModerator(db: Kysely<DB>, consultationId: string) {
	const id = await insertUser(db);
	await db
		.insertInto('role_grant')
		.values({ user_id: id, role: 'moderator', scope_type: 'consultation', scope_id: consultationId })
		.execute();
	return actorFor(db, id);
}

describeEachDatabase('contribution map tile cache', (get) => {
	let areaIds: string[] = [];
	/** A consultation over a town of its own (new contributions must lie inside its area). */
	const consultation = (opts: Parameters<typeof insertConsultation>[1] = {}) =>
		insertConsultation(get().db, { areaIds, ...opts });

	beforeAll(async () => {
		const db = get().db;
		const level = await db
			.insertInto('area_level')
			.values({ key: 'kachelstadt', name: 'Kachelstadt', rank: 0 })
			.returning('id')
			.executeTakeFirstOrThrow();
		const [x0, y0, x1, y1] = [6.9, 51.17, 7.0, 51.23];
		const area = await db
			.insertInto('area')
			.values({
				level_id: level.id,
				key: 'K1',
				name: 'Kachelstadt',
				geometry: JSON.stringify({
					type: 'Polygon',
					coordinates: [
						[
							[x0, y0],
							[x1, y0],
							[x1, y1],
							[x0, y1],
							[x0, y0]
						]
					]
				}),
				bbox: `(${x1},${y1}),(${x0},${y0})`
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		areaIds = [area.id];
	});

	it('answers exactly as the database for many views, category filters and limits', async () => {
		const db = get().db;
		const c = await consultation();
		const resident = await actorFor(db, await insertUser(db));
		// 120 points spread over about 3 × 2 km (several tiles), every fifth hidden afterwards.
		let seed = 7;
		const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
		// Written straight into the table (one resident may not post 120 times in a row).
		const rows = Array.from({ length: 120 }, (_, i) => {
			const [x, y] = [CENTRE[0] - 0.02 + random() * 0.04, CENTRE[1] - 0.01 + random() * 0.02].map(
				(n) => Math.round(n * 1e6) / 1e6
			);
			return {
				consultation_id: c.id,
				author_id: resident.id,
				body: `Punkt ${i}`,
				category_id: i % 2 ? c.categories.Verkehr : c.categories['Grünflächen'],
				geometry: JSON.stringify({ type: 'Point', coordinates: [x, y] }),
				geometry_type: 'Point',
				bbox: `(${x},${y}),(${x},${y})`,
				// Some share a moment: the order falls back to the id, as in the database.
				created_at: new Date(Date.UTC(2026, 10, 1, 12, 0, i % 40)).toISOString()
			};
		});
		const ids = (await db.insertInto('contribution').values(rows).returning('id').execute()).map((r) => r.id);
		await db
			.updateTable('contribution')
			.set({ status: 'hidden', hidden_reason: 'Test' })
			.where(
				'id',
				'in',
				ids.filter((_, i) => i % 5 === 0)
			)
			.execute();
		// A line crossing tile edges appears once.
		const line = await createContribution(ctxFor(db, resident), c.id, {
			body: 'Eine Linie',
			categoryId: c.categories.Verkehr,
			geometry: JSON.stringify({
				type: 'LineString',
				coordinates: [
					[CENTRE[0] - 0.015, CENTRE[1]],
					[CENTRE[0] + 0.015, CENTRE[1] + 0.005]
				]
			})
		});
		expect(line.ok).toBe(true);
		forgetMapTiles(db);
		let compared = 0;
		for (let i = 0; i < 30; i++) {
			const box = around(CENTRE[0] - 0.015 + random() * 0.03, CENTRE[1] - 0.008 + random() * 0.016);
			const categoryId = i % 3 === 0 ? c.categories.Verkehr : null;
			const limit = i % 4 === 0 ? 7 : undefined;
			const cached = await mapFeaturesInBox(db, c.id, box, { categoryId }, { limit });
			const direct = await mapFeaturesInBox(db, c.id, box, { categoryId }, { limit, cache: false });
			expect(cached.cached).toBe(true);
			expect(direct.cached).toBe(false);
			expect({ count: cached.count, truncated: cached.truncated }).toEqual({
				count: direct.count,
				truncated: direct.truncated
			});
			expect(JSON.parse(cached.json)).toEqual(JSON.parse(direct.json));
			compared += cached.count;
		}
		expect(compared).toBeGreaterThan(100);
		const all = await mapOf(db, c.id, around(CENTRE[0], CENTRE[1]));
		// Hidden ones are not on the public map, the line is there once.
		expect(all.fc.features.some((f) => ids.indexOf(f.id) % 5 === 0)).toBe(false);
		expect(all.fc.features.filter((f) => f.properties.body === 'Eine Linie')).toHaveLength(1);
	});

	it('never serves a stale map after a write', async () => {
		const db = get().db;
		const c = await consultation({ allowAnonymous: true });
		const resident = await actorFor(db, await insertUser(db));
		const supporter = await actorFor(db, await insertUser(db));
		const moderator = await grantModerator(db, c.id);
		const box = around(CENTRE[0], CENTRE[1]);
		const bodies = async () => (await mapOf(db, c.id, box)).fc.features.map((f) => f.properties.body);

		expect(await bodies()).toEqual([]);
		const made = await createContribution(ctxFor(db, resident), c.id, {
			body: 'Bank fehlt',
			categoryId: c.categories.Verkehr,
			geometry: JSON.stringify({ type: 'Point', coordinates: [CENTRE[0], CENTRE[1]] })
		});
		if (!made.ok) throw new Error(`${made.code} ${JSON.stringify(made.errors ?? {})}`);
		const id = made.value.id;
		expect(await bodies()).toEqual(['Bank fehlt']);
		expect((await mapOf(db, c.id, box)).cached).toBe(true);

		// Edit.
		expect((await editContribution(ctxFor(db, resident), id, { body: 'Bank mit Lehne fehlt' })).ok).toBe(
			true
		);
		expect(await bodies()).toEqual(['Bank mit Lehne fehlt']);
		// Support count.
		expect((await toggleSupport(ctxFor(db, supporter), id)).ok).toBe(true);
		expect((await mapOf(db, c.id, box)).fc.features[0].properties.support_count).toBe(1);
		// A reply is not on the map and changes nothing there.
		const before = await mapVersion(db, c.id);
		expect((await createReply(ctxFor(db, supporter), id, { body: 'Stimmt!' })).ok).toBe(true);
		expect(await mapVersion(db, c.id)).toBe(before);
		expect(await bodies()).toEqual(['Bank mit Lehne fehlt']);
		// Category renamed.
		await db
			.updateTable('consultation_category')
			.set({ name: 'Mobilität' })
			.where('id', '=', c.categories.Verkehr)
			.execute();
		expect((await mapOf(db, c.id, box)).fc.features[0].properties.category).toBe('Mobilität');
		// Moderation: hidden, then restored.
		expect(
			(await moderateContribution(ctxFor(db, moderator), id, { action: 'hide', reason: 'Prüfung' })).ok
		).toBe(true);
		expect(await bodies()).toEqual([]);
		expect(
			(await moderateContribution(ctxFor(db, moderator), id, { action: 'restore', reason: '' })).ok
		).toBe(true);
		expect(await bodies()).toEqual(['Bank mit Lehne fehlt']);
		// A change made by SQL outside the app's commands (e.g. an administrator) is seen as well.
		await db.updateTable('contribution').set({ body: 'Per SQL geändert' }).where('id', '=', id).execute();
		expect(await bodies()).toEqual(['Per SQL geändert']);
		// Deleted by its author.
		expect((await deleteContribution(ctxFor(db, resident), id)).ok).toBe(true);
		expect(await bodies()).toEqual([]);
	});

	it('keeps pending contributions of a pre-moderated consultation off the map until approved', async () => {
		const db = get().db;
		const c = await consultation({ preModeration: true });
		const resident = await actorFor(db, await insertUser(db));
		const moderator = await grantModerator(db, c.id);
		const box = around(CENTRE[0], CENTRE[1]);
		expect((await mapOf(db, c.id, box)).count).toBe(0);
		const made = await createContribution(ctxFor(db, resident), c.id, {
			body: 'Wartet auf Freigabe',
			categoryId: c.categories.Verkehr,
			geometry: JSON.stringify({ type: 'Point', coordinates: [CENTRE[0], CENTRE[1]] })
		});
		if (!made.ok) throw new Error(`${made.code} ${JSON.stringify(made.errors ?? {})}`);
		expect(made.value.status).toBe('pending');
		expect((await mapOf(db, c.id, box)).count).toBe(0);
		expect(
			(await moderateContribution(ctxFor(db, moderator), made.value.id, { action: 'approve', reason: '' })).ok
		).toBe(true);
		expect((await mapOf(db, c.id, box)).fc.features.map((f) => f.properties.body)).toEqual([
			'Wartet auf Freigabe'
		]);
	});

	it('raises the version once per transaction and not for changes the map does not show', async () => {
		const db = get().db;
		const c = await consultation();
		const resident = await actorFor(db, await insertUser(db));
		const made = await createContribution(ctxFor(db, resident), c.id, {
			body: 'Eins',
			categoryId: c.categories.Verkehr,
			geometry: JSON.stringify({ type: 'Point', coordinates: [CENTRE[0], CENTRE[1]] })
		});
		if (!made.ok) throw new Error(`${made.code} ${JSON.stringify(made.errors ?? {})}`);
		const v = await mapVersion(db, c.id);
		expect(v).toBeGreaterThan(0);
		await db.updateTable('contribution').set({ report_count: 2 }).where('id', '=', made.value.id).execute();
		expect(await mapVersion(db, c.id)).toBe(v);
		await db.transaction().execute(async (tx) => {
			for (const body of ['Zwei', 'Drei', 'Vier'])
				await tx
					.insertInto('contribution')
					.values({
						consultation_id: c.id,
						body,
						geometry: JSON.stringify({ type: 'Point', coordinates: [CENTRE[0], CENTRE[1]] }),
						geometry_type: 'Point',
						bbox: `(${CENTRE[0]},${CENTRE[1]}),(${CENTRE[0]},${CENTRE[1]})`
					})
					.execute();
		});
		expect(await mapVersion(db, c.id)).toBe(v + 1);
		expect((await mapOf(db, c.id, around(CENTRE[0], CENTRE[1]))).count).toBe(4);
	});

	it('takes concurrent writers and readers without deadlocks or lost updates', async () => {
		const db = get().db;
		const c = await consultation();
		const people = await Promise.all(
			Array.from({ length: 6 }, async () => actorFor(db, await insertUser(db)))
		);
		const made = await createContribution(ctxFor(db, people[0]), c.id, {
			body: 'Gemeinsam',
			categoryId: c.categories.Verkehr,
			geometry: JSON.stringify({ type: 'Point', coordinates: [CENTRE[0], CENTRE[1]] })
		});
		if (!made.ok) throw new Error(`${made.code} ${JSON.stringify(made.errors ?? {})}`);
		const box = around(CENTRE[0], CENTRE[1]);
		const results = await Promise.all([
			...people.map((p) => toggleSupport(ctxFor(db, p), made.value.id)),
			...people.map((p, i) =>
				createContribution(ctxFor(db, p), c.id, {
					body: `Neu ${i}`,
					categoryId: c.categories.Verkehr,
					geometry: JSON.stringify({ type: 'Point', coordinates: [CENTRE[0] + i * 0.001, CENTRE[1]] })
				})
			),
			...people.map(() => mapFeaturesInBox(db, c.id, box).then(() => ({ ok: true })))
		]);
		expect(results.every((r) => r.ok)).toBe(true);
		const after = await mapOf(db, c.id, box);
		expect(after.count).toBe(7);
		expect(after.fc.features.find((f) => f.properties.body === 'Gemeinsam')?.properties.support_count).toBe(
			6
		);
	});

	it('lets readers share a version read only when it started after they arrived', async () => {
		const db = get().db;
		const c = await consultation();
		const resident = await actorFor(db, await insertUser(db));
		const made = await createContribution(ctxFor(db, resident), c.id, {
			body: 'Vorher',
			categoryId: c.categories.Verkehr,
			geometry: JSON.stringify({ type: 'Point', coordinates: [CENTRE[0], CENTRE[1]] })
		});
		if (!made.ok) throw new Error(made.code);
		const v0 = await mapVersion(db, c.id);
		const crowd = Array.from({ length: 8 }, () => currentMapVersion(db, c.id));
		await db.updateTable('contribution').set({ body: 'Nachher' }).where('id', '=', made.value.id).execute();
		const later = Array.from({ length: 8 }, () => currentMapVersion(db, c.id));
		expect((await Promise.all(crowd)).every((v) => v >= v0)).toBe(true);
		expect(await Promise.all(later)).toEqual(Array(8).fill(v0 + 1));
		const [f] = (await mapOf(db, c.id, around(CENTRE[0], CENTRE[1]))).fc.features;
		expect(f.properties.body).toBe('Nachher');
	});

	it('rebuilds only the tiles a write touched', async () => {
		const db = get().db;
		const c = await consultation();
		const people = await Promise.all(
			Array.from({ length: 3 }, async () => actorFor(db, await insertUser(db)))
		);
		const west = around(6.92, 51.19);
		const east = around(6.98, 51.21);
		const post = async (who: number, x: number, y: number, body: string) => {
			const made = await createContribution(ctxFor(db, people[who]), c.id, {
				body,
				categoryId: c.categories.Verkehr,
				geometry: JSON.stringify({ type: 'Point', coordinates: [x, y] })
			});
			if (!made.ok) throw new Error(made.code);
			return made.value.id;
		};
		await post(0, 6.92, 51.19, 'Westen');
		const eastId = await post(1, 6.98, 51.21, 'Osten');
		await mapOf(db, c.id, west);
		await mapOf(db, c.id, east);
		const built = mapTileBuilds(db);
		// A write in the west: the east's tiles stay, the west's are built again.
		await post(2, 6.921, 51.191, 'Noch im Westen');
		expect((await mapOf(db, c.id, east)).fc.features.map((f) => f.properties.body)).toEqual(['Osten']);
		expect(mapTileBuilds(db)).toBe(built);
		expect((await mapOf(db, c.id, west)).fc.features.map((f) => f.properties.body)).toEqual([
			'Noch im Westen',
			'Westen'
		]);
		expect(mapTileBuilds(db)).toBeGreaterThan(built);
		// Hidden in the east: gone there at once.
		await db.updateTable('contribution').set({ status: 'hidden' }).where('id', '=', eastId).execute();
		expect((await mapOf(db, c.id, east)).count).toBe(0);
		// A category renamed changes every popup: everything is built again.
		const before = mapTileBuilds(db);
		await db
			.updateTable('consultation_category')
			.set({ name: 'Wege' })
			.where('id', '=', c.categories.Verkehr)
			.execute();
		expect((await mapOf(db, c.id, west)).fc.features.map((f) => f.properties.category)).toEqual([
			'Wege',
			'Wege'
		]);
		expect(mapTileBuilds(db)).toBeGreaterThan(before);
	});

	it('notes the changed places per version, at most 100 per transaction', async () => {
		const db = get().db;
		const c = await consultation();
		await db.transaction().execute(async (tx) => {
			await tx
				.insertInto('contribution')
				.values(
					Array.from({ length: 150 }, (_, i) => ({
						consultation_id: c.id,
						body: `Stapel ${i}`,
						geometry: JSON.stringify({ type: 'Point', coordinates: [6.95, 51.2] }),
						geometry_type: 'Point',
						bbox: '(6.95,51.2),(6.95,51.2)'
					}))
				)
				.execute();
		});
		const v = await mapVersion(db, c.id);
		const changes = await db
			.selectFrom('contribution_map_change')
			.select(['version', 'bbox'])
			.where('consultation_id', '=', c.id)
			.execute();
		expect(changes).toHaveLength(100);
		expect(changes.every((r) => Number(r.version) === v)).toBe(true);
		expect(changes.filter((r) => r.bbox === null)).toHaveLength(1);
		expect((await mapOf(db, c.id, around(6.95, 51.2))).count).toBe(150);
	});

	it('answers a street view from its own finer tiles when the shared tile holds too many', async () => {
		const db = get().db;
		const c = await consultation();
		const resident = await actorFor(db, await insertUser(db));
		// 40 points in about 1.4 km (one shared zoom-14 tile or two), 8 of them in one street.
		const point = (x: number, y: number, i: number) => ({
			consultation_id: c.id,
			author_id: resident.id,
			body: `Dicht ${i}`,
			geometry: JSON.stringify({ type: 'Point', coordinates: [x, y] }),
			geometry_type: 'Point',
			bbox: `(${x},${y}),(${x},${y})`,
			created_at: new Date(Date.UTC(2026, 10, 2, 12, 0, i)).toISOString()
		});
		const street: BBox = [6.9501, 51.2001, 6.9521, 51.2011];
		await db
			.insertInto('contribution')
			.values([
				...Array.from({ length: 32 }, (_, i) =>
					point(6.944 + (i % 8) * 0.0015, 51.194 + Math.floor(i / 8) * 0.0015, i)
				),
				...Array.from({ length: 8 }, (_, i) => point(6.9503 + i * 0.0002, 51.2005, 32 + i))
			])
			.execute();
		forgetMapTiles(db);
		const fromTiles = await cachedMapFeatures(db, c.id, street, null, 100, 20);
		expect(fromTiles).not.toBeNull();
		expect(fromTiles!.n).toBe(8);
		const direct = await mapFeaturesInBox(db, c.id, street, {}, { cache: false });
		expect(fromTiles!.features.map((f) => JSON.parse(f))).toEqual(JSON.parse(direct.json).features);
		// With room in the shared tiles the same view is answered from them: the same features.
		const shared = await cachedMapFeatures(db, c.id, street, null, 100, 1000);
		expect(shared!.features).toEqual(fromTiles!.features);
	});

	it('leaves wide views and moderators’ views to the database', async () => {
		const db = get().db;
		const c = await consultation();
		const wide = await mapFeaturesInBox(db, c.id, [6.5, 50.9, 7.5, 51.5]);
		expect(wide.cached).toBe(false);
		const moderated = await mapFeaturesInBox(
			db,
			c.id,
			around(CENTRE[0], CENTRE[1]),
			{},
			{ includeAll: true }
		);
		expect(moderated.cached).toBe(false);
	});
});
