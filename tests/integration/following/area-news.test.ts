// "Neues aus meinem Quartier" on both databases: followers of an area (or an area above it) and of a
// consultation hear of a newly published idea there, a new consultation covering the area and newly
// published survey results; never the person who published it or its author; and pending, hidden or
// unpublished items never reach another person's notification or mail.
import type { Kysely } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../../src/lib/server/auth/actor';
import { changeConsultationStatus } from '../../../src/lib/server/consultations/change-status';
import type { DB } from '../../../src/lib/server/db/types';
import { followItem, runNotificationDigest } from '../../../src/lib/server/following';
import { createIdea } from '../../../src/lib/server/ideas';
import { ideaModeration } from '../../../src/lib/server/ideas/moderation-adapter';
import { publishSurveyResults, unpublishSurveyResults } from '../../../src/lib/server/survey-results';
import { ctxFor, insertConsultation } from '../contributions/fixtures';
import { TEST_ORIGIN } from '../helpers/auth-context';
import { describeEachDatabase } from '../helpers/db';
import { actorFor, insertUser, type AreaTree } from '../helpers/roles-fixtures';
import { resultsFixture } from '../survey-results/fixtures';
import { ctxFor as surveyCtx } from '../surveys/fixtures';

describeEachDatabase('news from my quarter', (get) => {
	let db: Kysely<DB>;
	let tree: AreaTree;
	let planner: Actor;
	/** follows Bezirk Nord (above Altstadt and its Quartiere) */
	let nordFollower: string;
	/** follows Quartier A only */
	let quartierFollower: string;
	/** follows Hafen: hears none of it */
	let hafenFollower: string;
	let survey: Awaited<ReturnType<typeof resultsFixture>>;

	/** The message keys of the events each person was told of (mail deliveries), for this item. */
	async function heard(userId: string, itemId: string) {
		const rows = await db
			.selectFrom('notification_delivery as d')
			.innerJoin('notification_event as e', 'e.id', 'd.event_id')
			.select('e.message_key')
			.where('d.user_id', '=', userId)
			.where('e.item_id', '=', itemId)
			.execute();
		return rows.map((r) => r.message_key);
	}
	async function inApp(userId: string, itemId: string) {
		const rows = await db
			.selectFrom('notification')
			.select('message_key')
			.where('user_id', '=', userId)
			.where('item_id', '=', itemId)
			.execute();
		return rows.map((r) => r.message_key);
	}

	beforeAll(async () => {
		db = get().db;
		// The survey fixture brings its own area tree; everything here uses it.
		survey = await resultsFixture(db, 'n');
		tree = survey.tree;
		planner = await actorFor(db, await insertUser(db, { roles: ['planner'], name: 'Paula Planung' }));
		nordFollower = await insertUser(db, { name: 'Nora Nord' });
		quartierFollower = await insertUser(db, { name: 'Quirin Quartier' });
		hafenFollower = await insertUser(db, { name: 'Hanna Hafen' });
		await followItem(db, nordFollower, { type: 'area', id: tree.nord });
		await followItem(db, quartierFollower, { type: 'area', id: tree.quartierA });
		await followItem(db, hafenFollower, { type: 'area', id: tree.hafen });
		// The planner follows the area too: still not told of their own doing.
		await followItem(db, planner.id, { type: 'area', id: tree.nord });
	}, 120_000);

	it('a new consultation covering the area: its followers and those above hear, the publisher not', async () => {
		const c = await insertConsultation(db, { status: 'draft', areaIds: [tree.altstadt] });
		expect(await heard(nordFollower, c.id)).toEqual([]);
		const r = await changeConsultationStatus(ctxFor(db, planner), c.id, 'published', false);
		expect(r.ok).toBe(true);
		expect(await heard(nordFollower, c.id)).toEqual(['following.event.consultationPublished']);
		expect(await inApp(nordFollower, c.id)).toEqual(['following.event.consultationPublished']);
		// Quartier A lies inside Altstadt: the consultation covers more than it, not "in" it.
		expect(await heard(quartierFollower, c.id)).toEqual([]);
		expect(await heard(hafenFollower, c.id)).toEqual([]);
		expect(await heard(planner.id, c.id)).toEqual([]);
		// Closing it later is not news of this kind.
		await changeConsultationStatus(ctxFor(db, planner), c.id, 'closed', true);
		expect(await heard(nordFollower, c.id)).toHaveLength(1);
		// The mail names it.
		const report = await runNotificationDigest(db, { origin: TEST_ORIGIN });
		expect(report.mailed).toBeGreaterThanOrEqual(1);
		const { email } = await db
			.selectFrom('app_user')
			.select('email')
			.where('id', '=', nordFollower)
			.executeTakeFirstOrThrow();
		const mail = await db
			.selectFrom('mail_outbox')
			.select('body_text')
			.where('to_address', '=', email)
			.executeTakeFirstOrThrow();
		expect(mail.body_text).toContain(`Neue Beteiligung: „Testverfahren`);
	});

	it('a new idea in the area: followers of the area, the areas above and the consultation hear; the author not; pending ideas tell no one until approved', async () => {
		const open = await insertConsultation(db, { areaIds: [tree.altstadt] });
		const moderated = await insertConsultation(db, { areaIds: [tree.altstadt], preModeration: true });
		for (const c of [open, moderated])
			await db
				.updateTable('consultation')
				.set({ modules: ['map_comments', 'ideas'] })
				.where('id', '=', c.id)
				.execute();
		const consultationFollower = await insertUser(db);
		await followItem(db, consultationFollower, { type: 'consultation', id: open.id });
		const author = await actorFor(db, await insertUser(db, { name: 'Anna Autorin' }));
		await followItem(db, author.id, { type: 'area', id: tree.nord });
		const post = (c: typeof open, title: string) =>
			createIdea(ctxFor(db, author), c.id, {
				title,
				body: 'Mehr Bäume und Bänke am Platz, bitte.',
				categoryId: c.categories['Verkehr'],
				areaId: tree.quartierA
			});

		const idea = await post(open, 'Bäume am Marktplatz');
		if (!idea.ok) throw new Error(idea.code);
		const key = 'following.event.ideaPublished';
		for (const person of [nordFollower, quartierFollower, consultationFollower])
			expect(await heard(person, idea.value.id)).toEqual([key]);
		expect(await inApp(quartierFollower, idea.value.id)).toEqual([key]);
		expect(await heard(hafenFollower, idea.value.id)).toEqual([]);
		expect(await heard(author.id, idea.value.id)).toEqual([]);
		expect(await inApp(author.id, idea.value.id)).toEqual([]);

		// Pre-moderated: pending is not public, so nobody hears ...
		const pending = await post(moderated, 'Wartet auf Freigabe');
		if (!pending.ok) throw new Error(pending.code);
		expect(pending.value.status).toBe('pending');
		const told = async () =>
			db.selectFrom('notification_event').select('id').where('item_id', '=', pending.value.id).execute();
		expect(await told()).toEqual([]);
		expect(await inApp(nordFollower, pending.value.id)).toEqual([]);
		// ... hidden from the queue: still nobody ...
		await db.transaction().execute((trx) =>
			ideaModeration.setStatus(trx, pending.value.id, {
				from: 'pending',
				to: 'hidden',
				reason: 'spam',
				clearReports: false
			})
		);
		expect(await told()).toEqual([]);
		// ... while one approved from the queue is news, though not for its author.
		const second = await post(moderated, 'Zweite Idee, freigegeben');
		if (!second.ok) throw new Error(second.code);
		await db.transaction().execute((trx) =>
			ideaModeration.setStatus(trx, second.value.id, {
				from: 'pending',
				to: 'published',
				reason: null,
				clearReports: false
			})
		);
		expect(await heard(nordFollower, second.value.id)).toEqual([key]);
		expect(await heard(author.id, second.value.id)).toEqual([]);
	});

	it('newly published survey results: heard once, only while the consultation is public', async () => {
		const { consultation_id: consultationId } = await db
			.selectFrom('survey')
			.select('consultation_id')
			.where('id', '=', survey.surveyId)
			.executeTakeFirstOrThrow();
		await db
			.insertInto('consultation_area')
			.values({ consultation_id: consultationId, area_id: tree.altstadt })
			.execute();
		const publish = () =>
			publishSurveyResults(surveyCtx(db, survey.manager), survey.surveyId, {
				questions: ['ZUFR'],
				levels: [],
				reach: false
			});
		const key = 'following.event.surveyResultsPublished';
		// A consultation not public (a draft): its published results are not public, nobody hears.
		await db.updateTable('consultation').set({ status: 'draft' }).where('id', '=', consultationId).execute();
		expect((await publish()).ok).toBe(true);
		expect(await heard(nordFollower, survey.surveyId)).toEqual([]);
		expect(await inApp(nordFollower, survey.surveyId)).toEqual([]);
		await unpublishSurveyResults(surveyCtx(db, survey.manager), survey.surveyId);
		await db
			.updateTable('consultation')
			.set({ status: 'published' })
			.where('id', '=', consultationId)
			.execute();
		expect((await publish()).ok).toBe(true);
		expect(await heard(nordFollower, survey.surveyId)).toEqual([key]);
		expect(await heard(quartierFollower, survey.surveyId)).toEqual([]);
		expect(await heard(hafenFollower, survey.surveyId)).toEqual([]);
		expect(await heard(survey.manager.id, survey.surveyId)).toEqual([]);
		// Published again with another choice of questions: not news again.
		expect((await publish()).ok).toBe(true);
		expect(await heard(nordFollower, survey.surveyId)).toEqual([key]);
	});
});
