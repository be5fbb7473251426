// Official responses and statuses (issue 7) on both databases: who may respond, the rules under the
// row lock, the public history, mails in the recipient's language, notifications, closed consultations,
// the results text and "Meine Beiträge" across the registry.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { Actor, Role } from '../../../src/lib/server/auth/actor';
import { readTables } from '../../../src/lib/server/backup/catalog';
import { getConsultationResults, saveConsultationResults } from '../../../src/lib/server/consultations';
import { mapCommentsManifest } from '../../../src/lib/server/contributions/manifest';
import type { CommandContext } from '../../../src/lib/server/core';
import type { DB } from '../../../src/lib/server/db/types';
import type { OutcomeEntry, ParticipationManifest } from '../../../src/lib/server/participation/component';
import {
	countUnreadNotifications,
	getOutcome,
	listMyContributions,
	listNotifications,
	markNotificationsRead,
	respondToItem
} from '../../../src/lib/server/participation/outcomes';
import { Registry } from '../../../src/lib/server/participation/registry';
import {
	followItem,
	runNotificationDigest,
	saveNotificationSettings
} from '../../../src/lib/server/following';
import { TEST_ORIGIN } from '../helpers/auth-context';
import { describeEachDatabase } from '../helpers/db';
import { actorFor, insertAreaTree, insertUser, type AreaTree } from '../helpers/roles-fixtures';
import { insertConsultation } from '../contributions/fixtures';

async function grant(db: Kysely<DB>, userId: string, role: Role, scopeType: string, scopeId: string | null) {
	await db
		.insertInto('role_grant')
		.values({ user_id: userId, role, scope_type: scopeType, scope_id: scopeId })
		.execute();
}

let clock = Date.parse('2026-12-01T09:00:00Z');
/** Each call a minute later: the history's order is the order of the calls. */
function ctxFor(db: Kysely<DB>, actor: Actor | null): CommandContext {
	clock += 60_000;
	return { db, actor, now: new Date(clock), config: { origin: TEST_ORIGIN } };
}

async function insertContribution(
	db: Kysely<DB>,
	consultationId: string,
	opts: { authorId?: string | null; status?: string; parentId?: string; body?: string; at?: Date } = {}
): Promise<string> {
	const row = await db
		.insertInto('contribution')
		.values({
			consultation_id: consultationId,
			author_id: opts.authorId ?? null,
			parent_id: opts.parentId ?? null,
			kind: opts.parentId ? 'reply' : 'map_comment',
			body: opts.body ?? 'Die Bank am Brunnen ist kaputt.',
			status: opts.status ?? 'published',
			...(opts.at ? { created_at: opts.at } : {})
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

async function setLocale(db: Kysely<DB>, userId: string, locale: string) {
	await db.updateTable('app_user').set({ locale }).where('id', '=', userId).execute();
}

async function emailOf(db: Kysely<DB>, userId: string) {
	return (await db.selectFrom('app_user').select('email').where('id', '=', userId).executeTakeFirstOrThrow())
		.email;
}

async function mailsTo(db: Kysely<DB>, address: string) {
	return db
		.selectFrom('mail_outbox')
		.select(['subject', 'body_text', 'kind'])
		.where('to_address', '=', address)
		.orderBy('created_at')
		.execute();
}

async function counts(db: Kysely<DB>) {
	const n = async (table: 'outcome' | 'outcome_response' | 'notification' | 'mail_outbox' | 'audit_log') =>
		Number(
			(
				await db
					.selectFrom(table)
					.select((eb) => eb.fn.countAll<number>().as('n'))
					.executeTakeFirstOrThrow()
			).n
		);
	return {
		outcome: await n('outcome'),
		responses: await n('outcome_response'),
		notifications: await n('notification'),
		mails: await n('mail_outbox'),
		audit: await n('audit_log')
	};
}

describeEachDatabase('outcomes', (get) => {
	let db: Kysely<DB>;
	let tree: AreaTree;
	let altstadtManager: Actor;
	let hafenManager: Actor;
	let planner: Actor;

	beforeAll(async () => {
		db = get().db;
		tree = await insertAreaTree(db, 'o');
		const a = await insertUser(db, { name: 'Quartiersmanagerin Altstadt' });
		await grant(db, a, 'quarter_manager', 'area', tree.altstadt);
		altstadtManager = await actorFor(db, a);
		const h = await insertUser(db, { name: 'Quartiersmanager Hafen' });
		await grant(db, h, 'quarter_manager', 'area', tree.hafen);
		hafenManager = await actorFor(db, h);
		planner = await actorFor(db, await insertUser(db, { roles: ['planner'], name: 'Paula Planung' }));
	});

	async function setup(status = 'published') {
		const authorId = await insertUser(db, { name: 'Berta' });
		const c = await insertConsultation(db, { areaIds: [tree.quartierA], status });
		const itemId = await insertContribution(db, c.id, { authorId });
		return { c, authorId, itemId };
	}

	const answer = (itemId: string, status: string, responseText = '', extra: Record<string, string> = {}) => ({
		itemType: 'contribution',
		itemId,
		status,
		responseText,
		responderName: 'Quartiersmanagement Altstadt',
		...extra
	});

	describe('who may respond', () => {
		it('the quarter manager of the area and a planner may; a quarter manager of another area is refused and nothing changes', async () => {
			const { itemId } = await setup();
			const before = await counts(db);
			const refused = await respondToItem(
				ctxFor(db, hafenManager),
				answer(itemId, 'accepted', 'Machen wir.')
			);
			expect(refused).toEqual({ ok: false, code: 'forbidden' });
			const resident = await actorFor(db, await insertUser(db));
			expect((await respondToItem(ctxFor(db, resident), answer(itemId, 'in_review'))).ok).toBe(false);
			expect((await respondToItem(ctxFor(db, null), answer(itemId, 'in_review'))).ok).toBe(false);
			expect(await counts(db)).toEqual(before);
			expect((await getOutcome(db, 'contribution', itemId)).status).toBe('received');

			expect((await respondToItem(ctxFor(db, altstadtManager), answer(itemId, 'in_review'))).ok).toBe(true);
			expect(
				(await respondToItem(ctxFor(db, planner), answer(itemId, 'accepted', 'Die Bank wird ersetzt.'))).ok
			).toBe(true);
			expect((await getOutcome(db, 'contribution', itemId)).status).toBe('accepted');
		});

		it('a co-manager of the consultation may, whatever its areas', async () => {
			const { c, itemId } = await setup();
			const co = await insertUser(db);
			await grant(db, co, 'quarter_manager', 'consultation', c.id);
			const r = await respondToItem(ctxFor(db, await actorFor(db, co)), answer(itemId, 'in_review'));
			expect(r.ok).toBe(true);
		});

		it('replies, hidden and unknown contributions take no response', async () => {
			const { c, itemId } = await setup();
			const reply = await insertContribution(db, c.id, { parentId: itemId });
			const hidden = await insertContribution(db, c.id, { status: 'hidden' });
			expect(await respondToItem(ctxFor(db, planner), answer(reply, 'in_review'))).toEqual({
				ok: false,
				code: 'not_answerable'
			});
			expect(await respondToItem(ctxFor(db, planner), answer(hidden, 'in_review'))).toEqual({
				ok: false,
				code: 'not_answerable'
			});
			expect(
				await respondToItem(ctxFor(db, planner), answer('00000000-0000-4000-8000-000000000000', 'in_review'))
			).toEqual({ ok: false, code: 'not_found' });
			expect(
				await respondToItem(ctxFor(db, planner), { ...answer(itemId, 'in_review'), itemType: 'idea' })
			).toEqual({
				ok: false,
				code: 'not_found'
			});
		});
	});

	describe('the rules', () => {
		it('a decision needs a text; stepping back needs one; the same status again needs one', async () => {
			const { itemId } = await setup();
			const ctx = () => ctxFor(db, altstadtManager);
			const noText = await respondToItem(ctx(), answer(itemId, 'not_feasible'));
			expect(noText).toMatchObject({
				ok: false,
				code: 'invalid',
				errors: { responseText: 'outcomes.errors.textRequired' }
			});
			const blankName = await respondToItem(ctx(), { ...answer(itemId, 'in_review'), responderName: ' ' });
			expect(blankName).toMatchObject({
				ok: false,
				code: 'invalid',
				errors: { responderName: expect.any(String) }
			});
			expect((await respondToItem(ctx(), answer(itemId, 'implemented', 'Die Bank steht.'))).ok).toBe(true);
			expect(await respondToItem(ctx(), answer(itemId, 'in_review'))).toMatchObject({
				ok: false,
				code: 'text_required'
			});
			expect(await respondToItem(ctx(), answer(itemId, 'implemented'))).toMatchObject({
				ok: false,
				code: 'invalid'
			});
			expect((await respondToItem(ctx(), answer(itemId, 'in_review', 'Die Bank wackelt wieder.'))).ok).toBe(
				true
			);
			expect(await respondToItem(ctx(), answer(itemId, 'in_review'))).toMatchObject({
				ok: false,
				code: 'unchanged'
			});
			expect((await getOutcome(db, 'contribution', itemId)).history).toHaveLength(2);
		});

		it('a response written against an older status is refused (someone else was faster)', async () => {
			const { itemId } = await setup();
			const first = respondToItem(
				ctxFor(db, altstadtManager),
				answer(itemId, 'accepted', 'Angenommen.', { expectedStatus: 'received' })
			);
			const second = respondToItem(
				ctxFor(db, planner),
				answer(itemId, 'not_feasible', 'Geht nicht.', { expectedStatus: 'received' })
			);
			const results = await Promise.all([first, second]);
			expect(results.filter((r) => r.ok)).toHaveLength(1);
			expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.code)).toEqual(['conflict']);
			const outcome = await getOutcome(db, 'contribution', itemId);
			expect(outcome.history).toHaveLength(1);
			expect(outcome.history[0].previousStatus).toBe('received');
		});
	});

	describe('history, mails and notifications', () => {
		it('keeps the public history in order with the chosen display names, never the account', async () => {
			const { itemId } = await setup();
			await respondToItem(ctxFor(db, altstadtManager), answer(itemId, 'in_review'));
			await respondToItem(
				ctxFor(db, planner),
				answer(itemId, 'partly_accepted', 'Die Bank ja, der Brunnen nein.', {
					responderName: 'Amt für Soziales',
					nextSteps: 'Aufstellung im Frühjahr.'
				})
			);
			await respondToItem(ctxFor(db, altstadtManager), answer(itemId, 'in_progress', 'Bestellt.'));
			const outcome = await getOutcome(db, 'contribution', itemId);
			expect(outcome.status).toBe('in_progress');
			expect(outcome.history.map((h) => [h.previousStatus, h.status, h.responderName])).toEqual([
				['received', 'in_review', 'Quartiersmanagement Altstadt'],
				['in_review', 'partly_accepted', 'Amt für Soziales'],
				['partly_accepted', 'in_progress', 'Quartiersmanagement Altstadt']
			]);
			expect(outcome.history[1]).toMatchObject({
				text: 'Die Bank ja, der Brunnen nein.',
				nextSteps: 'Aufstellung im Frühjahr.'
			});
			expect(JSON.stringify(outcome)).not.toContain(planner.id);
			const audit = await db
				.selectFrom('audit_log')
				.select(['action', 'actor_id'])
				.where('subject_id', '=', itemId)
				.orderBy('created_at')
				.execute();
			expect(audit).toEqual([
				{ action: 'outcome.respond', actor_id: altstadtManager.id },
				{ action: 'outcome.respond', actor_id: planner.id },
				{ action: 'outcome.respond', actor_id: altstadtManager.id }
			]);
			// Append-only: the database refuses to change a response.
			await expect(
				db
					.updateTable('outcome_response')
					.set({ response_text: 'geändert' })
					.where('item_id', '=', itemId)
					.execute()
			).rejects.toThrow(/append-only/);
		});

		it('tells the author and the supporters in the app now and by mail per their setting, in their language, not the responder', async () => {
			const { itemId, authorId } = await setup();
			await setLocale(db, authorId, 'en');
			const supporterDe = await insertUser(db, { name: 'Sami' });
			const supporterAr = await insertUser(db, { name: 'Layla' });
			await setLocale(db, supporterAr, 'ar');
			for (const user_id of [supporterDe, supporterAr, planner.id])
				await db.insertInto('contribution_support').values({ contribution_id: itemId, user_id }).execute();
			// They follow it automatically (createContribution / toggleSupport do this); the author and Sami
			// want mails at once, Layla keeps the weekly digest (the default).
			for (const user_id of [authorId, supporterDe, supporterAr])
				await followItem(db, user_id, { type: 'contribution', id: itemId }, { auto: true });
			for (const user_id of [authorId, supporterDe])
				await saveNotificationSettings(db, user_id, { delivery: 'immediate', autoFollow: true }, new Date());

			const r = await respondToItem(
				ctxFor(db, planner),
				answer(itemId, 'in_progress', 'Die Bank wird im März ersetzt.', {
					responderName: 'Amt für Grünflächen'
				})
			);
			expect(r.ok).toBe(true);
			// No mail inside the response: the notification job sends them.
			expect(await mailsTo(db, await emailOf(db, authorId))).toEqual([]);
			await runNotificationDigest(db, { now: new Date(clock + 60_000), origin: TEST_ORIGIN });

			const authorMails = await mailsTo(db, await emailOf(db, authorId));
			expect(authorMails).toHaveLength(1);
			expect(authorMails[0].kind).toBe('notification_immediate');
			expect(authorMails[0].subject).toMatch(/^News about what you follow/);
			expect(authorMails[0].body_text).toContain('Hello Berta');
			expect(authorMails[0].body_text).toContain('being implemented');
			expect(authorMails[0].body_text).toContain(`${TEST_ORIGIN}/beteiligung/`);
			const [deMail] = await mailsTo(db, await emailOf(db, supporterDe));
			expect(deMail.kind).toBe('notification_immediate');
			expect(deMail.body_text).toContain('wird umgesetzt');
			const [arMail] = await mailsTo(db, await emailOf(db, supporterAr));
			expect(arMail.kind).toBe('notification_digest');
			expect(arMail.body_text).toContain('قيد التنفيذ');
			expect(await mailsTo(db, planner.email)).toEqual([]);

			const authorNotes = await listNotifications(db, authorId);
			expect(authorNotes.entries).toHaveLength(1);
			expect(authorNotes.entries[0]).toMatchObject({
				messageKey: 'outcomes.notification.author',
				params: { status: 'in_progress', responder: 'Amt für Grünflächen' },
				readAt: null
			});
			expect(authorNotes.entries[0].path).toMatch(new RegExp(`/beitrag/${itemId}$`));
			expect((await listNotifications(db, supporterDe)).entries[0].messageKey).toBe(
				'outcomes.notification.supporter'
			);
			expect(await countUnreadNotifications(db, planner.id)).toBe(0);

			// The reader marks it read; nobody else can.
			const authorActor = await actorFor(db, authorId);
			expect(await countUnreadNotifications(db, authorId)).toBe(1);
			// another person's notification looks missing (not a silent success)
			expect(
				await markNotificationsRead(ctxFor(db, await actorFor(db, supporterDe)), authorNotes.entries[0].id)
			).toEqual({ ok: false, code: 'not_found' });
			expect(await countUnreadNotifications(db, authorId)).toBe(1);
			expect(await markNotificationsRead(ctxFor(db, authorActor), authorNotes.entries[0].id)).toEqual({
				ok: true,
				value: { marked: 1 }
			});
			expect(await countUnreadNotifications(db, authorId)).toBe(0);
			// marking it again is fine: it is the reader's own
			expect((await markNotificationsRead(ctxFor(db, authorActor), authorNotes.entries[0].id)).ok).toBe(true);
			expect(await countUnreadNotifications(db, supporterDe)).toBe(1);
			await markNotificationsRead(ctxFor(db, await actorFor(db, supporterDe)), null);
			expect(await countUnreadNotifications(db, supporterDe)).toBe(0);
		});

		it('anonymous contributions are answered without anyone to mail', async () => {
			const c = await insertConsultation(db, { areaIds: [tree.quartierA] });
			const itemId = await insertContribution(db, c.id, { authorId: null });
			const before = await counts(db);
			expect(
				(await respondToItem(ctxFor(db, planner), answer(itemId, 'answered', 'Danke für den Hinweis.'))).ok
			).toBe(true);
			const after = await counts(db);
			expect(after.mails).toBe(before.mails);
			expect(after.notifications).toBe(before.notifications);
			expect(after.responses).toBe(before.responses + 1);
		});
	});

	describe('closed consultations', () => {
		it('stay answerable, and their managers publish results', async () => {
			const { c, itemId } = await setup('closed');
			const r = await respondToItem(ctxFor(db, altstadtManager), answer(itemId, 'implemented', 'Erledigt.'));
			expect(r.ok).toBe(true);
			const saved = await saveConsultationResults(ctxFor(db, altstadtManager), c.id, {
				results: 'Der Platz bekommt drei neue Bänke.\n\nBaubeginn ist im April.'
			});
			expect(saved).toEqual({ ok: true, value: { published: true } });
			expect((await getConsultationResults(db, c.id))?.body).toContain('drei neue Bänke');
			await db.updateTable('consultation').set({ status: 'archived' }).where('id', '=', c.id).execute();
			expect(
				(await saveConsultationResults(ctxFor(db, altstadtManager), c.id, { results: 'Fertig.' })).ok
			).toBe(true);
			expect((await getConsultationResults(db, c.id))?.body).toBe('Fertig.');
			expect(await saveConsultationResults(ctxFor(db, hafenManager), c.id, { results: 'Nein.' })).toEqual({
				ok: false,
				code: 'not_found'
			});
			expect((await getConsultationResults(db, c.id))?.body).toBe('Fertig.');
			await saveConsultationResults(ctxFor(db, altstadtManager), c.id, { results: '  ' });
			expect(await getConsultationResults(db, c.id)).toBeNull();
		});
	});

	describe('Meine Beiträge', () => {
		it('lists everything a person wrote in every registered module, newest first, paginated, with the status', async () => {
			const authorId = await insertUser(db);
			const c = await insertConsultation(db, { areaIds: [tree.quartierA] });
			const at = (day: number) => new Date(Date.UTC(2026, 10, day, 12));
			const old = await insertContribution(db, c.id, { authorId, at: at(1), body: 'Erster Hinweis' });
			const answered = await insertContribution(db, c.id, { authorId, at: at(3), body: 'Dritter Hinweis' });
			await insertContribution(db, c.id, { authorId, at: at(5), parentId: old, body: 'Meine Antwort' });
			await insertContribution(db, c.id, { authorId, at: at(6), status: 'deleted', body: '' });
			await insertContribution(db, c.id, { at: at(7), body: 'Von jemand anderem' });
			await respondToItem(ctxFor(db, planner), answer(answered, 'in_progress', 'Wird gemacht.'));

			// A second module beside the map comments: its entries are merged in by date.
			const idea = (day: number): OutcomeEntry => ({
				itemType: 'test_idea',
				itemId: `00000000-0000-4000-8000-00000000000${day}`,
				kindKey: 'outcomes.kind.map_comment',
				consultationSlug: c.slug,
				consultationTitle: 'Ideen',
				excerpt: `Idee ${day}`,
				createdAt: at(day),
				status: 'published',
				path: `/beteiligung/${c.slug}/ideen/${day}`,
				tracksOutcome: false
			});
			const ideas: ParticipationManifest = {
				key: 'test_ideas',
				labelKey: 'x',
				segment: 'ideen-test',
				attachesTo: 'consultation',
				section: { titleKey: 'x', linkKey: 'x' },
				permissions: {},
				hooks: async () => ({
					outcomes: async (_db, id, { limit }) => ({
						entries: id === authorId ? [idea(4), idea(2)].slice(0, limit) : [],
						total: id === authorId ? 2 : 0
					})
				})
			};
			const registry = new Registry([mapCommentsManifest, ideas]);

			const first = await listMyContributions(db, authorId, 1, 3, registry);
			expect(first.total).toBe(5);
			expect(first.pages).toBe(2);
			expect(first.entries.map((e) => e.excerpt)).toEqual(['Meine Antwort', 'Idee 4', 'Dritter Hinweis']);
			expect(first.entries[0]).toMatchObject({ kindKey: 'outcomes.kind.reply', outcome: null });
			expect(first.entries[2].outcome).toMatchObject({
				status: 'in_progress',
				latest: { text: 'Wird gemacht.', responderName: 'Quartiersmanagement Altstadt' }
			});
			const second = await listMyContributions(db, authorId, 2, 3, registry);
			expect(second.entries.map((e) => e.excerpt)).toEqual(['Idee 2', 'Erster Hinweis']);
			expect(second.entries[1].outcome).toEqual({ status: 'received', latest: null });

			// The app's registry: map comments only.
			expect((await listMyContributions(db, authorId)).total).toBe(3);
			const nobody = await insertUser(db);
			expect(await listMyContributions(db, nobody)).toEqual({ entries: [], total: 0, page: 1, pages: 1 });
		});
	});

	it('the backup takes the new tables in dependency order', async () => {
		const order = (await get().withRawClient((c) => readTables(c))).map((t) => t.name);
		for (const [child, parent] of [
			['outcome', 'consultation'],
			['outcome_response', 'outcome'],
			['notification', 'app_user'],
			['consultation_result', 'consultation']
		])
			expect(order.indexOf(child), `${parent} before ${child}`).toBeGreaterThan(order.indexOf(parent));
	});
});
