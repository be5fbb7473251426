// Idea boards, the paths the main suite leaves out (issue 10 audit, gap 7), on both databases: an area
// chosen from the list (and one outside the consultation refused), the posting period, the board list's
// sorts, filters, page 2 and archive, comment replies, reports on ideas and comments.
import type { Kysely } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../../src/lib/server/auth/actor';
import type { DB } from '../../../src/lib/server/db/types';
import {
	commentOnIdea,
	createIdea,
	IdeaListQuery,
	listIdeas,
	loadBoardRules,
	saveBoardRules,
	supportIdea
} from '../../../src/lib/server/ideas';
import { countQueue, reportItem } from '../../../src/lib/server/participation/moderation';
import { respondToItem } from '../../../src/lib/server/participation/outcomes';
import { TEST_ORIGIN } from '../helpers/auth-context';
import { describeEachDatabase } from '../helpers/db';
import { actorFor, insertAreaTree, insertUser, type AreaTree } from '../helpers/roles-fixtures';
import { ctxFor, insertConsultation } from '../contributions/fixtures';

const DAY = 86_400_000;

describeEachDatabase('idea board list, replies, reports and periods', (get) => {
	let db: Kysely<DB>;
	let tree: AreaTree;
	let planner: Actor;

	beforeAll(async () => {
		db = get().db;
		tree = await insertAreaTree(db, 'i');
		planner = await actorFor(db, await insertUser(db, { roles: ['planner'], name: 'Paula Planung' }));
	});

	async function board() {
		const c = await insertConsultation(db, { areaIds: [tree.altstadt] });
		await db
			.updateTable('consultation')
			.set({ modules: ['map_comments', 'ideas'] })
			.where('id', '=', c.id)
			.execute();
		return c;
	}
	const resident = async () => actorFor(db, await insertUser(db));
	const key = async (id: string) =>
		(await db.selectFrom('area').select('key').where('id', '=', id).executeTakeFirstOrThrow()).key;

	it('posts with an area chosen from the list (every level above it), refuses one outside the consultation', async () => {
		const c = await board();
		const me = await resident();
		const r = await createIdea(ctxFor(db, me), c.id, {
			title: 'Spielplatz im Quartier A',
			body: 'Der alte ist zu klein.',
			categoryId: c.categories['Verkehr'],
			areaId: tree.quartierA
		});
		if (!r.ok) throw new Error(JSON.stringify(r));
		const expected = await Promise.all(
			[tree.city, tree.nord, tree.altstadt, tree.quartierA].map((id) => key(id))
		);
		expect([...r.value.areaKeys].sort()).toEqual(expected.sort());
		const outside = await createIdea(ctxFor(db, me), c.id, {
			title: 'Etwas am Hafen',
			body: 'Ganz woanders.',
			categoryId: c.categories['Verkehr'],
			areaId: tree.quartierC
		});
		expect(!outside.ok && outside.errors).toEqual({ areaId: 'ideas.errors.outsideConsultation' });
		// The list filter by an area at a higher level finds it.
		const rules = await loadBoardRules(db, c.id);
		const list = await listIdeas(
			db,
			c.id,
			IdeaListQuery.parse({ area: await key(tree.nord) }),
			rules,
			new Date(),
			20
		);
		expect(list.items.map((i) => i.title)).toEqual(['Spielplatz im Quartier A']);
		const none = await listIdeas(
			db,
			c.id,
			IdeaListQuery.parse({ area: await key(tree.hafen) }),
			rules,
			new Date(),
			20
		);
		expect(none.total).toBe(0);
	});

	it('refuses posting before and after the posting period', async () => {
		const c = await board();
		const manager = planner;
		const now = Date.now();
		const idea = {
			title: 'Zur falschen Zeit',
			body: 'Außerhalb der Frist.',
			categoryId: c.categories['Verkehr']
		};
		expect(
			(
				await saveBoardRules(ctxFor(db, manager), c.id, {
					postingStartsAt: new Date(now + DAY).toISOString(),
					responseDays: '30',
					statusPath: ['received', 'in_review', 'accepted']
				})
			).ok
		).toBe(true);
		const early = await createIdea(ctxFor(db, await resident()), c.id, idea);
		expect(!early.ok && early.code).toBe('posting_not_started');
		await saveBoardRules(ctxFor(db, manager), c.id, {
			postingEndsAt: new Date(now - DAY).toISOString(),
			responseDays: '30',
			statusPath: ['received', 'in_review', 'accepted']
		});
		const late = await createIdea(ctxFor(db, await resident()), c.id, idea);
		expect(!late.ok && late.code).toBe('posting_ended');
		expect(await db.selectFrom('idea').select('id').where('consultation_id', '=', c.id).execute()).toEqual(
			[]
		);
		await saveBoardRules(ctxFor(db, manager), c.id, {
			postingEndsAt: new Date(now + DAY).toISOString(),
			responseDays: '30',
			statusPath: ['received', 'in_review', 'accepted']
		});
		expect((await createIdea(ctxFor(db, await resident()), c.id, idea)).ok).toBe(true);
	});

	it('sorts by supports, status and last response, filters by category and status, pages, archives', async () => {
		const c = await board();
		const author = await resident();
		const ids: string[] = [];
		const cats = Object.values(c.categories);
		for (let i = 0; i < 5; i++) {
			const r = await createIdea(ctxFor(db, author), c.id, {
				title: `Idee Nummer ${i}`,
				body: 'Ein Vorschlag für das Quartier.',
				categoryId: cats[i % 2]
			});
			if (!r.ok) throw new Error(JSON.stringify(r));
			ids.push(r.value.id);
		}
		// Ordered creation times: 0 oldest … 4 newest.
		for (const [i, id] of ids.entries())
			await db
				.updateTable('idea')
				.set({ created_at: new Date(Date.now() - (10 - i) * 60_000) })
				.where('id', '=', id)
				.execute();
		// Supports: idea 1 three, idea 3 one.
		for (let n = 0; n < 3; n++) await supportIdea(ctxFor(db, await resident()), ids[1], true);
		await supportIdea(ctxFor(db, await resident()), ids[3], true);
		const answer = (id: string, status: string) =>
			respondToItem(
				{ db, actor: planner, now: new Date(), config: { origin: TEST_ORIGIN } },
				{
					itemType: 'idea',
					itemId: id,
					status,
					responseText: 'Antwort der Verwaltung.',
					nextSteps: '',
					responderName: 'Stadtplanung'
				}
			);
		expect((await answer(ids[0], 'in_review')).ok).toBe(true);
		await new Promise((r) => setTimeout(r, 20));
		expect((await answer(ids[2], 'accepted')).ok).toBe(true);

		const rules = await loadBoardRules(db, c.id);
		const list = async (q: Record<string, string>, size = 20) =>
			(await listIdeas(db, c.id, IdeaListQuery.parse(q), rules, new Date(), size)).items.map((i) =>
				ids.indexOf(i.id)
			);
		expect(await list({})).toEqual([4, 3, 2, 1, 0]);
		expect((await list({ sort: 'supported' })).slice(0, 2)).toEqual([1, 3]);
		expect((await list({ sort: 'response' })).slice(0, 2)).toEqual([2, 0]);
		const byStatus = await list({ sort: 'status' });
		expect(byStatus).toHaveLength(5);
		expect(byStatus.indexOf(2)).toBeLessThan(byStatus.indexOf(4));
		expect(await list({ status: 'accepted' })).toEqual([2]);
		expect(await list({ status: 'received' })).toEqual([4, 3, 1]);
		expect(await list({ category: cats[1] })).toEqual([3, 1]);
		// Page 2 of pages of two, and the total over all pages.
		const page2 = await listIdeas(db, c.id, IdeaListQuery.parse({ page: '2' }), rules, new Date(), 2);
		expect(page2.total).toBe(5);
		expect(page2.items.map((i) => ids.indexOf(i.id))).toEqual([2, 1]);
		expect(
			(await listIdeas(db, c.id, IdeaListQuery.parse({ page: '3' }), rules, new Date(), 2)).items.map((i) =>
				ids.indexOf(i.id)
			)
		).toEqual([0]);

		// Archive: ideas without supports older than the period leave the list and stand under ?archived=1.
		await saveBoardRules(ctxFor(db, planner), c.id, {
			archiveAfterDays: '7',
			responseDays: '30',
			statusPath: rules.statusPath
		});
		await db
			.updateTable('idea')
			.set({ created_at: new Date(Date.now() - 30 * DAY) })
			.where('id', 'in', [ids[4], ids[1]])
			.execute();
		const archiving = await loadBoardRules(db, c.id);
		const current = await listIdeas(db, c.id, IdeaListQuery.parse({}), archiving, new Date(), 20);
		const archived = await listIdeas(
			db,
			c.id,
			IdeaListQuery.parse({ archived: '1' }),
			archiving,
			new Date(),
			20
		);
		// Idea 1 has supports and idea 0 a response: they stay; idea 4 has neither: archived.
		expect(current.items.map((i) => ids.indexOf(i.id)).sort()).toEqual([0, 1, 2, 3]);
		expect(archived.items.map((i) => ids.indexOf(i.id))).toEqual([4]);
	});

	it('replies attach to the root comment, a hidden parent refuses a reply; reports reach the queue', async () => {
		const c = await board();
		const r = await createIdea(ctxFor(db, await resident()), c.id, {
			title: 'Mehr Grün am Markt',
			body: 'Bäume statt Parkplätze.',
			categoryId: c.categories['Verkehr']
		});
		if (!r.ok) throw new Error('setup');
		const root = await commentOnIdea(ctxFor(db, await resident()), r.value.id, { body: 'Gute Idee.' });
		if (!root.ok) throw new Error('setup');
		const reply = await commentOnIdea(ctxFor(db, await resident()), r.value.id, {
			body: 'Finde ich auch.',
			parentId: root.value.id
		});
		if (!reply.ok) throw new Error('setup');
		const replyToReply = await commentOnIdea(ctxFor(db, await resident()), r.value.id, {
			body: 'Und ich erst.',
			parentId: reply.value.id
		});
		if (!replyToReply.ok) throw new Error('setup');
		const parents = await db
			.selectFrom('idea_comment')
			.select(['id', 'parent_id'])
			.where('idea_id', '=', r.value.id)
			.execute();
		const parentOf = (id: string) => parents.find((p) => p.id === id)?.parent_id;
		expect(parentOf(root.value.id)).toBeNull();
		expect(parentOf(reply.value.id)).toBe(root.value.id);
		expect(parentOf(replyToReply.value.id)).toBe(root.value.id);

		const before = await countQueue(db, [c.id]);
		const reporter = await resident();
		const onIdea = await reportItem(ctxFor(db, reporter), 'idea', r.value.id, { reason: 'Werbung' });
		const onComment = await reportItem(ctxFor(db, reporter), 'idea_comment', root.value.id, {
			reason: 'Beleidigend'
		});
		expect(onIdea.ok && onComment.ok).toBe(true);
		const after = await countQueue(db, [c.id]);
		expect(after.reported).toBe(before.reported + 2);
		expect(
			await db
				.selectFrom('moderation_report')
				.select(['item_type'])
				.where('item_id', 'in', [r.value.id, root.value.id])
				.orderBy('item_type')
				.execute()
		).toEqual([{ item_type: 'idea' }, { item_type: 'idea_comment' }]);

		await db.updateTable('idea_comment').set({ status: 'hidden' }).where('id', '=', root.value.id).execute();
		const toHidden = await commentOnIdea(ctxFor(db, await resident()), r.value.id, {
			body: 'Antwort auf Verstecktes.',
			parentId: root.value.id
		});
		expect(!toHidden.ok && toHidden.code).toBe('not_found');
	});
});
