// Idea boards on both databases: posting with a place (areas at every level), one support per person
// under concurrency, similar ideas (German full-text search + nearness), decisions need a response,
// bulk answers in one transaction, visibility (hidden / pending / draft never public), demo seed.
import { beforeAll, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import type { Kysely } from 'kysely';
import { interiorPoint } from '../../../src/lib/geo/polygon';
import type { DB } from '../../../src/lib/server/db/types';
import {
	answerIdeas,
	commentOnIdea,
	createIdea,
	findSimilarIdeas,
	getIdeaSummary,
	ideasGeoJson,
	IdeaListQuery,
	listIdeas,
	loadBoardRules,
	saveBoardRules,
	supportIdea
} from '../../../src/lib/server/ideas';
import { ideaHooks } from '../../../src/lib/server/ideas/component';
import { runNotificationDigest } from '../../../src/lib/server/following';
import { areaActivity } from '../../../src/lib/server/participation/area-activity';
import { getOutcome, listMyContributions } from '../../../src/lib/server/participation/outcomes';
import { exportConsultation } from '../../../src/lib/server/participation/exports';
import { countQueue, listQueue, moderateItem } from '../../../src/lib/server/participation/moderation';
import { ogrinfoSummary, xlsxSheetsWithLibreOffice } from '../helpers/real-programs';
import { TEST_ORIGIN } from '../helpers/auth-context';
import { describeEachDemoDatabase } from '../helpers/demo-db';
import { actorFor, insertUser } from '../helpers/roles-fixtures';
import { ctxFor, insertConsultation, jpegWithExif, memoryStorage } from '../contributions/fixtures';

interface AreaRow {
	id: string;
	key: string;
	level: string;
	parent_id: string | null;
	geometry: unknown;
}

async function enableIdeas(db: Kysely<DB>, consultationId: string) {
	await db
		.updateTable('consultation')
		.set({ modules: ['map_comments', 'ideas'] })
		.where('id', '=', consultationId)
		.execute();
}

async function mailsTo(db: Kysely<DB>, address: string) {
	return db
		.selectFrom('mail_outbox')
		.select(['kind', 'subject', 'body_text'])
		.where('to_address', '=', address)
		.orderBy('created_at')
		.execute();
}

describeEachDemoDatabase('ideas', (get) => {
	let areas: AreaRow[];
	let db: Kysely<DB>;
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
		db = get().db;
		areas = (await db
			.selectFrom('area')
			.innerJoin('area_level', 'area_level.id', 'area.level_id')
			.select(['area.id', 'area.key', 'area_level.key as level', 'area.parent_id', 'area.geometry'])
			.where('area.valid_to', 'is', null)
			.execute()) as AreaRow[];
	}, 90_000);

	async function board(opts: { preModeration?: boolean } = {}) {
		const c = await insertConsultation(db, { preModeration: opts.preModeration });
		await enableIdeas(db, c.id);
		return c;
	}
	async function resident(name?: string) {
		return actorFor(db, await insertUser(db, { name }));
	}
	const quartier = () => areas.find((a) => a.level === 'quartier' && a.geometry)!;

	it('posts an idea with a place: assigned to its Quartier and every level above; refuses bad input', async () => {
		const c = await board();
		const q = quartier();
		const [lon, lat] = interiorPoint(q.geometry as Polygon);
		const me = await resident();
		const r = await createIdea(ctxFor(db, me), c.id, {
			title: 'Mehr Bänke am Platz',
			body: 'Es fehlen Sitzgelegenheiten für ältere Menschen.',
			categoryId: c.categories['Verkehr'],
			lon: String(lon),
			lat: String(lat)
		});
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.value.areaKeys.sort()).toEqual(chain(q).sort());
		const links = await db
			.selectFrom('idea_area')
			.select('area_id')
			.where('idea_id', '=', r.value.id)
			.execute();
		expect(links).toHaveLength(chain(q).length);

		const bad = await createIdea(ctxFor(db, me), c.id, { title: 'ab', body: '', categoryId: '' });
		expect(bad.ok).toBe(false);
		if (!bad.ok)
			expect(bad.errors).toMatchObject({
				title: 'ideas.errors.titleTooShort',
				body: 'ideas.errors.bodyRequired'
			});
		const noCategory = await createIdea(ctxFor(db, me), c.id, {
			title: 'Eine Idee',
			body: 'Mit genug Text dazu.'
		});
		expect(!noCategory.ok && noCategory.errors).toEqual({ categoryId: 'ideas.errors.categoryRequired' });
		const anonymous = await createIdea(ctxFor(db, null), c.id, {
			title: 'Eine Idee',
			body: 'Mit genug Text dazu.',
			categoryId: c.categories['Verkehr']
		});
		expect(!anonymous.ok && anonymous.code).toBe('login_required');
	});

	it('counts one support per person when ten clicks arrive at once; withdrawing takes it back', async () => {
		const c = await board();
		const author = await resident();
		const r = await createIdea(ctxFor(db, author), c.id, {
			title: 'Trinkbrunnen aufstellen',
			body: 'Im Sommer fehlt Wasser auf dem Platz.',
			categoryId: c.categories['Grünflächen']
		});
		if (!r.ok) throw new Error(r.code);
		const fan = await resident();
		const results = await Promise.all(
			Array.from({ length: 10 }, () => supportIdea(ctxFor(db, fan), r.value.id, true))
		);
		expect(results.every((x) => x.ok)).toBe(true);
		const rows = await db
			.selectFrom('idea_support')
			.select('user_id')
			.where('idea_id', '=', r.value.id)
			.execute();
		expect(rows).toHaveLength(1);
		const idea = await db
			.selectFrom('idea')
			.select('support_count')
			.where('id', '=', r.value.id)
			.executeTakeFirstOrThrow();
		expect(idea.support_count).toBe(1);
		// Toggles from one person in parallel: each sees the one before (row lock), count = rows.
		await Promise.all(Array.from({ length: 5 }, () => supportIdea(ctxFor(db, fan), r.value.id)));
		const after = await db
			.selectFrom('idea')
			.select('support_count')
			.where('id', '=', r.value.id)
			.executeTakeFirstOrThrow();
		const rowsAfter = await db
			.selectFrom('idea_support')
			.select('user_id')
			.where('idea_id', '=', r.value.id)
			.execute();
		expect(after.support_count).toBe(rowsAfter.length);
		const off = await supportIdea(ctxFor(db, fan), r.value.id, false);
		expect(off.ok && off.value).toEqual({ supported: false, count: 0 });
		expect(await supportIdea(ctxFor(db, null), r.value.id)).toMatchObject({
			ok: false,
			code: 'login_required'
		});
	});

	it('stamps the threshold and shows the due date; the support period ends supports', async () => {
		const c = await board();
		const manager = await actorFor(db, await insertUser(db, { roles: ['planner'] }));
		const saved = await saveBoardRules(ctxFor(db, manager), c.id, {
			supportThreshold: '2',
			responseDays: '14',
			statusPath: ['received', 'in_review', 'accepted', 'not_feasible']
		});
		expect(saved.ok).toBe(true);
		const refused = await saveBoardRules(ctxFor(db, await resident()), c.id, {
			statusPath: ['received', 'accepted']
		});
		expect(!refused.ok && refused.code).toBe('not_found');
		const r = await createIdea(ctxFor(db, await resident()), c.id, {
			title: 'Radbügel am Markt',
			body: 'Mehr Fahrradbügel an den Zugängen.',
			categoryId: c.categories['Verkehr']
		});
		if (!r.ok) throw new Error(r.code);
		await supportIdea(ctxFor(db, await resident()), r.value.id, true);
		let row = await db
			.selectFrom('idea')
			.select('threshold_reached_at')
			.where('id', '=', r.value.id)
			.executeTakeFirstOrThrow();
		expect(row.threshold_reached_at).toBeNull();
		await supportIdea(ctxFor(db, await resident()), r.value.id, true);
		row = await db
			.selectFrom('idea')
			.select('threshold_reached_at')
			.where('id', '=', r.value.id)
			.executeTakeFirstOrThrow();
		expect(row.threshold_reached_at).not.toBeNull();
		const rules = await loadBoardRules(db, c.id);
		const list = await listIdeas(db, c.id, IdeaListQuery.parse({}), rules, new Date(), 10);
		expect(list.items[0].responseDueAt?.getTime()).toBe(
			new Date(row.threshold_reached_at!).getTime() + 14 * 86_400_000
		);
		// Not on this board's path: refused
		const off = await answerIdeas(ctxFor(db, manager, { config: { origin: TEST_ORIGIN } }), c.id, {
			ideaIds: [r.value.id],
			status: 'implemented',
			responseText: 'Fertig.',
			responderName: 'Planung'
		});
		expect(!off.ok && off.code).toBe('status_not_on_board');
		await saveBoardRules(ctxFor(db, manager), c.id, {
			supportEndsAt: '2020-01-01T00:00:00Z',
			statusPath: ['received', 'accepted']
		});
		expect(await supportIdea(ctxFor(db, await resident()), r.value.id, true)).toMatchObject({
			ok: false,
			code: 'support_ended'
		});
	});

	it('stamps the threshold when the board sets or lowers it below what an idea already has', async () => {
		const c = await board();
		const manager = await actorFor(db, await insertUser(db, { roles: ['planner'] }));
		const path = ['received', 'in_review', 'accepted', 'not_feasible'];
		const post = async (title: string) => {
			const r = await createIdea(ctxFor(db, await resident()), c.id, {
				title,
				body: 'Eine Idee mit Unterstützung.',
				categoryId: c.categories['Verkehr']
			});
			if (!r.ok) throw new Error(r.code);
			return r.value.id;
		};
		const three = await post('Drei Unterstützungen');
		const one = await post('Eine Unterstützung');
		for (let i = 0; i < 3; i++) await supportIdea(ctxFor(db, await resident()), three, true);
		await supportIdea(ctxFor(db, await resident()), one, true);
		const stamp = async (id: string) =>
			(
				await db
					.selectFrom('idea')
					.select('threshold_reached_at')
					.where('id', '=', id)
					.executeTakeFirstOrThrow()
			).threshold_reached_at;
		// No threshold yet: nothing is due.
		expect(await stamp(three)).toBeNull();
		await saveBoardRules(ctxFor(db, manager), c.id, {
			supportThreshold: '5',
			responseDays: '10',
			statusPath: path
		});
		expect(await stamp(three)).toBeNull();
		// Lowered to 3: the idea with three supports is due from the moment of the change, the other not.
		const at = new Date('2026-12-05T10:00:00Z');
		const lowered = await saveBoardRules(ctxFor(db, manager, { now: at }), c.id, {
			supportThreshold: '3',
			responseDays: '10',
			statusPath: path
		});
		expect(lowered.ok).toBe(true);
		expect(new Date((await stamp(three))!).getTime()).toBe(at.getTime());
		expect(await stamp(one)).toBeNull();
		const rules = await loadBoardRules(db, c.id);
		const list = await listIdeas(db, c.id, IdeaListQuery.parse({}), rules, at, 10);
		expect(list.items.find((i) => i.id === three)?.responseDueAt?.getTime()).toBe(
			at.getTime() + 10 * 86_400_000
		);
		// Saving again later does not move the date.
		await saveBoardRules(ctxFor(db, manager), c.id, {
			supportThreshold: '1',
			responseDays: '10',
			statusPath: path
		});
		expect(new Date((await stamp(three))!).getTime()).toBe(at.getTime());
		expect(await stamp(one)).not.toBeNull();
	});

	it('finds similar ideas by German word stems and by nearness, only published ones of this board', async () => {
		const c = await board();
		const other = await board();
		const q = quartier();
		const [lon, lat] = interiorPoint(q.geometry as Polygon);
		const me = await resident();
		const post = async (consultation: typeof c, title: string, body: string, place?: [number, number]) => {
			const r = await createIdea(ctxFor(db, me), consultation.id, {
				title,
				body,
				categoryId: consultation.categories['Verkehr'],
				...(place ? { lon: String(place[0]), lat: String(place[1]) } : {})
			});
			if (!r.ok) throw new Error(r.code);
			return r.value.id;
		};
		const benches = await post(c, 'Neue Sitzbänke am Brunnen', 'Bänke mit Lehne für ältere Menschen.');
		const tree = await post(c, 'Baum pflanzen', 'Schatten im Sommer wäre schön.', [lon, lat]);
		const hidden = await post(c, 'Bänke überall', 'Noch mehr Bänke aufstellen.');
		await post(other, 'Bänke im anderen Verfahren', 'Bänke, aber woanders.');
		const mod = await actorFor(db, await insertUser(db, { roles: ['moderator'] }));
		expect(
			(await moderateItem(ctxFor(db, mod), 'idea', hidden, { action: 'hide', reason: 'Doppelt' })).ok
		).toBe(true);

		const words = await findSimilarIdeas(db, c.id, { text: 'Eine Bank am Brunnen', lon: null, lat: null });
		expect(words.map((s) => s.id)).toEqual([benches]);
		expect(words[0].wordMatch).toBe(true);
		const near = await findSimilarIdeas(db, c.id, { text: 'Fahrradständer', lon: lon + 0.0005, lat });
		expect(near.map((s) => s.id)).toEqual([tree]);
		expect(near[0].distance).toBeGreaterThan(20);
		expect(near[0].distance).toBeLessThan(60);
		expect(await findSimilarIdeas(db, c.id, { text: 'und oder der', lon: null, lat: null })).toEqual([]);
	});

	it('refuses a decision without a response; answers several ideas at once in one transaction', async () => {
		const c = await board();
		const author = await actorFor(db, await insertUser(db, { name: 'Berta Bürger' }));
		const supporter = await resident();
		const ids: string[] = [];
		for (const title of ['Parkplätze zurück', 'Autos auf den Platz', 'Parkhaus bauen']) {
			const r = await createIdea(ctxFor(db, author), c.id, {
				title,
				body: 'Bitte wieder Parkplätze schaffen.',
				categoryId: c.categories['Verkehr']
			});
			if (!r.ok) throw new Error(r.code);
			ids.push(r.value.id);
		}
		await supportIdea(ctxFor(db, supporter), ids[0], true);
		const planner = await actorFor(db, await insertUser(db, { roles: ['planner'] }));
		const ctx = () => ctxFor(db, planner, { config: { origin: TEST_ORIGIN } });
		const mails = async () =>
			Number(
				(
					await db
						.selectFrom('mail_outbox')
						.select((eb) => eb.fn.countAll<number>().as('n'))
						.executeTakeFirstOrThrow()
				).n
			);
		const before = await mails();
		const none = await answerIdeas(ctx(), c.id, {
			ideaIds: [ids[0]],
			status: 'not_feasible',
			responderName: 'Stadtplanung'
		});
		expect(none).toMatchObject({
			ok: false,
			code: 'invalid',
			errors: { responseText: 'outcomes.errors.textRequired' }
		});
		expect((await getOutcome(db, 'idea', ids[0])).history).toHaveLength(0);

		const resident0 = await resident();
		expect(
			await answerIdeas(ctxFor(db, resident0), c.id, {
				ideaIds: ids,
				status: 'not_feasible',
				responseText: 'Nein.',
				responderName: 'Ich'
			})
		).toMatchObject({ ok: false, code: 'forbidden' });

		const bulk = await answerIdeas(ctx(), c.id, {
			ideaIds: ids,
			status: 'not_feasible',
			responseText: 'Der Platz bleibt autofrei (Ratsbeschluss).',
			nextSteps: 'Beschilderung zum Parkhaus.',
			responderName: 'Stadtplanung'
		});
		expect(bulk).toEqual({ ok: true, value: { count: 3 } });
		for (const id of ids) {
			const o = await getOutcome(db, 'idea', id);
			expect(o.status).toBe('not_feasible');
			expect(o.history[0]).toMatchObject({
				responderName: 'Stadtplanung',
				nextSteps: 'Beschilderung zum Parkhaus.'
			});
		}
		// No mail inside the answer: the notification job sends each person one mail (weekly digest by
		// default), the author's covering all three ideas; the supporter of the first gets one too.
		expect((await mails()) - before).toBe(0);
		await runNotificationDigest(db, { now: new Date(Date.now() + 60_000), origin: TEST_ORIGIN });
		const authorMails = await mailsTo(db, author.email);
		expect(authorMails).toHaveLength(1);
		expect(authorMails[0].kind).toBe('notification_digest');
		for (const title of ['Parkplätze zurück', 'Autos auf den Platz', 'Parkhaus bauen'])
			expect(authorMails[0].body_text).toContain(title);
		expect(authorMails[0].body_text).toContain('nicht umsetzbar');
		expect(await mailsTo(db, supporter.email)).toHaveLength(1);
		const mine = await listMyContributions(db, author.id, 1);
		const entry = mine.entries.find((e) => e.itemId === ids[0]);
		expect(entry?.outcome?.status).toBe('not_feasible');

		// One refused → none answered (in_review → accepted for two, one of them foreign).
		const foreign = await board();
		const f = await createIdea(ctxFor(db, author), foreign.id, {
			title: 'Fremde Idee',
			body: 'Gehört zu einem anderen Verfahren.',
			categoryId: foreign.categories['Verkehr']
		});
		if (!f.ok) throw new Error(f.code);
		const mixed = await answerIdeas(ctx(), c.id, {
			ideaIds: [ids[0], f.value.id],
			status: 'in_review',
			responseText: 'Wird geprüft.',
			responderName: 'Stadtplanung'
		});
		expect(!mixed.ok && mixed.code).toBe('not_found');
		expect((await getOutcome(db, 'idea', ids[0])).status).toBe('not_feasible');
	});

	it('never shows hidden, pending or draft ideas in lists, the API, the area roll-up or summaries', async () => {
		const open = await board();
		const pre = await board({ preModeration: true });
		const draft = await insertConsultation(db, { status: 'draft' });
		await enableIdeas(db, draft.id);
		const q = quartier();
		const [lon, lat] = interiorPoint(q.geometry as Polygon);
		const me = await resident();
		const place = { lon: String(lon), lat: String(lat) };
		const shown = await createIdea(ctxFor(db, me), open.id, {
			title: 'Sichtbare Idee',
			body: 'Diese Idee ist öffentlich.',
			categoryId: open.categories['Verkehr'],
			...place
		});
		const toHide = await createIdea(ctxFor(db, me), open.id, {
			title: 'Versteckte Idee',
			body: 'Diese Idee wird versteckt.',
			categoryId: open.categories['Verkehr'],
			...place
		});
		const pending = await createIdea(ctxFor(db, me), pre.id, {
			title: 'Wartende Idee',
			body: 'Diese Idee wartet auf Freigabe.',
			categoryId: pre.categories['Verkehr'],
			...place
		});
		if (!shown.ok || !toHide.ok || !pending.ok) throw new Error('setup');
		expect(pending.value.status).toBe('pending');
		const drafted = await db
			.insertInto('idea')
			.values({
				consultation_id: draft.id,
				title: 'Entwurfsidee',
				body: 'Im Entwurf.',
				area_keys: chain(q),
				status: 'published'
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		// Placed like the others, so only the draft consultation keeps it out of the roll-up.
		await db
			.insertInto('idea_area')
			.values(
				areas.filter((a) => chain(q).includes(a.key)).map((a) => ({ idea_id: drafted.id, area_id: a.id }))
			)
			.execute();
		const mod = await actorFor(db, await insertUser(db, { roles: ['moderator'] }));
		await moderateItem(ctxFor(db, mod), 'idea', toHide.value.id, { action: 'hide', reason: 'Beleidigend' });

		const titles = (xs: { title: string }[]) => xs.map((x) => x.title);
		const rules = await loadBoardRules(db, open.id);
		expect(
			titles((await listIdeas(db, open.id, IdeaListQuery.parse({}), rules, new Date(), 50)).items)
		).toEqual(['Sichtbare Idee']);
		expect((await listIdeas(db, pre.id, IdeaListQuery.parse({}), rules, new Date(), 50)).total).toBe(0);
		const api = await ideasGeoJson(db, { areaKey: q.key });
		const apiTitles = api.features.map((f) => f.properties.title);
		expect(apiTitles).toContain('Sichtbare Idee');
		for (const t of ['Versteckte Idee', 'Wartende Idee', 'Entwurfsidee']) expect(apiTitles).not.toContain(t);
		expect(Object.keys(api.features[0].properties)).not.toContain('author_id');
		expect(JSON.stringify(api)).not.toContain(me.id);
		// The real roll-up ("Was passiert in meinem Quartier?", the area page's data): every module's hook.
		const ideaIds = async (areaId: string) =>
			(await areaActivity(db, areaId, { pageSize: 500 })).entries
				.filter((e) => e.itemType === 'idea')
				.map((e) => e.itemId);
		const rollUp = await ideaIds(q.id);
		expect(rollUp).toContain(shown.value.id);
		for (const id of [toHide.value.id, pending.value.id, drafted.id]) expect(rollUp).not.toContain(id);
		// The city (top level) contains the Quartier: the roll-up of the areas inside it.
		const city = areas.find((a) => a.key === chain(q)[0])!;
		const cityRollUp = await ideaIds(city.id);
		expect(cityRollUp).toContain(shown.value.id);
		for (const id of [toHide.value.id, pending.value.id, drafted.id]) expect(cityRollUp).not.toContain(id);
		// Restored, the same idea is in it (so the checks above can fail); hidden again for the rest.
		await moderateItem(ctxFor(db, mod), 'idea', toHide.value.id, { action: 'restore', reason: 'Doch ok' });
		expect(await ideaIds(q.id)).toContain(toHide.value.id);
		await moderateItem(ctxFor(db, mod), 'idea', toHide.value.id, { action: 'hide', reason: 'Beleidigend' });
		expect(await getIdeaSummary(db, shown.value.id)).toMatchObject({
			title: 'Sichtbare Idee',
			status: 'received'
		});
		for (const id of [toHide.value.id, pending.value.id, drafted.id])
			expect(await getIdeaSummary(db, id)).toBeNull();
		// Comments: hidden ones leave the count and stand in the board's hidden queue, with their idea.
		const before = await countQueue(db, [open.id]);
		const cm = await commentOnIdea(ctxFor(db, await resident()), shown.value.id, { body: 'Finde ich gut.' });
		expect(cm.ok).toBe(true);
		if (cm.ok)
			await moderateItem(ctxFor(db, mod), 'idea_comment', cm.value.id, { action: 'hide', reason: 'Spam' });
		expect(await countQueue(db, [open.id])).toEqual({ ...before, hidden: before.hidden + 1 });
		const hiddenQueue = await listQueue(db, [open.id], 'hidden', 1);
		expect(hiddenQueue.find((e) => cm.ok && e.id === cm.value.id)).toMatchObject({
			itemType: 'idea_comment',
			parentId: shown.value.id,
			body: 'Finde ich gut.',
			hiddenReason: 'Spam',
			consultationId: open.id
		});
		const idea = await db
			.selectFrom('idea')
			.select('comment_count')
			.where('id', '=', shown.value.id)
			.executeTakeFirstOrThrow();
		expect(idea.comment_count).toBe(0);
	});

	it('seeds demo ideas in every status with responses; personal data and deletion cover the tables', async () => {
		const statuses = await db
			.selectFrom('idea as i')
			.innerJoin('consultation as c', 'c.id', 'i.consultation_id')
			.leftJoin('outcome as o', (j) => j.on('o.item_type', '=', 'idea').onRef('o.item_id', '=', 'i.id'))
			.select(['o.status'])
			.where('c.slug', '=', 'marktplatz-altstadt')
			.execute();
		const set = new Set(statuses.map((s) => s.status ?? 'received'));
		for (const s of [
			'received',
			'in_review',
			'accepted',
			'partly_accepted',
			'not_feasible',
			'in_progress',
			'implemented'
		])
			expect(set.has(s)).toBe(true);

		const c = await board();
		const me = await resident();
		const r = await createIdea(ctxFor(db, me), c.id, {
			title: 'Meine Idee',
			body: 'Persönliche Daten testen.',
			categoryId: c.categories['Verkehr']
		});
		if (!r.ok) throw new Error(r.code);
		const data = (await ideaHooks.personalData![0].collect(db, me.id)) as { ideas: { title: string }[] };
		expect(data.ideas.map((i) => i.title)).toEqual(['Meine Idee']);
		await db.transaction().execute((trx) => ideaHooks.removeAuthor!(trx, me.id, 'delete'));
		const gone = await db
			.selectFrom('idea')
			.select(['status', 'title', 'author_id'])
			.where('id', '=', r.value.id)
			.executeTakeFirstOrThrow();
		expect(gone).toEqual({ status: 'deleted', title: '', author_id: null });
	});
	it('exports the board (XLSX read by LibreOffice) and open data (GeoJSON read by ogrinfo) without personal data', async () => {
		const c = await board();
		const q = quartier();
		const [lon, lat] = interiorPoint(q.geometry as Polygon);
		const author = await actorFor(db, await insertUser(db, { name: 'Erika Export' }));
		const r = await createIdea(ctxFor(db, author), c.id, {
			title: 'Idee für den Export',
			body: 'Ein Text, der in die Tabelle gehört.',
			categoryId: c.categories['Verkehr'],
			lon: String(lon),
			lat: String(lat)
		});
		if (!r.ok) throw new Error(r.code);
		const planner = await actorFor(db, await insertUser(db, { roles: ['planner'] }));
		const file = await exportConsultation(ctxFor(db, planner), { consultationId: c.id, format: 'xlsx' });
		if (!file.ok) throw new Error(file.code);
		expect(file.value.rowCounts).toMatchObject({ ideas: 1 });
		const sheets = xlsxSheetsWithLibreOffice(file.value.bytes);
		const text = JSON.stringify(sheets);
		expect(text).toContain('Idee für den Export');
		expect(text).not.toContain('Erika Export');
		expect(text).not.toContain(author.id);

		const geo = await ideasGeoJson(db, { consultationSlug: c.slug });
		const summary = ogrinfoSummary(new TextEncoder().encode(JSON.stringify(geo)));
		expect(summary.featureCount).toBe(1);
		expect(summary.geometry).toBe('Point');
		expect(Object.keys(summary.fields)).toEqual(
			expect.arrayContaining(['id', 'title', 'status', 'support_count'])
		);
		expect(summary.raw).not.toContain('Erika');
	});
	it('stores photos with the metadata stripped and refuses files that are no image', async () => {
		const c = await board();
		const storage = memoryStorage();
		const me = await resident();
		const input = {
			title: 'Idee mit Foto',
			body: 'Das Foto zeigt die Stelle.',
			categoryId: c.categories['Verkehr']
		};
		const r = await createIdea(ctxFor(db, me, { storage }), c.id, input, [
			{ data: jpegWithExif(), altText: 'Der leere Platz am Brunnen' }
		]);
		if (!r.ok) throw new Error(r.code);
		const [stored] = [...storage.files.values()];
		expect(new TextDecoder('latin1').decode(stored)).not.toContain('GPSLatitude');
		const rows = await db
			.selectFrom('idea_photo')
			.select('alt_text')
			.where('idea_id', '=', r.value.id)
			.execute();
		expect(rows).toEqual([{ alt_text: 'Der leere Platz am Brunnen' }]);
		const bad = await createIdea(ctxFor(db, me, { storage }), c.id, input, [
			{ data: new TextEncoder().encode('<svg onload=alert(1)>'), altText: 'Kein Bild' }
		]);
		expect(bad).toMatchObject({
			ok: false,
			code: 'photo',
			errors: { photo1: 'contributions.errors.photo_type' }
		});
		expect(storage.files.size).toBe(1);
	});
});
