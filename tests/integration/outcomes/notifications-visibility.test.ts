// In-app notifications keep the title or excerpt of their item. An item hidden or unpublished after the
// notification was written must leave another person's list and unread count (issue 10, 6.2d), and
// come back when it is public again. Both databases.
import { beforeAll, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { Actor } from '../../../src/lib/server/auth/actor';
import type { CommandContext } from '../../../src/lib/server/core';
import type { DB } from '../../../src/lib/server/db/types';
import { followItem } from '../../../src/lib/server/following';
import { createIdea } from '../../../src/lib/server/ideas';
import { moderateItem } from '../../../src/lib/server/participation/moderation';
import {
	countUnreadNotifications,
	listNotifications,
	respondToItem
} from '../../../src/lib/server/participation/outcomes';
import { TEST_ORIGIN } from '../helpers/auth-context';
import { describeEachDatabase } from '../helpers/db';
import { actorFor, insertUser } from '../helpers/roles-fixtures';
import { ctxFor as contributionCtx, insertConsultation } from '../contributions/fixtures';

let clock = Date.parse('2026-12-01T09:00:00Z');
function ctxFor(db: Kysely<DB>, actor: Actor | null): CommandContext {
	clock += 60_000;
	return { db, actor, now: new Date(clock), config: { origin: TEST_ORIGIN } };
}

const response = {
	status: 'in_review',
	responseText: 'Wir sehen uns das an.',
	nextSteps: '',
	responderName: 'Stadtplanung'
};

describeEachDatabase('in-app notifications and visibility', (get) => {
	let db: Kysely<DB>;
	let planner: Actor;
	let moderator: Actor;

	beforeAll(async () => {
		db = get().db;
		planner = await actorFor(db, await insertUser(db, { roles: ['planner'], name: 'Paula Planung' }));
		moderator = await actorFor(db, await insertUser(db, { roles: ['moderator'], name: 'Mo Moderation' }));
	});

	it('leaves out notifications of items hidden or unpublished later, and counts only the shown ones', async () => {
		const board = await insertConsultation(db);
		await db
			.updateTable('consultation')
			.set({ modules: ['map_comments', 'ideas'] })
			.where('id', '=', board.id)
			.execute();
		const author = await actorFor(db, await insertUser(db, { name: 'Anna Autorin' }));
		const follower = await insertUser(db, { name: 'Fritz Folgt' });
		const post = async (title: string) => {
			const r = await createIdea(contributionCtx(db, author), board.id, {
				title,
				body: 'Damit es im Quartier besser wird.',
				categoryId: board.categories['Verkehr']
			});
			if (!r.ok) throw new Error(JSON.stringify(r));
			await followItem(db, follower, { type: 'idea', id: r.value.id });
			const answered = await respondToItem(ctxFor(db, planner), {
				itemType: 'idea',
				itemId: r.value.id,
				...response
			});
			expect(answered.ok).toBe(true);
			return r.value.id;
		};
		const kept = await post('Bleibende Idee mit Bänken');
		const hidden = await post('Später versteckte Idee');
		const contribution = await db
			.insertInto('contribution')
			.values({ consultation_id: board.id, body: 'Bald zurückgezogener Hinweis', status: 'published' })
			.returning('id')
			.executeTakeFirstOrThrow();
		await followItem(db, follower, { type: 'contribution', id: contribution.id });
		expect(
			(
				await respondToItem(ctxFor(db, planner), {
					itemType: 'contribution',
					itemId: contribution.id,
					...response
				})
			).ok
		).toBe(true);

		const shown = async () => {
			const list = await listNotifications(db, follower);
			return { list, text: JSON.stringify(list.entries) };
		};
		const before = await shown();
		expect(before.list.total).toBe(3);
		expect(before.text).toContain('Später versteckte Idee');
		expect(before.text).toContain('Bald zurückgezogener Hinweis');
		expect(await countUnreadNotifications(db, follower)).toBe(3);

		// Hidden by a moderator, and a contribution no longer published: both leave the list and the count.
		await moderateItem(ctxFor(db, moderator), 'idea', hidden, { action: 'hide', reason: 'Beleidigend' });
		await db
			.updateTable('contribution')
			.set({ status: 'hidden' })
			.where('id', '=', contribution.id)
			.execute();
		const after = await shown();
		expect(after.list.total).toBe(1);
		expect(after.list.unread).toBe(1);
		expect(after.list.pages).toBe(1);
		expect(after.text).toContain('Bleibende Idee mit Bänken');
		expect(after.text).not.toContain('Später versteckte Idee');
		expect(after.text).not.toContain('Bald zurückgezogener Hinweis');
		expect(after.list.entries.map((e) => e.path).join()).not.toContain(hidden);
		expect(await countUnreadNotifications(db, follower)).toBe(1);

		// The whole board unpublished (back to draft): none of its ideas is shown.
		await db.updateTable('consultation').set({ status: 'draft' }).where('id', '=', board.id).execute();
		expect((await listNotifications(db, follower)).total).toBe(0);
		expect(await countUnreadNotifications(db, follower)).toBe(0);

		// Public again and restored: the notifications come back (they were filtered, not lost).
		await db.updateTable('consultation').set({ status: 'published' }).where('id', '=', board.id).execute();
		await moderateItem(ctxFor(db, moderator), 'idea', hidden, {
			action: 'restore',
			reason: 'Doch in Ordnung'
		});
		const restored = await shown();
		expect(restored.list.total).toBe(2);
		expect(restored.text).toContain('Später versteckte Idee');
		expect(kept).not.toBe(hidden);
	});
});
