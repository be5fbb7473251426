// Results of a stand-alone event (issue 11), on both databases: they go into an open consultation
// covering the event's areas (never one that does not cover them, never by a resident), the event
// lists them, and a workshop result links to an idea — shown on both sides, audited, refused for
// residents, for hidden ideas and for input that is not a workshop result.
import type { Kysely } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/lib/server/auth/actor';
import { createContribution } from '../../../src/lib/server/contributions';
import type { DB } from '../../../src/lib/server/db/types';
import { seedDemoIfEmpty } from '../../../src/lib/server/demo';
import { eventForEntry, eventOfResult, resultHomes, resultsOfEvent } from '../../../src/lib/server/events';
import {
	ideasLinkedToResult,
	linkableIdeas,
	linkResultToIdea,
	resultsLinkedToIdea,
	unlinkResultFromIdea
} from '../../../src/lib/server/ideas';
import { linkItem, manageableMeasures, measuresFor } from '../../../src/lib/server/measures';
import { ctxFor, insertConsultation } from '../contributions/fixtures';
import { describeEachDatabase } from '../helpers/db';
import { actorFor } from '../helpers/roles-fixtures';

async function accountActor(db: Kysely<DB>, email: string): Promise<Actor> {
	const u = await db.selectFrom('app_user').select('id').where('email', '=', email).executeTakeFirstOrThrow();
	return actorFor(db, u.id);
}

describeEachDatabase('events: results of a stand-alone event, linked to ideas', (get) => {
	let db: Kysely<DB>;
	let planner: Actor;
	let resident: Actor;
	let forum: string; // "Sozialraumforum Altstadt": stand-alone, area Altstadt
	let markt: { id: string; category: string; area: string };

	beforeAll(async () => {
		db = get().db;
		await seedDemoIfEmpty(get());
		planner = await accountActor(db, 'planung@musterstadt.example');
		resident = await accountActor(db, 'bewohner@musterstadt.example');
		const ev = await db
			.selectFrom('event')
			.select(['id', 'consultation_id'])
			.where('title', '=', 'Sozialraumforum Altstadt')
			.executeTakeFirstOrThrow();
		expect(ev.consultation_id).toBeNull();
		forum = ev.id;
		const c = await db
			.selectFrom('consultation')
			.select('id')
			.where('slug', '=', 'marktplatz-altstadt')
			.executeTakeFirstOrThrow();
		const [category, area] = await Promise.all([
			db
				.selectFrom('consultation_category')
				.select('id')
				.where('consultation_id', '=', c.id)
				.executeTakeFirstOrThrow(),
			db
				.selectFrom('consultation_area')
				.select('area_id')
				.where('consultation_id', '=', c.id)
				.executeTakeFirstOrThrow()
		]);
		markt = { id: c.id, category: category.id, area: area.area_id };
	}, 120_000);

	const entry = (eventId: string) => ({
		body: 'Sozialraumforum, Tisch 3: ein Treffpunkt für Ältere im Quartier',
		categoryId: markt.category,
		areaIds: [markt.area],
		channel: 'workshop',
		collectedOn: '2026-11-20',
		eventId
	});

	describe('entering', () => {
		it('offers the planner the open consultations covering the event, a resident none', async () => {
			const homes = await resultHomes(ctxFor(db, planner), forum);
			expect(homes.map((h) => h.slug)).toContain('marktplatz-altstadt');
			expect(await resultHomes(ctxFor(db, resident), forum)).toEqual([]);
			expect(await resultHomes(ctxFor(db, null), forum)).toEqual([]);
		});

		it('does not offer or accept a consultation that does not cover the event', async () => {
			// a Quartier outside Altstadt
			const altstadt = await db
				.selectFrom('event_area')
				.select('area_id')
				.where('event_id', '=', forum)
				.executeTakeFirstOrThrow();
			const outside = await db
				.selectFrom('area as a')
				.innerJoin('area_level as l', 'l.id', 'a.level_id')
				.select('a.id')
				.where('l.key', '=', 'quartier')
				.where('a.parent_id', '!=', altstadt.area_id)
				.where('a.valid_to', 'is', null)
				.orderBy('a.key')
				.executeTakeFirstOrThrow();
			const other = await insertConsultation(db, { areaIds: [outside.id] });
			expect(await eventForEntry(db, forum, other.id)).toBeNull();
			expect((await resultHomes(ctxFor(db, planner), forum)).map((h) => h.slug)).not.toContain(other.slug);
			const r = await createContribution(ctxFor(db, planner), other.id, {
				...entry(forum),
				categoryId: other.categories.Verkehr,
				areaIds: [outside.id]
			});
			expect(r).toMatchObject({
				ok: false,
				code: 'invalid',
				errors: { eventId: 'events.errors.occurrenceInvalid' }
			});
		});

		it('enters a workshop result of the stand-alone event; the event lists it with its consultation', async () => {
			const found = await eventForEntry(db, forum, markt.id);
			expect(found).toMatchObject({ id: forum, title: 'Sozialraumforum Altstadt' });
			const before = await resultsOfEvent(db, forum);
			const r = await createContribution(ctxFor(db, planner), markt.id, entry(forum));
			if (!r.ok) throw new Error(r.code);
			const row = await db
				.selectFrom('contribution')
				.select(['event_id', 'channel', 'consultation_id', 'status'])
				.where('id', '=', r.value.id)
				.executeTakeFirstOrThrow();
			expect(row).toEqual({
				event_id: forum,
				channel: 'workshop',
				consultation_id: markt.id,
				status: 'published'
			});
			const after = await resultsOfEvent(db, forum);
			expect(after.total).toBe(before.total + 1);
			expect(after.items[0]).toMatchObject({ id: r.value.id, slug: 'marktplatz-altstadt' });
			// the result names its event
			expect(await eventOfResult(db, r.value.id)).toEqual({ id: forum, title: 'Sozialraumforum Altstadt' });
		});

		it('refuses a resident entering results, and writes nothing', async () => {
			const before = (await resultsOfEvent(db, forum)).total;
			const r = await createContribution(ctxFor(db, resident), markt.id, entry(forum));
			expect(r).toMatchObject({ ok: false, code: 'forbidden' });
			expect((await resultsOfEvent(db, forum)).total).toBe(before);
		});
	});

	describe('linking to ideas', () => {
		async function workshopResult() {
			const r = await createContribution(ctxFor(db, planner), markt.id, entry(forum));
			if (!r.ok) throw new Error(r.code);
			return r.value.id;
		}

		it('links a workshop result to an idea, shows it on both sides, audits, and unlinks', async () => {
			const result = await workshopResult();
			const ideas = await linkableIdeas(db, markt.id);
			expect(ideas.length).toBeGreaterThan(0);
			const idea = ideas[0];

			// a resident may not: looks like a missing result, nothing written
			const forbidden = await linkResultToIdea(ctxFor(db, resident), {
				contributionId: result,
				ideaId: idea.id
			});
			expect(forbidden).toMatchObject({ ok: false, code: 'not_found' });
			const anonymous = await linkResultToIdea(ctxFor(db, null), { contributionId: result, ideaId: idea.id });
			expect(anonymous).toMatchObject({ ok: false, code: 'not_found' });
			expect(await ideasLinkedToResult(db, result)).toEqual([]);

			const ok = await linkResultToIdea(ctxFor(db, planner), { contributionId: result, ideaId: idea.id });
			expect(ok).toEqual({ ok: true, value: { contributionId: result, ideaId: idea.id } });
			expect(await ideasLinkedToResult(db, result)).toEqual([
				{ id: idea.id, title: idea.title, slug: 'marktplatz-altstadt' }
			]);
			const onIdea = await resultsLinkedToIdea(db, idea.id);
			expect(onIdea.find((r) => r.id === result)).toMatchObject({
				slug: 'marktplatz-altstadt',
				eventId: forum,
				eventTitle: 'Sozialraumforum Altstadt'
			});
			const audit = await db
				.selectFrom('audit_log')
				.select(['actor_id', 'subject_id', 'details'])
				.where('action', '=', 'idea.link_result')
				.where('subject_id', '=', idea.id)
				.execute();
			expect(audit.some((a) => a.actor_id === planner.id && JSON.stringify(a.details).includes(result))).toBe(
				true
			);

			const again = await linkResultToIdea(ctxFor(db, planner), { contributionId: result, ideaId: idea.id });
			expect(again).toMatchObject({
				ok: false,
				code: 'already_linked',
				errors: { ideaId: 'ideas.errors.linkAlready' }
			});

			// unlinking: a resident may not, the planner may
			expect(
				await unlinkResultFromIdea(ctxFor(db, resident), { contributionId: result, ideaId: idea.id })
			).toMatchObject({
				ok: false,
				code: 'not_found'
			});
			expect(
				await unlinkResultFromIdea(ctxFor(db, planner), { contributionId: result, ideaId: idea.id })
			).toEqual({
				ok: true,
				value: null
			});
			expect(await ideasLinkedToResult(db, result)).toEqual([]);
			expect((await resultsLinkedToIdea(db, idea.id)).some((r) => r.id === result)).toBe(false);
			// a second click (or a second organiser) finds it gone: fine, and audited once
			expect(
				await unlinkResultFromIdea(ctxFor(db, planner), { contributionId: result, ideaId: idea.id })
			).toEqual({ ok: true, value: null });
			const unlinks = await db
				.selectFrom('audit_log')
				.select('details')
				.where('action', '=', 'idea.unlink_result')
				.where('subject_id', '=', idea.id)
				.execute();
			expect(unlinks.filter((a) => JSON.stringify(a.details).includes(result))).toHaveLength(1);
		});

		it('offers the planner the measures to link from the result side, a resident none', async () => {
			const result = await workshopResult();
			expect(await manageableMeasures(ctxFor(db, resident))).toEqual([]);
			const choices = await manageableMeasures(ctxFor(db, planner));
			const measure = choices.find((m) => m.status === 'published');
			if (!measure) throw new Error('the demo city has published measures');
			const r = await linkItem(ctxFor(db, planner), measure.id, {
				itemType: 'contribution',
				reference: result
			});
			expect(r).toEqual({ ok: true, value: { itemType: 'contribution', itemId: result } });
			expect((await measuresFor(db, 'contribution', [result])).get(result)?.map((m) => m.id)).toEqual([
				measure.id
			]);
			// a resident cannot link (the measure looks missing)
			const other = await workshopResult();
			expect(
				await linkItem(ctxFor(db, resident), measure.id, { itemType: 'contribution', reference: other })
			).toMatchObject({ ok: false, code: 'not_found' });
		});

		it('refuses a hidden idea, input that is not a workshop result, and bad input', async () => {
			const result = await workshopResult();
			const [idea] = await linkableIdeas(db, markt.id);
			const hidden = await db
				.insertInto('idea')
				.values({
					consultation_id: markt.id,
					title: 'Eine ausgeblendete Idee',
					body: 'Ausgeblendet von der Moderation.',
					status: 'hidden'
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			expect(
				await linkResultToIdea(ctxFor(db, planner), { contributionId: result, ideaId: hidden.id })
			).toMatchObject({
				ok: false,
				code: 'idea_not_found',
				errors: { ideaId: 'ideas.errors.linkIdeaNotFound' }
			});
			expect((await linkableIdeas(db, markt.id)).some((i) => i.id === hidden.id)).toBe(false);

			const paper = await createContribution(ctxFor(db, planner), markt.id, {
				...entry(forum),
				channel: 'paper'
			});
			if (!paper.ok) throw new Error(paper.code);
			expect(
				await linkResultToIdea(ctxFor(db, planner), { contributionId: paper.value.id, ideaId: idea.id })
			).toMatchObject({ ok: false, code: 'not_found' });

			expect(
				await linkResultToIdea(ctxFor(db, planner), { contributionId: result, ideaId: '' })
			).toMatchObject({
				ok: false,
				code: 'invalid',
				errors: { ideaId: 'ideas.errors.linkIdeaRequired' }
			});
			const rows = await db
				.selectFrom('idea_result_link')
				.select('idea_id')
				.where('contribution_id', 'in', [result, paper.value.id])
				.execute();
			expect(rows).toEqual([]);
		});
	});
});
