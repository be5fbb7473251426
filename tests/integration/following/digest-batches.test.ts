// The notification job's batches and its per-person lock, on both databases: a batch holds only
// people the run has something to do for (weekly subscribers not yet due never fill it, so the due
// ones behind them are mailed), and two runs started at once mail each person at most once.
import type { Kysely } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import type { DB } from '../../../src/lib/server/db/types';
import {
	followItem,
	recordEvent,
	runNotificationDigest,
	saveNotificationSettings
} from '../../../src/lib/server/following';
import { TEST_ORIGIN } from '../helpers/auth-context';
import { describeEachDatabase } from '../helpers/db';
import { insertAreaTree, insertUser, type AreaTree } from '../helpers/roles-fixtures';
import { insertConsultation } from '../contributions/fixtures';

const DAY = 24 * 60 * 60 * 1000;

describeEachDatabase('notification digest batches', (get) => {
	let db: Kysely<DB>;
	let tree: AreaTree;
	let consultationId: string;

	beforeAll(async () => {
		db = get().db;
		tree = await insertAreaTree(db, 'd');
		consultationId = (await insertConsultation(db, { areaIds: [tree.altstadt] })).id;
	});

	/** A public contribution in the area and one event on it for everyone following `areaId`. */
	async function newsIn(areaId: string, body: string, at: Date) {
		const item = await db
			.insertInto('contribution')
			.values({ consultation_id: consultationId, body, status: 'published', kind: 'map_comment' })
			.returning('id')
			.executeTakeFirstOrThrow();
		await db.insertInto('contribution_area').values({ contribution_id: item.id, area_id: areaId }).execute();
		await recordEvent(db, {
			itemType: 'contribution',
			itemId: item.id,
			messageKey: 'following.event.response',
			params: { excerpt: body, consultation: 'Test', status: 'accepted' },
			path: `/beteiligung/x/beitrag/${item.id}`,
			actorId: null,
			targets: [{ type: 'area', id: areaId }],
			at
		});
	}

	async function mailCount(userId: string) {
		const { email } = await db
			.selectFrom('app_user')
			.select('email')
			.where('id', '=', userId)
			.executeTakeFirstOrThrow();
		const rows = await db
			.selectFrom('mail_outbox')
			.select('id')
			.where('to_address', '=', email)
			.where('kind', 'like', 'notification_%')
			.execute();
		return rows.length;
	}

	it('fills a batch only with people who are due: weekly subscribers not yet due do not starve the rest', async () => {
		const now = new Date('2026-12-10T08:00:00Z');
		const ids = (await Promise.all([1, 2, 3, 4].map(() => insertUser(db)))).sort();
		// The first three (in the order the job walks) had their weekly digest yesterday: not due for six days.
		const notDue = ids.slice(0, 3);
		const due = ids[3];
		for (const id of ids) await followItem(db, id, { type: 'area', id: tree.quartierA });
		for (const id of notDue) {
			await saveNotificationSettings(db, id, { delivery: 'weekly', autoFollow: true }, now);
			await db
				.updateTable('notification_setting')
				.set({ last_mail_at: new Date(now.getTime() - DAY), last_digest_at: new Date(now.getTime() - DAY) })
				.where('user_id', '=', id)
				.execute();
		}
		await newsIn(tree.quartierA, 'Neue Bänke im Quartier A', new Date(now.getTime() - 60_000));

		// A batch of three: before, it held the three not-due people every run and the fourth never got a mail.
		for (let run = 0; run < 2; run++) {
			const report = await runNotificationDigest(db, { now, origin: TEST_ORIGIN, batchSize: 3 });
			expect(report.people).toBe(run === 0 ? 1 : 0);
		}
		expect(await mailCount(due)).toBe(1);
		for (const id of notDue) expect(await mailCount(id)).toBe(0);

		// A week after their last digest the others are due too, and mailed.
		const weekLater = new Date(now.getTime() + 6 * DAY + 1000);
		const later = await runNotificationDigest(db, { now: weekLater, origin: TEST_ORIGIN, batchSize: 3 });
		expect(later).toMatchObject({ people: 3, mailed: 3 });
		for (const id of notDue) expect(await mailCount(id)).toBe(1);
	});

	it('people with mails off or a blocked account are still picked up, so their waiting events are dropped', async () => {
		const now = new Date('2026-12-20T08:00:00Z');
		const off = await insertUser(db);
		const blocked = await insertUser(db);
		for (const id of [off, blocked]) await followItem(db, id, { type: 'area', id: tree.quartierB });
		await saveNotificationSettings(db, off, { delivery: 'off', autoFollow: true }, now);
		await saveNotificationSettings(db, blocked, { delivery: 'immediate', autoFollow: true }, now);
		// Both were mailed a minute ago: only "off" and "blocked" make them the run's business.
		await db
			.updateTable('notification_setting')
			.set({ last_mail_at: new Date(now.getTime() - 60_000) })
			.where('user_id', 'in', [off, blocked])
			.execute();
		await newsIn(tree.quartierB, 'Licht am Weg', new Date(now.getTime() - 30_000));
		await db.updateTable('app_user').set({ blocked_at: now }).where('id', '=', blocked).execute();
		const report = await runNotificationDigest(db, { now, origin: TEST_ORIGIN });
		expect(report).toMatchObject({ people: 2, mailed: 0, dropped: 2 });
		const waiting = await db
			.selectFrom('notification_delivery')
			.select('user_id')
			.where('user_id', 'in', [off, blocked])
			.where('dropped_at', 'is', null)
			.execute();
		expect(waiting).toEqual([]);
	});

	it('two runs started at once send at most one mail per person', async () => {
		const now = new Date('2027-01-10T08:00:00Z');
		const people = await Promise.all([1, 2, 3, 4, 5, 6].map(() => insertUser(db)));
		for (const id of people) {
			await followItem(db, id, { type: 'area', id: tree.hafen });
			await saveNotificationSettings(db, id, { delivery: 'immediate', autoFollow: true }, now);
		}
		await newsIn(tree.quartierC, 'Neue Fähre am Hafen', new Date(now.getTime() - 60_000));
		await newsIn(tree.hafen, 'Spielplatz am Kai', new Date(now.getTime() - 30_000));
		const [a, b] = await Promise.all([
			runNotificationDigest(db, { now, origin: TEST_ORIGIN }),
			runNotificationDigest(db, { now, origin: TEST_ORIGIN })
		]);
		expect(a.mailed + b.mailed).toBe(people.length);
		for (const id of people) expect(await mailCount(id)).toBe(1);
	});
});
