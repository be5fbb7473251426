// Notices about an idea (issue 10) on both databases: a response and a change of a linked measure reach
// the idea's author and supporters through the follow events and the notification job only — the
// weekly digest by default collects both into one mail, "immediately" means at most one mail a day,
// and nothing reaches someone who switched mails off, unsubscribed or switched off automatic following.
import { beforeAll, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { Actor } from '../../../src/lib/server/auth/actor';
import type { DB } from '../../../src/lib/server/db/types';
import {
	runNotificationDigest,
	saveNotificationSettings,
	unsubscribeByToken
} from '../../../src/lib/server/following';
import { answerIdeas, createIdea, supportIdea } from '../../../src/lib/server/ideas';
import { createMeasure, linkItem, recordProgress } from '../../../src/lib/server/measures';
import { listNotifications } from '../../../src/lib/server/participation/outcomes';
import { TEST_ORIGIN } from '../helpers/auth-context';
import { describeEachDatabase } from '../helpers/db';
import { actorFor, insertAreaTree, insertUser, type AreaTree } from '../helpers/roles-fixtures';
import { ctxFor as contributionCtx, insertConsultation } from '../contributions/fixtures';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
let clock = Date.parse('2026-12-01T09:00:00Z');
const tick = () => new Date((clock += 60_000));

async function mailsTo(db: Kysely<DB>, address: string) {
	return db
		.selectFrom('mail_outbox')
		.select(['kind', 'subject', 'body_text'])
		.where('to_address', '=', address)
		.orderBy('created_at')
		.execute();
}

describeEachDatabase('idea notices', (get) => {
	let db: Kysely<DB>;
	let tree: AreaTree;
	let planner: Actor;

	beforeAll(async () => {
		db = get().db;
		tree = await insertAreaTree(db, 'n');
		planner = await actorFor(db, await insertUser(db, { roles: ['planner'], name: 'Paula Planung' }));
	});

	const ctx = (actor: Actor | null) =>
		contributionCtx(db, actor, { now: tick(), config: { origin: TEST_ORIGIN } });
	const measureCtx = () => ({ db, actor: planner, now: tick(), config: { origin: TEST_ORIGIN } });

	/** A board, an idea by a fresh author, optionally supported by the given people. */
	async function ideaWith(title: string, supporters: Actor[] = []) {
		const c = await insertConsultation(db, { areaIds: [tree.altstadt] });
		await db
			.updateTable('consultation')
			.set({ modules: ['map_comments', 'ideas'] })
			.where('id', '=', c.id)
			.execute();
		const author = await actorFor(db, await insertUser(db, { name: 'Berta Bürger' }));
		const r = await createIdea(ctx(author), c.id, {
			title,
			body: 'Mehr Schatten auf dem Spielplatz, bitte.',
			categoryId: c.categories['Verkehr']
		});
		if (!r.ok) throw new Error(r.code);
		for (const s of supporters) expect((await supportIdea(ctx(s), r.value.id, true)).ok).toBe(true);
		return { consultationId: c.id, ideaId: r.value.id, author };
	}

	async function answer(consultationId: string, ideaId: string, status: string, responseText: string) {
		const r = await answerIdeas(ctx(planner), consultationId, {
			ideaIds: [ideaId],
			status,
			responseText,
			responderName: 'Stadtplanung'
		});
		expect(r.ok).toBe(true);
	}

	async function measureFor(consultationId: string, ideaId: string, title: string) {
		const made = await createMeasure(measureCtx(), {
			title,
			description: 'Sonnensegel über dem Sandkasten.',
			responsible: 'Grünflächenamt',
			areaIds: [tree.quartierA],
			consultationId,
			budget: '',
			fundingSource: '',
			startsOn: '2026-09-01',
			endsOn: '2027-05-31',
			status: 'published'
		});
		if (!made.ok) throw new Error(made.code);
		expect((await linkItem(measureCtx(), made.value.id, { itemType: 'idea', reference: ideaId })).ok).toBe(
			true
		);
		return made.value.id;
	}

	it('the weekly digest (the default) collects a response and a linked-measure change into one mail', async () => {
		const supporter = await actorFor(db, await insertUser(db, { name: 'Sami Unterstützer' }));
		const { consultationId, ideaId, author } = await ideaWith('Schattenspender am Spielplatz', [supporter]);
		await answer(consultationId, ideaId, 'accepted', 'Wir bauen Sonnensegel.');
		const measureId = await measureFor(consultationId, ideaId, 'Sonnensegel Spielplatz Nord');
		expect(
			(await recordProgress(measureCtx(), measureId, { progress: '40', milestoneOn: '2026-11-20' })).ok
		).toBe(true);
		// Nothing is mailed by the changes themselves.
		expect(await mailsTo(db, author.email)).toEqual([]);

		await runNotificationDigest(db, { now: tick(), origin: TEST_ORIGIN });
		for (const person of [author, supporter]) {
			const mails = await mailsTo(db, person.email);
			expect(mails).toHaveLength(1);
			expect(mails[0].kind).toBe('notification_digest');
			expect(mails[0].body_text).toContain('Schattenspender am Spielplatz');
			expect(mails[0].body_text).toContain('angenommen');
			expect(mails[0].body_text).toContain('Sonnensegel Spielplatz Nord');
			expect(mails[0].body_text).toContain('40 %');
			expect(mails[0].body_text).toContain('/benachrichtigungen/abbestellen/');
		}
		// The in-app notice stays, once (not again through the follow event).
		const notes = await listNotifications(db, author.id);
		expect(notes.entries.filter((n) => n.messageKey === 'outcomes.notification.author')).toHaveLength(1);
		expect(notes.entries.filter((n) => n.messageKey === 'following.event.response')).toHaveLength(0);
	});

	it('"immediately" gets at most one mail a day: the second change waits for the next day', async () => {
		const { consultationId, ideaId, author } = await ideaWith('Trinkbrunnen am Markt');
		await saveNotificationSettings(db, author.id, { delivery: 'immediate', autoFollow: true }, tick());
		await answer(consultationId, ideaId, 'in_review', 'Wir prüfen den Standort.');
		const first = tick();
		await runNotificationDigest(db, { now: first, origin: TEST_ORIGIN });
		let mails = await mailsTo(db, author.email);
		expect(mails).toHaveLength(1);
		expect(mails[0].kind).toBe('notification_immediate');
		expect(mails[0].body_text).toContain('in Prüfung');

		// Another response and a measure an hour later: no second mail that day.
		clock = first.getTime() + HOUR;
		await answer(consultationId, ideaId, 'accepted', 'Der Brunnen kommt.');
		await measureFor(consultationId, ideaId, 'Trinkbrunnen Marktplatz');
		await runNotificationDigest(db, { now: tick(), origin: TEST_ORIGIN });
		expect(await mailsTo(db, author.email)).toHaveLength(1);

		// The next day both arrive in one mail.
		clock = first.getTime() + DAY + 1000;
		await runNotificationDigest(db, { now: tick(), origin: TEST_ORIGIN });
		mails = await mailsTo(db, author.email);
		expect(mails).toHaveLength(2);
		expect(mails[1].body_text).toContain('angenommen');
		expect(mails[1].body_text).toContain('Trinkbrunnen Marktplatz');
		await runNotificationDigest(db, { now: tick(), origin: TEST_ORIGIN });
		expect(await mailsTo(db, author.email)).toHaveLength(2);
	});

	it('nothing for someone who switched mails off, unsubscribed the idea or switched off automatic following', async () => {
		const off = await actorFor(db, await insertUser(db, { name: 'Otto Aus' }));
		const unsubscribed = await actorFor(db, await insertUser(db, { name: 'Ulla Abbestellt' }));
		const noAuto = await actorFor(db, await insertUser(db, { name: 'Nina Nichtfolgen' }));
		const still = await actorFor(db, await insertUser(db, { name: 'Stefan Still' }));
		await saveNotificationSettings(db, noAuto.id, { delivery: 'immediate', autoFollow: false }, tick());
		const { consultationId, ideaId } = await ideaWith('Bänke an der Kirchgasse', [
			off,
			unsubscribed,
			noAuto,
			still
		]);
		await saveNotificationSettings(db, off.id, { delivery: 'off', autoFollow: true }, tick());
		const follow = await db
			.selectFrom('follow')
			.select('token')
			.where('user_id', '=', unsubscribed.id)
			.where('target_type', '=', 'idea')
			.where('target_id', '=', ideaId)
			.executeTakeFirstOrThrow();
		expect(await unsubscribeByToken(db, follow.token, tick())).toBe(true);

		await answer(consultationId, ideaId, 'not_feasible', 'Dort ist kein Platz.');
		const measureId = await measureFor(consultationId, ideaId, 'Bänke Kirchplatz');
		await recordProgress(measureCtx(), measureId, { progress: '20', milestoneOn: '2026-11-20' });
		for (const at of [tick(), new Date(clock + 8 * DAY)])
			await runNotificationDigest(db, { now: at, origin: TEST_ORIGIN });

		for (const person of [off, unsubscribed, noAuto]) expect(await mailsTo(db, person.email)).toEqual([]);
		// The control: a supporter with the default gets the digest.
		expect(await mailsTo(db, still.email)).toHaveLength(1);
		// The in-app notice of the response stays for every supporter.
		for (const person of [off, unsubscribed, noAuto])
			expect((await listNotifications(db, person.id)).entries.map((n) => n.messageKey)).toContain(
				'outcomes.notification.supporter'
			);
	});
});
