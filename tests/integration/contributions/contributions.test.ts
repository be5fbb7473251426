import { beforeAll, describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { interiorPoint } from '../../../src/lib/geo/polygon';
import { AUTO_HIDE_REASON } from '../../../src/lib/server/participation/moderation';
import {
	createContribution,
	createReply,
	deleteContribution,
	editContribution,
	getContribution,
	listContributionsInBox,
	mapFeaturesInBox,
	openDataContributions,
	reportContribution,
	toggleSupport
} from '../../../src/lib/server/contributions';
import { hashToken } from '../../../src/lib/server/auth/tokens';
import { seedDemo } from '../../../src/lib/server/demo';
import { describeEachDatabase } from '../helpers/db';
import { actorFor, insertUser } from '../helpers/roles-fixtures';
import { ctxFor, insertConsultation, jpegWithExif, memoryStorage } from './fixtures';

interface AreaRow {
	id: string;
	key: string;
	name: string;
	level: string;
	parent_id: string | null;
	geometry: unknown;
}

const XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>';

describeEachDatabase('contributions', (get) => {
	let areas: AreaRow[];
	const byLevel = (level: string) => areas.filter((a) => a.level === level);
	const chain = (a: AreaRow): string[] => {
		const out = [a.key];
		for (let p = a.parent_id; p;) {
			const parent = areas.find((x) => x.id === p)!;
			out.unshift(parent.key);
			p = parent.parent_id;
		}
		return out;
	};

	beforeAll(async () => {
		await seedDemo(get());
		areas = (await get()
			.db.selectFrom('area')
			.innerJoin('area_level', 'area_level.id', 'area.level_id')
			.select([
				'area.id',
				'area.key',
				'area.name',
				'area_level.key as level',
				'area.parent_id',
				'area.geometry'
			])
			.where('area.valid_to', 'is', null)
			.execute()) as AreaRow[];
	}, 60_000);

	describe('area assignment', () => {
		it('assigns a point to its Quartier and every level above', async () => {
			const db = get().db;
			const resident = await actorFor(db, await insertUser(db));
			const c = await insertConsultation(db);
			for (const q of byLevel('quartier').slice(0, 5)) {
				const p = interiorPoint(q.geometry as Polygon);
				const result = await createContribution(ctxFor(db, resident), c.id, {
					body: 'Hier fehlt eine Bank.',
					categoryId: c.categories.Verkehr,
					geometry: JSON.stringify({ type: 'Point', coordinates: p })
				});
				expect(result.ok).toBe(true);
				if (!result.ok) return;
				expect([...result.value.areaKeys].sort()).toEqual(chain(q).sort());
				const rows = await db
					.selectFrom('contribution_area')
					.select('area_id')
					.where('contribution_id', '=', result.value.id)
					.execute();
				expect(rows).toHaveLength(4);
			}
		});

		it('assigns a line to every Quartier it crosses and a polygon to all it overlaps', async () => {
			const db = get().db;
			const resident = await actorFor(db, await insertUser(db));
			const c = await insertConsultation(db);
			const [q1, q2] = byLevel('quartier')
				.filter((q) => q.parent_id !== byLevel('quartier')[0].parent_id)
				.slice(0, 1)
				.concat(byLevel('quartier').slice(0, 1));
			const a = interiorPoint(q1.geometry as Polygon);
			const b = interiorPoint(q2.geometry as Polygon);
			const line = await createContribution(ctxFor(db, resident), c.id, {
				body: 'Radweg entlang dieser Strecke',
				categoryId: c.categories.Verkehr,
				geometry: JSON.stringify({ type: 'LineString', coordinates: [a, b] })
			});
			expect(line.ok).toBe(true);
			if (!line.ok) return;
			for (const key of [...chain(q1), ...chain(q2)]) expect(line.value.areaKeys).toContain(key);
			expect(line.value.areaKeys.length).toBeGreaterThan(6);

			const d = 0.0005;
			const small = await createContribution(ctxFor(db, resident), c.id, {
				body: 'Diese Fläche begrünen',
				categoryId: c.categories['Grünflächen'],
				geometry: JSON.stringify({
					type: 'Polygon',
					coordinates: [
						[
							[a[0] - d, a[1] - d],
							[a[0] + d, a[1] - d],
							[a[0] + d, a[1] + d],
							[a[0] - d, a[1] + d],
							[a[0] - d, a[1] - d]
						]
					]
				})
			});
			expect(small.ok && [...small.value.areaKeys].sort()).toEqual(chain(q1).sort());

			// A polygon around the whole city touches every current area.
			const big = await createContribution(ctxFor(db, resident), c.id, {
				body: 'Die ganze Stadt betrifft das',
				categoryId: c.categories.Verkehr,
				geometry: JSON.stringify({
					type: 'Polygon',
					coordinates: [
						[
							[6, 50],
							[9, 50],
							[9, 53],
							[6, 53],
							[6, 50]
						]
					]
				})
			});
			expect(big.ok && big.value.areaKeys.length).toBe(areas.filter((x) => x.geometry).length);
		});

		it('takes the picked Quartiere with their parents when there is no geometry; refuses places outside Germany', async () => {
			const db = get().db;
			const resident = await actorFor(db, await insertUser(db));
			const c = await insertConsultation(db);
			const q = byLevel('quartier')[3];
			const picked = await createContribution(ctxFor(db, resident), c.id, {
				body: 'Zu wenig Spielplätze hier',
				categoryId: c.categories.Verkehr,
				areaIds: [q.id]
			});
			expect(picked.ok && [...picked.value.areaKeys].sort()).toEqual(chain(q).sort());
			const outside = await createContribution(ctxFor(db, resident), c.id, {
				body: 'Paris ist schön',
				categoryId: c.categories.Verkehr,
				geometry: JSON.stringify({ type: 'Point', coordinates: [2.35, 48.85] })
			});
			expect(outside).toMatchObject({
				ok: false,
				code: 'invalid',
				errors: { geometry: 'contributions.errors.geometryOutside' }
			});
			const none = await createContribution(ctxFor(db, resident), c.id, {
				body: 'Ohne Ort',
				categoryId: c.categories.Verkehr
			});
			expect(none).toMatchObject({ ok: false, errors: { areaIds: 'contributions.errors.locationRequired' } });
		});
	});

	it('a resident cannot edit or delete someone else’s contribution; the author can until it has replies', async () => {
		const db = get().db;
		const author = await actorFor(db, await insertUser(db));
		const other = await actorFor(db, await insertUser(db));
		const c = await insertConsultation(db);
		const q = byLevel('quartier')[0];
		const created = await createContribution(ctxFor(db, author), c.id, {
			body: 'Original',
			categoryId: c.categories.Verkehr,
			areaIds: [q.id]
		});
		if (!created.ok) throw new Error(created.code);
		const id = created.value.id;
		expect(await editContribution(ctxFor(db, other), id, { body: 'Überschrieben' })).toEqual({
			ok: false,
			code: 'forbidden'
		});
		expect(await editContribution(ctxFor(db, null), id, { body: 'Überschrieben' }, 'falsch')).toEqual({
			ok: false,
			code: 'forbidden'
		});
		expect(await deleteContribution(ctxFor(db, other), id)).toEqual({ ok: false, code: 'forbidden' });
		expect((await editContribution(ctxFor(db, author), id, { body: 'Geändert vom Autor' })).ok).toBe(true);
		const reply = await createReply(ctxFor(db, other), id, { body: 'Sehe ich anders' });
		expect(reply.ok).toBe(true);
		// A reply to the reply attaches to the root.
		if (reply.ok) {
			const nested = await createReply(ctxFor(db, author), reply.value.id, {
				body: 'Antwort auf die Antwort'
			});
			expect(nested.ok).toBe(true);
			const parent = await db
				.selectFrom('contribution')
				.select('parent_id')
				.where('id', '=', nested.ok ? nested.value.id : '')
				.executeTakeFirstOrThrow();
			expect(parent.parent_id).toBe(id);
		}
		expect(await editContribution(ctxFor(db, author), id, { body: 'Noch mal' })).toEqual({
			ok: false,
			code: 'has_replies'
		});
		const detail = await getContribution({ db, actor: author }, id);
		expect(detail?.body).toBe('Geändert vom Autor');
		expect(detail?.replies).toHaveLength(2);
		expect(detail?.replyCount).toBe(2);
		// Deleting leaves a placeholder.
		expect((await deleteContribution(ctxFor(db, author), id)).ok).toBe(true);
		const gone = await db
			.selectFrom('contribution')
			.select(['status', 'body'])
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
		expect(gone).toEqual({ status: 'deleted', body: '' });
	});

	it('anonymous: allowed only where enabled, rate limited, edit token shown once and stored only as a hash', async () => {
		const db = get().db;
		const closedToAnonymous = await insertConsultation(db, { allowAnonymous: false });
		const c = await insertConsultation(db, { allowAnonymous: true });
		const q = byLevel('quartier')[1];
		const input = { body: 'Anonymer Hinweis', categoryId: c.categories.Verkehr, areaIds: [q.id] };
		expect(
			await createContribution(ctxFor(db, null), closedToAnonymous.id, {
				...input,
				categoryId: closedToAnonymous.categories.Verkehr
			})
		).toEqual({ ok: false, code: 'login_required' });
		expect(
			await createContribution(ctxFor(db, null), c.id, { ...input, website: 'http://spam.example' })
		).toEqual({
			ok: false,
			code: 'spam'
		});
		const address = '203.0.113.77';
		const first = await createContribution(ctxFor(db, null, { clientAddress: address }), c.id, input);
		if (!first.ok) throw new Error(first.code);
		const token = first.value.editToken!;
		expect(token).toMatch(/^[a-z2-7]{32}$/);
		const row = await db
			.selectFrom('contribution')
			.selectAll()
			.where('id', '=', first.value.id)
			.executeTakeFirstOrThrow();
		expect(row.anonymous_token_hash).toBe(hashToken(token));
		expect(JSON.stringify(row)).not.toContain(token);
		expect(JSON.stringify(row)).not.toContain(address);
		expect(row.author_id).toBeNull();
		const limits = await db.selectFrom('rate_limit').select('key').execute();
		expect(JSON.stringify(limits)).not.toContain(address);
		// The token lets the anonymous author edit; nothing else does.
		expect((await editContribution(ctxFor(db, null), first.value.id, { body: 'Korrigiert' }, token)).ok).toBe(
			true
		);
		for (let i = 2; i <= 5; i++)
			expect((await createContribution(ctxFor(db, null, { clientAddress: address }), c.id, input)).ok).toBe(
				true
			);
		expect(await createContribution(ctxFor(db, null, { clientAddress: address }), c.id, input)).toEqual({
			ok: false,
			code: 'rate_limited'
		});
		// Another address is not affected.
		expect(
			(await createContribution(ctxFor(db, null, { clientAddress: '203.0.113.78' }), c.id, input)).ok
		).toBe(true);
		// The next day the key differs (daily secret), so the same address may post again.
		const tomorrow = new Date(Date.now() + 24 * 3600 * 1000);
		expect(
			(await createContribution(ctxFor(db, null, { clientAddress: address, now: tomorrow }), c.id, input)).ok
		).toBe(true);
		// Delete with the token; afterwards the token is gone.
		expect((await deleteContribution(ctxFor(db, null), first.value.id, token)).ok).toBe(true);
		expect(await editContribution(ctxFor(db, null), first.value.id, { body: 'Nochmal' }, token)).toEqual({
			ok: false,
			code: 'not_found'
		});
	});

	it('support toggles once per person; reports hide automatically after N and are logged', async () => {
		const db = get().db;
		const author = await actorFor(db, await insertUser(db));
		const c = await insertConsultation(db, { autoHide: 2, allowAnonymous: true });
		const created = await createContribution(ctxFor(db, author), c.id, {
			body: 'Zu schnelles Fahren',
			categoryId: c.categories.Verkehr,
			areaIds: [byLevel('quartier')[2].id]
		});
		if (!created.ok) throw new Error(created.code);
		const id = created.value.id;
		const r1 = await actorFor(db, await insertUser(db));
		const r2 = await actorFor(db, await insertUser(db));
		expect(await toggleSupport(ctxFor(db, null), id)).toEqual({ ok: false, code: 'login_required' });
		expect(await toggleSupport(ctxFor(db, r1), id)).toEqual({
			ok: true,
			value: { supported: true, count: 1 }
		});
		expect(await toggleSupport(ctxFor(db, r2), id)).toEqual({
			ok: true,
			value: { supported: true, count: 2 }
		});
		expect(await toggleSupport(ctxFor(db, r1), id)).toEqual({
			ok: true,
			value: { supported: false, count: 1 }
		});

		expect(await reportContribution(ctxFor(db, r1), id, { reason: '' })).toMatchObject({
			ok: false,
			code: 'invalid'
		});
		expect(await reportContribution(ctxFor(db, r1), id, { reason: 'Beleidigend' })).toEqual({
			ok: true,
			value: { alreadyReported: false, hidden: false }
		});
		expect(await reportContribution(ctxFor(db, r1), id, { reason: 'Nochmal' })).toEqual({
			ok: true,
			value: { alreadyReported: true, hidden: false }
		});
		// An anonymous report goes to the queue but never counts towards hiding (issue 13).
		expect(
			await reportContribution(ctxFor(db, null, { clientAddress: '192.0.2.9' }), id, { reason: 'Spam' })
		).toEqual({
			ok: true,
			value: { alreadyReported: false, hidden: false }
		});
		expect(await reportContribution(ctxFor(db, r2), id, { reason: 'Beleidigend' })).toEqual({
			ok: true,
			value: { alreadyReported: false, hidden: true }
		});
		const row = await db
			.selectFrom('contribution')
			.select(['status', 'hidden_reason', 'report_count'])
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
		expect(row).toEqual({ status: 'hidden', hidden_reason: AUTO_HIDE_REASON, report_count: 2 });
		const log = await db.selectFrom('moderation_log').selectAll().where('item_id', '=', id).execute();
		expect(log).toHaveLength(1);
		expect(log[0]).toMatchObject({ action: 'auto_hide', actor_id: null, consultation_id: c.id });
		// Hidden ones leave the public list and the open data.
		const listed = await listContributionsInBox(db, c.id, null);
		expect(listed.items.map((i) => i.id)).not.toContain(id);
		const open = await openDataContributions(db, { consultationSlug: c.slug });
		expect(open.features.map((f) => f.properties.id)).not.toContain(id);
	});

	it('pre-moderation keeps new contributions pending; closed and draft consultations refuse them', async () => {
		const db = get().db;
		const resident = await actorFor(db, await insertUser(db));
		const q = byLevel('quartier')[0];
		const pre = await insertConsultation(db, { preModeration: true });
		const r = await createContribution(ctxFor(db, resident), pre.id, {
			body: 'Wartet',
			categoryId: pre.categories.Verkehr,
			areaIds: [q.id]
		});
		expect(r.ok && r.value.status).toBe('pending');
		const closed = await insertConsultation(db, { status: 'closed' });
		expect(
			await createContribution(ctxFor(db, resident), closed.id, {
				body: 'Zu spät',
				categoryId: closed.categories.Verkehr,
				areaIds: [q.id]
			})
		).toEqual({ ok: false, code: 'closed' });
		const draft = await insertConsultation(db, { status: 'draft' });
		expect(
			await createContribution(ctxFor(db, resident), draft.id, {
				body: 'Zu früh',
				categoryId: draft.categories.Verkehr,
				areaIds: [q.id]
			})
		).toEqual({ ok: false, code: 'not_found' });
	});

	it('analog input only by managers, with channel and date', async () => {
		const db = get().db;
		const resident = await actorFor(db, await insertUser(db));
		const planner = await actorFor(db, await insertUser(db, { roles: ['planner'] }));
		const c = await insertConsultation(db, { preModeration: true });
		const input = {
			body: 'Vom Infostand',
			categoryId: c.categories.Verkehr,
			areaIds: [byLevel('quartier')[0].id],
			channel: 'info_stand',
			collectedOn: '2026-11-20'
		};
		expect(await createContribution(ctxFor(db, resident), c.id, input)).toEqual({
			ok: false,
			code: 'forbidden'
		});
		expect(await createContribution(ctxFor(db, planner), c.id, { ...input, collectedOn: '' })).toMatchObject({
			ok: false,
			code: 'invalid'
		});
		const r = await createContribution(ctxFor(db, planner), c.id, input);
		if (!r.ok) throw new Error(r.code);
		const row = await db
			.selectFrom('contribution')
			.select(['channel', 'collected_on', 'entered_by', 'author_id', 'status'])
			.where('id', '=', r.value.id)
			.executeTakeFirstOrThrow();
		expect(row).toMatchObject({
			channel: 'info_stand',
			entered_by: planner.id,
			author_id: null,
			status: 'published'
		});
		const collected = row.collected_on as unknown;
		const day = collected instanceof Date ? collected : new Date(String(collected));
		expect([day.getFullYear(), day.getMonth() + 1, day.getDate()]).toEqual([2026, 11, 20]);
	});

	it('photos: content-checked, GPS/EXIF stripped before storing, alt text required', async () => {
		const db = get().db;
		const resident = await actorFor(db, await insertUser(db));
		const c = await insertConsultation(db);
		const storage = memoryStorage();
		const input = {
			body: 'Mit Foto',
			categoryId: c.categories.Verkehr,
			areaIds: [byLevel('quartier')[0].id]
		};
		expect(
			await createContribution(ctxFor(db, resident, { storage }), c.id, input, [
				{ data: jpegWithExif(), altText: '' }
			])
		).toMatchObject({
			ok: false,
			code: 'photo',
			errors: { photo1: 'contributions.errors.photo_alt_missing' }
		});
		expect(
			await createContribution(ctxFor(db, resident, { storage }), c.id, input, [
				{ data: new TextEncoder().encode('<svg></svg>'), altText: 'x' }
			])
		).toMatchObject({ ok: false, code: 'photo', errors: { photo1: 'contributions.errors.photo_type' } });
		const r = await createContribution(ctxFor(db, resident, { storage }), c.id, input, [
			{ data: jpegWithExif(), altText: 'Kaputte Bank' }
		]);
		if (!r.ok) throw new Error(r.code);
		expect(storage.files.size).toBe(1);
		const [stored] = [...storage.files.values()];
		const text = new TextDecoder('latin1').decode(stored);
		expect(text).not.toContain('GPS');
		expect(text).not.toContain('Exif');
		expect(text).toContain('JFIF');
		const detail = await getContribution({ db, actor: null }, r.value.id);
		expect(detail?.photos).toEqual([{ uploadId: expect.any(String), alt: 'Kaputte Bank' }]);
	});

	it('stores HTML/script payloads in every text field verbatim', async () => {
		const db = get().db;
		const resident = await actorFor(db, await insertUser(db));
		const c = await insertConsultation(db, { categories: [XSS] });
		const r = await createContribution(
			ctxFor(db, resident, { storage: memoryStorage() }),
			c.id,
			{ body: XSS, categoryId: c.categories[XSS], areaIds: [byLevel('quartier')[0].id] },
			[{ data: jpegWithExif(), altText: XSS }]
		);
		if (!r.ok) throw new Error(r.code);
		await createReply(ctxFor(db, resident), r.value.id, { body: XSS });
		await reportContribution(ctxFor(db, resident), r.value.id, { reason: XSS });
		const d = await getContribution({ db, actor: null }, r.value.id);
		expect(d?.body).toBe(XSS);
		expect(d?.categoryName).toBe(XSS);
		expect(d?.photos[0].alt).toBe(XSS);
		expect(d?.replies[0].body).toBe(XSS);
	});

	it('lists by bounding box with filters and paging; open data has no personal fields', async () => {
		const db = get().db;
		const resident = await actorFor(db, await insertUser(db, { name: 'Erika Mustermann' }));
		const c = await insertConsultation(db);
		const [q1, q2] = byLevel('quartier');
		const p1 = interiorPoint(q1.geometry as Polygon);
		const p2 = interiorPoint(q2.geometry as Polygon);
		for (const [p, cat] of [
			[p1, 'Verkehr'],
			[p2, 'Grünflächen']
		] as const)
			await createContribution(ctxFor(db, resident), c.id, {
				body: `Beitrag ${cat}`,
				categoryId: c.categories[cat],
				geometry: JSON.stringify({ type: 'Point', coordinates: p })
			});
		const around = (p: number[]) =>
			[p[0] - 0.0001, p[1] - 0.0001, p[0] + 0.0001, p[1] + 0.0001] as [number, number, number, number];
		expect((await listContributionsInBox(db, c.id, around(p1))).items.map((i) => i.body)).toEqual([
			'Beitrag Verkehr'
		]);
		expect((await listContributionsInBox(db, c.id, null)).total).toBe(2);
		expect(
			(await listContributionsInBox(db, c.id, null, { categoryId: c.categories['Grünflächen'] })).items.map(
				(i) => i.body
			)
		).toEqual(['Beitrag Grünflächen']);
		expect(
			(await listContributionsInBox(db, c.id, null, { areaId: q1.id })).items.map((i) => i.body)
		).toEqual(['Beitrag Verkehr']);
		const page2 = await listContributionsInBox(db, c.id, null, {}, { limit: 1, offset: 1 });
		expect(page2).toMatchObject({ total: 2, items: [expect.anything()], hasMore: false });
		// The map asks without a count and learns from one extra row that the box holds more.
		const capped = await listContributionsInBox(db, c.id, null, {}, { limit: 1, countTotal: false });
		expect(capped).toMatchObject({ total: 1, hasMore: true, items: [{ body: 'Beitrag Grünflächen' }] });
		const all = await listContributionsInBox(db, c.id, null, {}, { limit: 2, countTotal: false });
		expect(all).toMatchObject({ total: 2, hasMore: false });
		// The map's features, built in the database: short text, no personal fields, truncation flag.
		const near = await mapFeaturesInBox(db, c.id, around(p1));
		expect(near).toMatchObject({ count: 1, truncated: false });
		const fc = JSON.parse(near.json);
		expect(fc).toMatchObject({ type: 'FeatureCollection', truncated: false });
		expect(fc.features).toEqual([
			{
				type: 'Feature',
				id: expect.any(String),
				geometry: { type: 'Point', coordinates: p1 },
				properties: { id: expect.any(String), category: 'Verkehr', body: 'Beitrag Verkehr', support_count: 0 }
			}
		]);
		const bounds = [
			Math.min(p1[0], p2[0]) - 0.001,
			Math.min(p1[1], p2[1]) - 0.001,
			Math.max(p1[0], p2[0]) + 0.001,
			Math.max(p1[1], p2[1]) + 0.001
		] as [number, number, number, number];
		const one = await mapFeaturesInBox(db, c.id, bounds, {}, { limit: 1 });
		expect(one).toMatchObject({ count: 1, truncated: true });
		expect(
			JSON.parse(one.json).features.map((f: { properties: { body: string } }) => f.properties.body)
		).toEqual(['Beitrag Grünflächen']);
		expect(JSON.parse((await mapFeaturesInBox(db, c.id, bounds)).json).features).toHaveLength(2);
		const long = await insertConsultation(db);
		await createContribution(ctxFor(db, resident), long.id, {
			body: 'x'.repeat(300),
			categoryId: long.categories.Verkehr,
			geometry: JSON.stringify({ type: 'Point', coordinates: p1 })
		});
		const [short] = JSON.parse((await mapFeaturesInBox(db, long.id, around(p1))).json).features;
		expect(short.properties.body).toBe(`${'x'.repeat(139)}…`);
		const open = await openDataContributions(db, { consultationSlug: c.slug, areaKey: q2.key });
		expect(open.features).toHaveLength(1);
		expect(Object.keys(open.features[0].properties).sort()).toEqual([
			'area_keys',
			'body',
			'category',
			'channel',
			'consultation',
			'created_at',
			'id',
			'support_count'
		]);
		const text = JSON.stringify(open);
		expect(text).not.toContain('Erika');
		expect(text).not.toContain(resident.email);
		expect(text).not.toContain(resident.id);
	});

	it('demo contributions: a few hundred over the demo consultations, varied channels, inside their areas', async () => {
		// seedDemo (in this suite's setup) loads them with the demo city.
		const db = get().db;
		const rows = await db
			.selectFrom('contribution')
			.innerJoin('consultation', 'consultation.id', 'contribution.consultation_id')
			.select([
				'contribution.channel',
				'contribution.area_keys',
				'contribution.geometry_type',
				'consultation.slug'
			])
			.where('contribution.is_demo', '=', true)
			.execute();
		const count = rows.length;
		expect(count).toBeGreaterThanOrEqual(250);
		expect(new Set(rows.map((r) => r.channel)).size).toBeGreaterThanOrEqual(5);
		expect(new Set(rows.map((r) => r.geometry_type))).toEqual(new Set(['Point', 'LineString', 'Polygon']));
		const altstadt = areas.find((a) => a.level === 'stadtteil' && a.name === 'Altstadt')!;
		for (const r of rows.filter((r) => r.slug === 'marktplatz-altstadt'))
			expect(r.area_keys).toContain(altstadt.key);
		for (const r of rows) expect(r.area_keys.length).toBeGreaterThanOrEqual(4);
		const links = await db
			.selectFrom('contribution_area')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		expect(Number(links.n)).toBeGreaterThanOrEqual(count * 4);
	});
});
