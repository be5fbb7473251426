// "Was passiert in meinem Quartier?" over surveys and events (issue 10) on both databases: the demo
// Altstadt's roll-up holds the published demo survey results and the past Planungswerkstatt; an
// unpublished survey, a cancelled event and everything of a draft consultation never appear; a measure
// links to a survey's published results and to an event, and both pages' badges find it. Ideas make
// their author and supporters follow them automatically unless the /konto switch is off.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { Actor } from '../../../src/lib/server/auth/actor';
import type { DB } from '../../../src/lib/server/db/types';
import {
	isFollowing,
	listFollowRows,
	publicItems,
	refKey,
	saveSettingsCommand,
	SettingsInput
} from '../../../src/lib/server/following';
import { createIdea, supportIdea } from '../../../src/lib/server/ideas';
import { createMeasure, linkItem, measuresFor } from '../../../src/lib/server/measures';
import { areaActivity } from '../../../src/lib/server/participation/area-activity';
import { TEST_ORIGIN } from '../helpers/auth-context';
import { describeEachDemoDatabase } from '../helpers/demo-db';
import { actorFor, insertUser } from '../helpers/roles-fixtures';
import { ctxFor, insertConsultation } from '../contributions/fixtures';

const DAY = 24 * 60 * 60 * 1000;

describeEachDemoDatabase('area roll-up: surveys, events, automatic following', (get) => {
	let db: Kysely<DB>;
	let altstadt: string;
	let demoSurvey: { id: string; title: string; slug: string };
	let workshop: string;
	let unpublishedSurvey: string;
	let cancelledEvent: string;
	let draftSurvey: string;
	let draftEvent: string;
	let planner: Actor;

	async function insertSurvey(
		consultationId: string,
		questionnaireId: string,
		title: string,
		status: string
	) {
		const row = await db
			.insertInto('survey')
			.values({ consultation_id: consultationId, questionnaire_id: questionnaireId, title, status })
			.returning('id')
			.executeTakeFirstOrThrow();
		return row.id;
	}
	async function publish(surveyId: string) {
		await db.insertInto('survey_publication').values({ survey_id: surveyId, questions: '[]' }).execute();
	}
	async function insertPastEvent(
		consultationId: string | null,
		title: string,
		status: string,
		areaId?: string
	) {
		const ev = await db
			.insertInto('event')
			.values({ consultation_id: consultationId, title, event_type: 'planungswerkstatt', status })
			.returning('id')
			.executeTakeFirstOrThrow();
		if (areaId) await db.insertInto('event_area').values({ event_id: ev.id, area_id: areaId }).execute();
		await db
			.insertInto('event_occurrence')
			.values({
				event_id: ev.id,
				starts_at: new Date(Date.now() - 3 * DAY),
				ends_at: new Date(Date.now() - 3 * DAY + 7_200_000),
				attendance_count: 12
			})
			.execute();
		return ev.id;
	}

	beforeAll(async () => {
		db = get().db;
		altstadt = (
			await db
				.selectFrom('area as a')
				.innerJoin('area_level as l', 'l.id', 'a.level_id')
				.select('a.id')
				.where('a.is_demo', '=', true)
				.where('l.key', '=', 'stadtteil')
				.where('a.name', '=', 'Altstadt')
				.executeTakeFirstOrThrow()
		).id;
		const s = await db
			.selectFrom('survey_publication as p')
			.innerJoin('survey as s', 's.id', 'p.survey_id')
			.innerJoin('consultation as c', 'c.id', 's.consultation_id')
			.select(['s.id', 's.title', 'c.slug', 's.questionnaire_id', 's.consultation_id'])
			.where('s.is_demo', '=', true)
			.where((eb) =>
				eb.exists(
					eb
						.selectFrom('consultation_area as ca')
						.select('ca.area_id')
						.whereRef('ca.consultation_id', '=', 'c.id')
						.where('ca.area_id', '=', altstadt)
				)
			)
			.executeTakeFirstOrThrow();
		demoSurvey = { id: s.id, title: s.title, slug: s.slug };
		workshop = (
			await db
				.selectFrom('event')
				.select('id')
				.where('is_demo', '=', true)
				.where('title', '=', 'Planungswerkstatt Marktplatz')
				.executeTakeFirstOrThrow()
		).id;
		// In the same public consultation: a survey without published results, a cancelled workshop.
		unpublishedSurvey = await insertSurvey(
			s.consultation_id,
			s.questionnaire_id,
			'Noch nicht ausgewertet',
			'closed'
		);
		cancelledEvent = await insertPastEvent(s.consultation_id, 'Abgesagte Werkstatt', 'cancelled');
		// A draft consultation for the Altstadt: its published survey and documented workshop stay out.
		const draft = await insertConsultation(db, { status: 'draft', areaIds: [altstadt] });
		draftSurvey = await insertSurvey(draft.id, s.questionnaire_id, 'Entwurfsbefragung', 'closed');
		await publish(draftSurvey);
		draftEvent = await insertPastEvent(draft.id, 'Werkstatt im Entwurf', 'published', altstadt);
		planner = await actorFor(db, await insertUser(db, { roles: ['planner'], name: 'Paula Planung' }));
	}, 120_000);

	describe('roll-up', () => {
		it('shows the published demo survey and the past workshop in the Altstadt, never unpublished ones', async () => {
			const { entries } = await areaActivity(db, altstadt, { pageSize: 200 });
			const survey = entries.find((e) => e.itemType === 'survey' && e.itemId === demoSurvey.id);
			expect(survey).toMatchObject({
				title: demoSurvey.title,
				path: `/beteiligung/${demoSurvey.slug}#pub-${demoSurvey.id}`,
				kindKey: 'surveysResults.kind.survey'
			});
			const event = entries.find((e) => e.itemType === 'event' && e.itemId === workshop);
			expect(event).toMatchObject({ title: 'Planungswerkstatt Marktplatz', path: `/termine/${workshop}` });
			const ids = entries.map((e) => e.itemId);
			for (const never of [unpublishedSurvey, cancelledEvent, draftSurvey, draftEvent])
				expect(ids).not.toContain(never);
			// newest first across modules
			const times = entries.map((e) => new Date(e.at).getTime());
			expect(times).toEqual([...times].sort((a, b) => b - a));
			// upcoming demo dates without results are not "what happened"
			const upcoming = await db
				.selectFrom('event')
				.select('id')
				.where('title', '=', 'Stadtteilkonferenz Altstadt')
				.executeTakeFirstOrThrow();
			expect(ids).not.toContain(upcoming.id);
		});

		it('item summaries name only public surveys and events', async () => {
			const found = await publicItems(db, [
				{ itemType: 'survey', itemId: demoSurvey.id },
				{ itemType: 'survey', itemId: unpublishedSurvey },
				{ itemType: 'survey', itemId: draftSurvey },
				{ itemType: 'event', itemId: workshop },
				{ itemType: 'event', itemId: cancelledEvent },
				{ itemType: 'event', itemId: draftEvent }
			]);
			expect([...found.keys()].sort()).toEqual(
				[refKey('survey', demoSurvey.id), refKey('event', workshop)].sort()
			);
			expect(found.get(refKey('survey', demoSurvey.id))?.areaIds).toContain(altstadt);
			expect(found.get(refKey('event', workshop))?.areaIds).toContain(altstadt);
		});
	});

	describe('measures', () => {
		it('links a survey by its results address and an event by its page; the badges find the measure', async () => {
			const c = await db
				.selectFrom('consultation')
				.select('id')
				.where('slug', '=', demoSurvey.slug)
				.executeTakeFirstOrThrow();
			const made = await createMeasure(ctxFor(db, planner), {
				title: 'Sitzbänke nach der Befragung',
				description: 'Umsetzung der Befragungsergebnisse.',
				responsible: 'Grünflächenamt',
				areaIds: [altstadt],
				consultationId: c.id,
				status: 'published'
			});
			if (!made.ok) throw new Error(made.code);
			const id = made.value.id;
			expect(
				await linkItem(ctxFor(db, planner), id, { itemType: 'survey', reference: unpublishedSurvey })
			).toMatchObject({ ok: false, code: 'item_not_found' });
			expect(
				await linkItem(ctxFor(db, planner), id, {
					itemType: 'survey',
					reference: `${TEST_ORIGIN}/beteiligung/${demoSurvey.slug}#pub-${demoSurvey.id}`
				})
			).toMatchObject({ ok: true, value: { itemType: 'survey', itemId: demoSurvey.id } });
			expect(
				await linkItem(ctxFor(db, planner), id, {
					itemType: 'event',
					reference: `/termine/${cancelledEvent}`
				})
			).toMatchObject({ ok: false, code: 'item_not_found' });
			expect(
				await linkItem(ctxFor(db, planner), id, { itemType: 'event', reference: `/termine/${workshop}` })
			).toMatchObject({ ok: true });
			const onSurvey = (await measuresFor(db, 'survey', [demoSurvey.id])).get(demoSurvey.id) ?? [];
			expect(onSurvey.map((m) => m.id)).toEqual([id]);
			const onEvent = (await measuresFor(db, 'event', [workshop])).get(workshop) ?? [];
			expect(onEvent.map((m) => m.title)).toEqual(['Sitzbänke nach der Befragung']);
		});
	});

	describe('automatic following of ideas', () => {
		async function ideaBoard() {
			const c = await insertConsultation(db);
			await db
				.updateTable('consultation')
				.set({ modules: ['map_comments', 'ideas'] })
				.where('id', '=', c.id)
				.execute();
			return c;
		}
		async function post(author: Actor) {
			const c = await ideaBoard();
			const r = await createIdea(ctxFor(db, author), c.id, {
				title: 'Schattenbäume am Spielplatz',
				body: 'Im Sommer ist es dort zu heiß.',
				categoryId: c.categories['Grünflächen']
			});
			if (!r.ok) throw new Error(r.code);
			return r.value.id;
		}

		it('author and supporter follow automatically; withdrawing the support ends only that follow', async () => {
			const author = await actorFor(db, await insertUser(db, { name: 'Anna Autorin' }));
			const fan = await actorFor(db, await insertUser(db, { name: 'Felix Fan' }));
			const idea = await post(author);
			const target = { type: 'idea', id: idea };
			expect(await isFollowing(db, author.id, target)).toBe(true);
			expect((await listFollowRows(db, author.id)).find((r) => r.targetId === idea)?.auto).toBe(true);
			expect(await isFollowing(db, fan.id, target)).toBe(false);
			expect(await supportIdea(ctxFor(db, fan), idea, true)).toMatchObject({ ok: true });
			expect(await isFollowing(db, fan.id, target)).toBe(true);
			expect(await supportIdea(ctxFor(db, fan), idea, false)).toMatchObject({ ok: true });
			expect(await isFollowing(db, fan.id, target)).toBe(false);
			expect(await isFollowing(db, author.id, target)).toBe(true);
		});

		it('with "automatisch folgen" switched off in /konto, posting and supporting follow nothing', async () => {
			const author = await actorFor(db, await insertUser(db, { name: 'Olga Ohne' }));
			const fan = await actorFor(db, await insertUser(db, { name: 'Otto Ohne' }));
			// the form without the checkbox: autoFollow off
			for (const who of [author, fan]) {
				const input = SettingsInput.parse({ delivery: 'weekly' });
				expect(await saveSettingsCommand(ctxFor(db, who), input)).toMatchObject({ ok: true });
			}
			const idea = await post(author);
			expect(await isFollowing(db, author.id, { type: 'idea', id: idea })).toBe(false);
			expect(await supportIdea(ctxFor(db, fan), idea, true)).toMatchObject({ ok: true });
			expect(await isFollowing(db, fan.id, { type: 'idea', id: idea })).toBe(false);
			expect(await listFollowRows(db, fan.id)).toEqual([]);
		});
	});
});
