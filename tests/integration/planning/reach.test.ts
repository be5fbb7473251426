// "Wer wurde erreicht?": the reach figures per area from seeded contributions, ideas with supports,
// survey responses and workshop attendance equal hand-counted ones; small numbers are hidden jointly;
// only planners and admins get planner data.
import { beforeAll, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { can } from '../../../src/lib/server/auth/permissions';
import type { DB } from '../../../src/lib/server/db/types';
import { reachByArea } from '../../../src/lib/server/planning/reach';
import { areaInput } from '../../../src/lib/server/planning/area-input';
import { shownCounts } from '../../../src/lib/planning/reach';
import { describeEachDatabase } from '../helpers/db';
import { actorFor, insertAreaTree, insertUser } from '../helpers/roles-fixtures';
import { resultsFixture } from '../survey-results/fixtures';
import { insertConsultation } from '../contributions/fixtures';

const RULES = { minPopulation: 1000, minCount: 3 };

async function contribution(
	db: Kysely<DB>,
	consultationId: string,
	areaIds: string[],
	channel: 'online' | 'paper',
	status = 'published',
	extra: { category_id?: string; body?: string } = {}
) {
	const row = await db
		.insertInto('contribution')
		.values({
			consultation_id: consultationId,
			body: extra.body ?? 'Mehr Bänke bitte',
			channel,
			status,
			...extra
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	await db
		.insertInto('contribution_area')
		.values(areaIds.map((area_id) => ({ contribution_id: row.id, area_id })))
		.execute();
}

describeEachDatabase('reach by area', (get) => {
	let tree: Awaited<ReturnType<typeof resultsFixture>>['tree'];
	let consultationId: string;
	const prefix = `reach${Math.random().toString(36).slice(2, 6)}`;

	beforeAll(async () => {
		const db = get().db;
		const fixture = await resultsFixture(db, prefix);
		tree = fixture.tree;
		const survey = await db
			.selectFrom('survey')
			.select('consultation_id')
			.where('id', '=', fixture.surveyId)
			.executeTakeFirstOrThrow();
		consultationId = survey.consultation_id;
		const population: [string, number][] = [
			[tree.city, 6500],
			[tree.nord, 3500],
			[tree.altstadt, 3500],
			[tree.quartierA, 2000],
			[tree.quartierB, 1500],
			[tree.sued, 3000],
			[tree.hafen, 3000],
			[tree.quartierC, 3000]
		];
		for (const [id, p] of population)
			await db.updateTable('area').set({ population: p }).where('id', '=', id).execute();
		const up = {
			A: [tree.quartierA, tree.altstadt, tree.nord, tree.city],
			C: [tree.quartierC, tree.hafen, tree.sued, tree.city]
		};
		// Map contributions: A 4 online + 3 on paper (+1 hidden, not counted), C 5 online.
		const categories = Object.fromEntries(
			(
				await db
					.selectFrom('consultation_category')
					.select(['id', 'name'])
					.where('consultation_id', '=', consultationId)
					.execute()
			).map((c) => [c.name, c.id])
		);
		const verkehr = { category_id: categories['Verkehr'] };
		for (let i = 0; i < 3; i++) await contribution(db, consultationId, up.A, 'online', 'published', verkehr);
		await contribution(db, consultationId, up.A, 'online', 'published', {
			category_id: categories['Grünflächen'],
			body: 'Der Spielplatz braucht mehr Schatten'
		});
		for (let i = 0; i < 3; i++) await contribution(db, consultationId, up.A, 'paper', 'published', verkehr);
		await contribution(db, consultationId, up.A, 'online', 'hidden');
		for (let i = 0; i < 5; i++) await contribution(db, consultationId, up.C, 'online');
		// Another consultation's input is left out by the consultation filter.
		const other = await insertConsultation(db);
		await contribution(db, other.id, up.A, 'online');
		// One idea in C (a contribution, online) with 4 supports.
		const idea = await db
			.insertInto('idea')
			.values({
				consultation_id: consultationId,
				title: 'Sitzbänke am Hafen',
				body: 'Mehr Sitzplätze',
				status: 'published'
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await db
			.insertInto('idea_area')
			.values(up.C.map((area_id) => ({ idea_id: idea.id, area_id })))
			.execute();
		for (let i = 0; i < 4; i++)
			await db
				.insertInto('idea_support')
				.values({ idea_id: idea.id, user_id: await insertUser(db) })
				.execute();
		// A workshop: 3 from A came, 1 from B came; a cancelled and a no-show registration do not count.
		const event = await db
			.insertInto('event')
			.values({
				consultation_id: consultationId,
				title: 'Planungswerkstatt',
				event_type: 'planungswerkstatt'
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		const occurrence = await db
			.insertInto('event_occurrence')
			.values({
				event_id: event.id,
				starts_at: new Date('2026-06-10T16:00:00Z'),
				ends_at: new Date('2026-06-10T18:00:00Z')
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		const reg = (area_id: string, status: string, attended: boolean | null) =>
			db
				.insertInto('event_registration')
				.values({ occurrence_id: occurrence.id, area_id, status, attended })
				.execute();
		for (let i = 0; i < 3; i++) await reg(tree.quartierA, 'registered', true);
		await reg(tree.quartierB, 'registered', true);
		await reg(tree.quartierA, 'cancelled', null);
		await reg(tree.quartierA, 'registered', false);
	}, 120_000);

	it('counts every figure per Quartier, online and analog apart, as counted by hand', async () => {
		const rows = await reachByArea(
			get().db,
			{ level: `${prefix}-quartier`, consultationIds: [consultationId] },
			{ rules: RULES }
		);
		expect(rows.map((r) => r.name)).toEqual(['Quartier A', 'Quartier B', 'Quartier C']);
		const [a, b, c] = rows;
		expect(a.counts).toEqual({
			contributions: { online: 4, analog: 3 },
			surveyResponses: { online: 6, analog: 4 },
			supports: { online: 0, analog: 0 },
			workshopAttendance: { online: 0, analog: 3 }
		});
		expect(b.counts.surveyResponses).toEqual({ online: 2, analog: 0 });
		expect(b.counts.workshopAttendance).toEqual({ online: 0, analog: 1 });
		expect(c.counts).toEqual({
			contributions: { online: 6, analog: 0 },
			surveyResponses: { online: 8, analog: 0 },
			supports: { online: 4, analog: 0 },
			workshopAttendance: { online: 0, analog: 0 }
		});
		expect(a.population).toBe(2000);
		expect(a.per1000.contributions).toEqual({ online: 2, analog: 1.5 });
		expect(c.per1000.supports.online).toBeCloseTo(4 / 3, 10);
	});

	it('hides 1…k−1 with a sibling as cover, every channel of the figure together', async () => {
		const rows = await reachByArea(
			get().db,
			{ level: `${prefix}-quartier`, consultationIds: [consultationId] },
			{ rules: RULES }
		);
		const [a, b, c] = rows;
		// B's 2 survey responses and 1 attendee are hidden, A (its only sibling) as cover.
		expect(b.suppressed).toEqual({
			contributions: false,
			surveyResponses: true,
			supports: false,
			workshopAttendance: true
		});
		expect(a.suppressed).toEqual({
			contributions: false,
			surveyResponses: true,
			supports: false,
			workshopAttendance: true
		});
		expect(c.suppressed.surveyResponses).toBe(false);
		expect(b.per1000.surveyResponses).toEqual({ online: null, analog: null });
		expect(shownCounts(a).surveyResponses).toEqual({ online: null, analog: null });
		expect(shownCounts(a).contributions).toEqual({ online: 4, analog: 3 });
		// The Stadtteil above them shows their sum (12 responses), which gives neither back.
		const stadtteil = await reachByArea(
			get().db,
			{ level: `${prefix}-stadtteil`, consultationIds: [consultationId] },
			{ rules: RULES }
		);
		const altstadt = stadtteil.find((r) => r.areaId === tree.altstadt)!;
		expect(altstadt.counts.surveyResponses).toEqual({ online: 8, analog: 4 });
		expect(altstadt.suppressed.surveyResponses).toBe(false);
	});

	it('filters by consultations, period and areas', async () => {
		const db = get().db;
		const all = await reachByArea(
			db,
			{ level: `${prefix}-quartier`, areaIds: [tree.quartierA] },
			{ rules: RULES }
		);
		expect(all).toHaveLength(1);
		expect(all[0].counts.contributions.online).toBe(5);
		// Several consultations (a report names them): theirs count, a third one's does not.
		const third = await insertConsultation(db);
		await contribution(db, third.id, [tree.quartierA, tree.altstadt, tree.nord, tree.city], 'online');
		const other = await db
			.selectFrom('contribution as c')
			.innerJoin('contribution_area as ca', 'ca.contribution_id', 'c.id')
			.select('c.consultation_id')
			.where('ca.area_id', '=', tree.quartierA)
			.where('c.consultation_id', 'not in', [consultationId, third.id])
			.executeTakeFirstOrThrow();
		const two = await reachByArea(
			db,
			{
				level: `${prefix}-quartier`,
				areaIds: [tree.quartierA],
				consultationIds: [consultationId, other.consultation_id]
			},
			{ rules: RULES }
		);
		expect(two[0].counts.contributions.online).toBe(5);
		const one = await reachByArea(
			db,
			{ level: `${prefix}-quartier`, areaIds: [tree.quartierA], consultationIds: [third.id] },
			{ rules: RULES }
		);
		expect(one[0].counts.contributions).toEqual({ online: 1, analog: 0 });
		// The responses were given in May, the workshop took place on 10 June.
		const june = await reachByArea(
			db,
			{
				level: `${prefix}-quartier`,
				consultationIds: [consultationId],
				from: new Date('2026-06-01T00:00:00Z'),
				to: new Date('2026-07-01T00:00:00Z')
			},
			{ rules: RULES }
		);
		expect(june[0].counts.surveyResponses).toEqual({ online: 0, analog: 0 });
		expect(june[0].counts.workshopAttendance).toEqual({ online: 0, analog: 3 });
		expect(await reachByArea(db, { level: 'no-such-level' }, { rules: RULES })).toEqual([]);
	});
});

describeEachDatabase('planner area view', (get) => {
	const prefix = `input${Math.random().toString(36).slice(2, 6)}`;
	let tree: Awaited<ReturnType<typeof resultsFixture>>['tree'];
	let consultationId: string;

	beforeAll(async () => {
		const db = get().db;
		const fixture = await resultsFixture(db, prefix);
		tree = fixture.tree;
		consultationId = (
			await db
				.selectFrom('survey')
				.select('consultation_id')
				.where('id', '=', fixture.surveyId)
				.executeTakeFirstOrThrow()
		).consultation_id;
		const categories = Object.fromEntries(
			(
				await db
					.selectFrom('consultation_category')
					.select(['id', 'name'])
					.where('consultation_id', '=', consultationId)
					.execute()
			).map((c) => [c.name, c.id])
		);
		const up = [tree.quartierA, tree.altstadt, tree.nord, tree.city];
		const verkehr = { category_id: categories['Verkehr'] };
		for (let i = 0; i < 4; i++) await contribution(db, consultationId, up, 'online', 'published', verkehr);
		for (let i = 0; i < 3; i++) await contribution(db, consultationId, up, 'paper', 'published', verkehr);
		await contribution(db, consultationId, up, 'online', 'published', {
			category_id: categories['Grünflächen'],
			body: 'Der Spielplatz braucht mehr Schatten'
		});
		await contribution(db, consultationId, up, 'online', 'hidden', { body: 'Versteckt: Schatten' });
		const idea = await db
			.insertInto('idea')
			.values({
				consultation_id: consultationId,
				title: 'Schattige Bänke',
				body: 'Bäume pflanzen',
				status: 'published'
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await db
			.insertInto('idea_area')
			.values(up.map((area_id) => ({ idea_id: idea.id, area_id })))
			.execute();
	}, 120_000);

	it('lists what residents said there, with search, channel filter, pages and protected category counts', async () => {
		const db = get().db;
		const opts = { rules: RULES, pageSize: 5 };
		const all = await areaInput(db, { areaId: tree.quartierA, consultationId }, opts);
		expect(all!.area.name).toBe('Quartier A');
		expect(all!.total).toBe(9);
		expect(all!.entries).toHaveLength(5);
		expect(all!.pageCount).toBe(2);
		const second = await areaInput(db, { areaId: tree.quartierA, consultationId, page: 2 }, opts);
		expect(second!.entries).toHaveLength(4);
		expect(new Set([...all!.entries, ...second!.entries].map((e) => e.itemId)).size).toBe(9);
		expect(all!.entries.some((e) => 'author' in e || 'authorId' in e)).toBe(false);
		// Verkehr 4 online + 3 paper; Grünflächen 1 (hidden) and Verkehr as its cover; ideas have no category.
		const byName = Object.fromEntries(all!.categories.rows.map((r) => [r.category, r]));
		expect(byName['Grünflächen'].suppressed).toBe(true);
		expect(byName['Grünflächen'].total).toBeNull();
		expect(all!.categories.total).toEqual({ online: 6, analog: 3, total: 9 });
		const analog = await areaInput(db, { areaId: tree.quartierA, consultationId, channel: 'analog' }, opts);
		expect(analog!.total).toBe(3);
		expect(analog!.entries.every((e) => e.channel === 'analog')).toBe(true);
		// German full text: "Schatten" finds the contribution and the idea "Schattige Bänke" (stemmed), not hidden input.
		const found = await areaInput(db, { areaId: tree.quartierA, consultationId, q: 'Schatten' }, opts);
		expect(found!.entries.map((e) => e.text).sort()).toEqual(['Der Spielplatz braucht mehr Schatten']);
		const bank = await areaInput(db, { areaId: tree.quartierA, consultationId, q: 'Bank' }, opts);
		// "Bank" finds "Bänke" (German stemming): the 7 "Mehr Bänke bitte" and the idea, newest first.
		expect(bank!.total).toBe(8);
		expect(bank!.entries[0].title).toBe('Schattige Bänke');
		expect(await areaInput(db, { areaId: '00000000-0000-0000-0000-000000000000' }, opts)).toBeNull();
	});
});

describeEachDatabase('planner data permissions', (get) => {
	it('gives planner data to planners and admins only', async () => {
		const db = get().db;
		const planner = await actorFor(db, await insertUser(db, { roles: ['planner'] }));
		const admin = await actorFor(db, await insertUser(db, { roles: ['admin'] }));
		const resident = await actorFor(db, await insertUser(db));
		const managerId = await insertUser(db);
		const area = {
			id: (await insertAreaTree(db, `perm${Math.random().toString(36).slice(2, 6)}`)).quartierA
		};
		await db
			.insertInto('role_grant')
			.values({ user_id: managerId, role: 'quarter_manager', scope_type: 'area', scope_id: area.id })
			.execute();
		const manager = await actorFor(db, managerId);
		expect(can(planner, 'planning.view')).toBe(true);
		expect(can(admin, 'planning.view')).toBe(true);
		expect(can(resident, 'planning.view')).toBe(false);
		expect(can(manager, 'planning.view')).toBe(false);
		expect(can(null, 'planning.view')).toBe(false);
		expect(can(manager, 'planning.view', { area: { id: area.id, ancestorIds: [] } })).toBe(false);
	});
});
