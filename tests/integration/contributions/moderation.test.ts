import { beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import {
	addTeamMember,
	getConsultationById,
	listTeam,
	removeTeamMember
} from '../../../src/lib/server/consultations';
import {
	blockAuthor,
	createContribution,
	createReply,
	editContribution,
	getContribution,
	listContributionsInBox,
	moderateContribution,
	reportContribution,
	reportErrorCode,
	toggleSupport,
	translateErrors
} from '../../../src/lib/server/contributions';
import { createI18n } from '../../../src/lib/i18n';
import { issueChallenge } from '../../../src/lib/server/participation';
import {
	countQueue,
	listBlockedUsers,
	listModerationLog,
	listQueue,
	REPORT_LIMIT,
	unblockUser
} from '../../../src/lib/server/participation/moderation';
import type { Role } from '../../../src/lib/server/auth/actor';
import type { DB } from '../../../src/lib/server/db/types';
import { describeEachDemoDatabase } from '../helpers/demo-db';
import { actorFor, insertUser } from '../helpers/roles-fixtures';
import { ctxFor, insertConsultation, SECRET } from './fixtures';
import { solveChallenge } from '../../../src/lib/pow/zero-bits';

async function grant(db: Kysely<DB>, userId: string, role: Role, scopeType: string, scopeId: string) {
	await db
		.insertInto('role_grant')
		.values({ user_id: userId, role, scope_type: scopeType, scope_id: scopeId })
		.execute();
}

async function status(db: Kysely<DB>, id: string) {
	return db
		.selectFrom('contribution')
		.select(['status', 'hidden_reason', 'report_count'])
		.where('id', '=', id)
		.executeTakeFirstOrThrow();
}

describeEachDemoDatabase('moderation', (get) => {
	let quartiere: { id: string; parent_id: string | null }[];

	beforeAll(async () => {
		quartiere = await get()
			.db.selectFrom('area')
			.innerJoin('area_level', 'area_level.id', 'area.level_id')
			.select(['area.id', 'area.parent_id'])
			.where('area_level.key', '=', 'quartier')
			.where('area.valid_to', 'is', null)
			.orderBy('area.key')
			.execute();
	}, 60_000);

	/** A consultation in one Quartier, with a resident's published contribution in it. */
	async function setup(opts: { preModeration?: boolean; autoHide?: number } = {}) {
		const db = get().db;
		const quartier = quartiere[0];
		const c = await insertConsultation(db, { areaIds: [quartier.id], allowAnonymous: true, ...opts });
		const residentId = await insertUser(db);
		const resident = await actorFor(db, residentId);
		const created = await createContribution(ctxFor(db, resident), c.id, {
			body: 'Die Straßenlaterne ist seit Wochen kaputt.',
			categoryId: c.categories.Verkehr,
			areaIds: [quartier.id]
		});
		if (!created.ok) throw new Error(created.code);
		return { db, c, quartier, residentId, resident, contributionId: created.value.id };
	}

	describe('who may moderate', () => {
		it('a quarter manager moderates consultations in their areas but not another’s; nothing changes', async () => {
			const { db, contributionId, quartier } = await setup();
			const ownId = await insertUser(db);
			await grant(db, ownId, 'quarter_manager', 'area', quartier.parent_id ?? quartier.id);
			const otherId = await insertUser(db);
			const elsewhere = quartiere.find((q) => q.parent_id !== quartier.parent_id)!;
			await grant(db, otherId, 'quarter_manager', 'area', elsewhere.id);
			const other = await actorFor(db, otherId);

			const refused = await moderateContribution(ctxFor(db, other), contributionId, {
				action: 'hide',
				reason: 'Unpassend'
			});
			expect(refused).toEqual({ ok: false, code: 'forbidden' });
			expect(await blockAuthor(ctxFor(db, other), contributionId, { reason: 'Spam' })).toEqual({
				ok: false,
				code: 'forbidden'
			});
			expect((await status(db, contributionId)).status).toBe('published');
			expect(
				await db.selectFrom('moderation_log').select('id').where('item_id', '=', contributionId).execute()
			).toHaveLength(0);

			const own = await actorFor(db, ownId);
			const hidden = await moderateContribution(ctxFor(db, own), contributionId, {
				action: 'hide',
				reason: 'Enthält eine Telefonnummer'
			});
			expect(hidden).toEqual({ ok: true, value: { status: 'hidden' } });
		});

		it('a resident cannot moderate, and a per-consultation moderator only moderates that one', async () => {
			const a = await setup();
			const b = await setup();
			const db = a.db;
			expect(
				await moderateContribution(ctxFor(db, a.resident), a.contributionId, {
					action: 'hide',
					reason: 'Nein'
				})
			).toEqual({ ok: false, code: 'forbidden' });
			const modId = await insertUser(db);
			await grant(db, modId, 'moderator', 'consultation', a.c.id);
			const mod = await actorFor(db, modId);
			expect(
				(await moderateContribution(ctxFor(db, mod), a.contributionId, { action: 'hide', reason: 'Werbung' }))
					.ok
			).toBe(true);
			expect(
				await moderateContribution(ctxFor(db, mod), b.contributionId, { action: 'hide', reason: 'Werbung' })
			).toEqual({ ok: false, code: 'forbidden' });
		});

		it('the creator of a consultation moderates it while holding a manager role', async () => {
			const db = get().db;
			const creatorId = await insertUser(db);
			await grant(db, creatorId, 'quarter_manager', 'area', quartiere[quartiere.length - 1].id);
			const c = await insertConsultation(db, { areaIds: [quartiere[0].id], createdBy: creatorId });
			const resident = await actorFor(db, await insertUser(db));
			const created = await createContribution(ctxFor(db, resident), c.id, {
				body: 'Mehr Bänke am Spielplatz.',
				categoryId: c.categories.Verkehr,
				areaIds: [quartiere[0].id]
			});
			if (!created.ok) throw new Error(created.code);
			const creator = await actorFor(db, creatorId);
			const r = await moderateContribution(ctxFor(db, creator), created.value.id, {
				action: 'hide',
				reason: 'Doppelt'
			});
			expect(r.ok).toBe(true);
		});
	});

	describe('actions', () => {
		it('hiding needs a reason, shows it and resolves the open reports; restoring lets it count afresh', async () => {
			const { db, contributionId } = await setup({ autoHide: 2 });
			const mod = await actorFor(db, await insertUser(db, { roles: ['moderator'] }));
			const reporter = await actorFor(db, await insertUser(db));
			await reportContribution(ctxFor(db, reporter), contributionId, { reason: 'Beleidigend' });

			const missing = await moderateContribution(ctxFor(db, mod), contributionId, {
				action: 'hide',
				reason: ' '
			});
			expect(missing).toMatchObject({
				ok: false,
				code: 'invalid',
				errors: { reason: 'contributions.errors.moderationReasonRequired' }
			});
			expect((await status(db, contributionId)).status).toBe('published');

			expect(
				await moderateContribution(ctxFor(db, mod), contributionId, { action: 'hide', reason: 'Beleidigung' })
			).toEqual({ ok: true, value: { status: 'hidden' } });
			expect(await status(db, contributionId)).toEqual({
				status: 'hidden',
				hidden_reason: 'Beleidigung',
				report_count: 1
			});
			const open = await db
				.selectFrom('moderation_report')
				.select('id')
				.where('item_id', '=', contributionId)
				.where('resolved_at', 'is', null)
				.execute();
			expect(open).toHaveLength(0);
			expect(
				await moderateContribution(ctxFor(db, mod), contributionId, { action: 'hide', reason: 'Nochmal' })
			).toEqual({ ok: false, code: 'wrong_state' });

			expect(await moderateContribution(ctxFor(db, mod), contributionId, { action: 'restore' })).toEqual({
				ok: true,
				value: { status: 'published' }
			});
			expect(await status(db, contributionId)).toEqual({
				status: 'published',
				hidden_reason: null,
				report_count: 0
			});
			// One new report (threshold 2) does not hide it again straight away.
			const second = await actorFor(db, await insertUser(db));
			const r = await reportContribution(ctxFor(db, second), contributionId, { reason: 'Immer noch' });
			expect(r).toEqual({ ok: true, value: { alreadyReported: false, hidden: false } });

			const log = await db
				.selectFrom('moderation_log')
				.select(['action', 'reason', 'actor_id'])
				.where('item_id', '=', contributionId)
				.orderBy('created_at')
				.execute();
			expect(log.map((l) => l.action)).toEqual(['hide', 'restore']);
			expect(log[0]).toMatchObject({ reason: 'Beleidigung', actor_id: mod.id });
		});

		it('reports from fresh or unconfirmed accounts are kept but do not hide; distinct, established ones do', async () => {
			const { db, contributionId } = await setup({ autoHide: 2 });
			const hour = 60 * 60 * 1000;
			// Three accounts registered an hour ago (default minimum age: 24 h) and one unconfirmed.
			for (let i = 0; i < 3; i++) {
				const fresh = await actorFor(db, await insertUser(db, { createdAt: new Date(Date.now() - hour) }));
				const r = await reportContribution(ctxFor(db, fresh), contributionId, { reason: 'Weg damit' });
				expect(r).toEqual({ ok: true, value: { alreadyReported: false, hidden: false } });
			}
			const unconfirmedId = await insertUser(db);
			await db
				.updateTable('app_user')
				.set({ email_verified_at: null })
				.where('id', '=', unconfirmedId)
				.execute();
			await reportContribution(ctxFor(db, await actorFor(db, unconfirmedId)), contributionId, {
				reason: 'Weg'
			});
			expect(await status(db, contributionId)).toMatchObject({ status: 'published', report_count: 0 });
			const kept = await db
				.selectFrom('moderation_report')
				.select('id')
				.where('item_id', '=', contributionId)
				.execute();
			expect(kept).toHaveLength(4);

			// The same established person twice counts once; a second one reaches the threshold.
			const old = await actorFor(db, await insertUser(db));
			await reportContribution(ctxFor(db, old), contributionId, { reason: 'Beleidigend' });
			expect(await reportContribution(ctxFor(db, old), contributionId, { reason: 'Nochmal' })).toEqual({
				ok: true,
				value: { alreadyReported: true, hidden: false }
			});
			expect(await status(db, contributionId)).toMatchObject({ status: 'published', report_count: 1 });
			// The minimum age is configurable: at 0 h a fresh account counts.
			const fresh = await actorFor(db, await insertUser(db, { createdAt: new Date(Date.now() - hour) }));
			expect(
				await reportContribution(
					ctxFor(db, fresh, { config: { reportMinAccountAgeHours: 0 } }),
					contributionId,
					{ reason: 'Beleidigend' }
				)
			).toEqual({ ok: true, value: { alreadyReported: false, hidden: true } });
		});

		it('anonymous reports from ever new addresses reach the queue but never hide anything', async () => {
			const { db, c, contributionId } = await setup({ autoHide: 2 });
			// The visitor key rotates daily and with the address: five addresses are five "reporters".
			for (let i = 1; i <= 5; i++) {
				const r = await reportContribution(
					ctxFor(db, null, { clientAddress: `203.0.113.${i}` }),
					contributionId,
					{ reason: `Weg damit ${i}` }
				);
				expect(r).toEqual({ ok: true, value: { alreadyReported: false, hidden: false } });
			}
			expect(await status(db, contributionId)).toMatchObject({ status: 'published', report_count: 0 });
			// The moderators see them all.
			expect(await countQueue(db, [c.id])).toEqual({ pending: 0, reported: 1, hidden: 0 });
			const [item] = await listQueue(db, [c.id], 'reported', 1);
			expect(item).toMatchObject({ id: contributionId });
			expect(item.reportReasons).toHaveLength(5);
			// Established accounts still count: two of them reach the threshold.
			for (let i = 0; i < 2; i++)
				await reportContribution(ctxFor(db, await actorFor(db, await insertUser(db))), contributionId, {
					reason: 'Beleidigend'
				});
			expect(await status(db, contributionId)).toMatchObject({ status: 'hidden', report_count: 2 });
			// Dismissing resolves them: the queue is empty again.
			const mod = await actorFor(db, await insertUser(db, { roles: ['moderator'] }));
			expect((await moderateContribution(ctxFor(db, mod), contributionId, { action: 'restore' })).ok).toBe(
				true
			);
			expect(await countQueue(db, [c.id])).toEqual({ pending: 0, reported: 0, hidden: 0 });
		});

		it('refuses reports beyond the limit per person and per address, with a German message', async () => {
			const { db, c, quartier, contributionId } = await setup({ autoHide: 1000 });
			const others: string[] = [];
			for (let i = 0; i < 3; i++) {
				const r = await createContribution(ctxFor(db, await actorFor(db, await insertUser(db))), c.id, {
					body: `Noch ein Beitrag ${i}`,
					categoryId: c.categories.Verkehr,
					areaIds: [quartier.id]
				});
				if (!r.ok) throw new Error(r.code);
				others.push(r.value.id);
			}
			const reporter = await actorFor(db, await insertUser(db));
			const now = new Date();
			for (let i = 0; i < REPORT_LIMIT.limit; i++) {
				const r = await reportContribution(ctxFor(db, reporter, { now }), others[i % 3], { reason: 'Spam' });
				expect(r.ok, `report ${i + 1}`).toBe(true);
			}
			const refused = await reportContribution(ctxFor(db, reporter, { now }), contributionId, {
				reason: 'Spam'
			});
			expect(refused).toEqual({ ok: false, code: 'rate_limited' });
			// Someone else may still report.
			const other = await actorFor(db, await insertUser(db));
			expect(
				(await reportContribution(ctxFor(db, other, { now }), contributionId, { reason: 'Spam' })).ok
			).toBe(true);
			// An anonymous visitor: limited per address, another address is not affected.
			const anon = { clientAddress: '203.0.113.77', now };
			for (let i = 0; i < REPORT_LIMIT.limit; i++)
				expect((await reportContribution(ctxFor(db, null, anon), others[i % 3], { reason: 'Spam' })).ok).toBe(
					true
				);
			expect(await reportContribution(ctxFor(db, null, anon), contributionId, { reason: 'Spam' })).toEqual({
				ok: false,
				code: 'rate_limited'
			});
			expect(
				(
					await reportContribution(ctxFor(db, null, { clientAddress: '203.0.113.78', now }), contributionId, {
						reason: 'Spam'
					})
				).ok
			).toBe(true);
			// After the window the person may report again.
			const later = new Date(now.getTime() + (REPORT_LIMIT.windowSeconds + 1) * 1000);
			expect(
				(await reportContribution(ctxFor(db, reporter, { now: later }), contributionId, { reason: 'Spam' }))
					.ok
			).toBe(true);
			// The page says so in German, about reports (not "too many contributions").
			const message = translateErrors(
				createI18n('de').t,
				reportErrorCode(refused.ok ? '' : refused.code)
			).form;
			expect(message).toContain('Meldungen');
			expect(message).not.toBe(createI18n('de').t('contributions.errors.invalid'));
		});

		it('approves pending contributions; approving a published one is refused', async () => {
			const { db, c, contributionId } = await setup({ preModeration: true });
			const mod = await actorFor(db, await insertUser(db, { roles: ['moderator'] }));
			expect((await status(db, contributionId)).status).toBe('pending');
			expect(await countQueue(db, [c.id])).toEqual({ pending: 1, reported: 0, hidden: 0 });
			const pending = await listQueue(db, [c.id], 'pending', 1);
			expect(pending.map((i) => i.id)).toEqual([contributionId]);

			expect(await moderateContribution(ctxFor(db, mod), contributionId, { action: 'approve' })).toEqual({
				ok: true,
				value: { status: 'published' }
			});
			expect(await moderateContribution(ctxFor(db, mod), contributionId, { action: 'approve' })).toEqual({
				ok: false,
				code: 'wrong_state'
			});
			expect(
				await moderateContribution(ctxFor(db, mod), contributionId, { action: 'publish' })
			).toMatchObject({
				ok: false,
				code: 'invalid'
			});
		});

		it('lists reported contributions with their open reasons and dismisses the reports', async () => {
			const { db, c, contributionId } = await setup({ autoHide: 5 });
			const mod = await actorFor(db, await insertUser(db, { roles: ['moderator'] }));
			for (const reason of ['Werbung', 'Falscher Ort']) {
				const reporter = await actorFor(db, await insertUser(db));
				await reportContribution(ctxFor(db, reporter), contributionId, { reason });
			}
			expect(await countQueue(db, [c.id])).toEqual({ pending: 0, reported: 1, hidden: 0 });
			const [item] = await listQueue(db, [c.id], 'reported', 1);
			expect(item).toMatchObject({
				id: contributionId,
				reportCount: 2,
				reportReasons: ['Werbung', 'Falscher Ort']
			});

			expect(
				await moderateContribution(ctxFor(db, mod), contributionId, { action: 'dismiss_reports' })
			).toEqual({
				ok: true,
				value: { status: 'published' }
			});
			expect(await countQueue(db, [c.id])).toEqual({ pending: 0, reported: 0, hidden: 0 });
			expect(
				await moderateContribution(ctxFor(db, mod), contributionId, { action: 'dismiss_reports' })
			).toEqual({
				ok: false,
				code: 'wrong_state'
			});
			const log = await listModerationLog(db, [c.id], 1);
			expect(log.total).toBe(1);
			expect(log.entries[0]).toMatchObject({ action: 'dismiss_reports', actorName: mod.displayName });
		});
	});

	describe('pre-moderation and edits', () => {
		it('an approved contribution edited by its author goes back to the queue; the new text is not public', async () => {
			const { db, c, resident, contributionId } = await setup({ preModeration: true });
			const mod = await actorFor(db, await insertUser(db, { roles: ['moderator'] }));
			expect((await moderateContribution(ctxFor(db, mod), contributionId, { action: 'approve' })).ok).toBe(
				true
			);
			const publicList = async () =>
				(await listContributionsInBox(db, c.id, null)).items.map((i) => ({ id: i.id, body: i.body }));
			expect(await publicList()).toEqual([
				{ id: contributionId, body: 'Die Straßenlaterne ist seit Wochen kaputt.' }
			]);

			expect(
				(
					await editContribution(ctxFor(db, resident), contributionId, {
						body: 'Jetzt steht hier etwas ganz anderes.'
					})
				).ok
			).toBe(true);
			expect((await status(db, contributionId)).status).toBe('pending');
			expect(await publicList()).toEqual([]);
			expect(await countQueue(db, [c.id])).toEqual({ pending: 1, reported: 0, hidden: 0 });
			// The detail page shows a pending contribution to its author and the moderators only.
			expect((await getContribution({ db, actor: null }, contributionId))?.status).toBe('pending');

			// Approved again, the new text is public.
			expect((await moderateContribution(ctxFor(db, mod), contributionId, { action: 'approve' })).ok).toBe(
				true
			);
			expect(await publicList()).toEqual([
				{ id: contributionId, body: 'Jetzt steht hier etwas ganz anderes.' }
			]);
		});

		it('an approved reply edited by its author goes back to the queue; the new text is not public', async () => {
			const { db, c, contributionId } = await setup({ preModeration: true });
			const mod = await actorFor(db, await insertUser(db, { roles: ['moderator'] }));
			await moderateContribution(ctxFor(db, mod), contributionId, { action: 'approve' });
			const replier = await actorFor(db, await insertUser(db));
			const reply = await createReply(ctxFor(db, replier), contributionId, { body: 'Stimmt, seit März.' });
			if (!reply.ok) throw new Error(reply.code);
			// Anonymous replies are edited with their token: the same rule.
			const anonymous = await createReply(ctxFor(db, null), contributionId, { body: 'Bei uns auch.' });
			if (!anonymous.ok) throw new Error(anonymous.code);
			for (const id of [reply.value.id, anonymous.value.id])
				expect((await moderateContribution(ctxFor(db, mod), id, { action: 'approve' })).ok).toBe(true);
			const publicReplies = async () =>
				(await getContribution({ db, actor: null }, contributionId))!.replies
					.filter((r) => r.status === 'published')
					.map((r) => r.body);
			expect(await publicReplies()).toEqual(['Stimmt, seit März.', 'Bei uns auch.']);

			expect(
				(await editContribution(ctxFor(db, replier), reply.value.id, { body: 'Unsinn statt Antwort.' })).ok
			).toBe(true);
			expect(
				(
					await editContribution(
						ctxFor(db, null),
						anonymous.value.id,
						{ body: 'Auch geändert.' },
						anonymous.value.editToken
					)
				).ok
			).toBe(true);
			expect((await status(db, reply.value.id)).status).toBe('pending');
			expect((await status(db, anonymous.value.id)).status).toBe('pending');
			expect(await publicReplies()).toEqual([]);
			const detail = JSON.stringify(await getContribution({ db, actor: null }, contributionId));
			expect(detail).not.toContain('Unsinn statt Antwort.');
			expect(detail).not.toContain('Auch geändert.');
			expect(await countQueue(db, [c.id])).toEqual({ pending: 2, reported: 0, hidden: 0 });
		});

		it('without pre-moderation an edit stays published', async () => {
			const { db, resident, contributionId } = await setup();
			expect((await editContribution(ctxFor(db, resident), contributionId, { body: 'Korrigiert.' })).ok).toBe(
				true
			);
			expect((await status(db, contributionId)).status).toBe('published');
		});
	});

	describe('blocking', () => {
		it('blocks an author from writing, replying and supporting in this consultation only, and unblocks', async () => {
			const { db, c, residentId, resident, contributionId, quartier } = await setup();
			const other = await insertConsultation(db, { areaIds: [quartier.id] });
			const mod = await actorFor(db, await insertUser(db, { roles: ['moderator'] }));

			expect(await blockAuthor(ctxFor(db, mod), contributionId, { reason: '' })).toMatchObject({
				ok: false,
				code: 'invalid'
			});
			expect(
				await blockAuthor(ctxFor(db, mod), contributionId, { reason: 'Wiederholt beleidigend' })
			).toEqual({
				ok: true,
				value: { userId: residentId }
			});
			expect(await blockAuthor(ctxFor(db, mod), contributionId, { reason: 'Nochmal' })).toEqual({
				ok: false,
				code: 'already_blocked'
			});
			expect((await listBlockedUsers(db, c.id)).map((b) => b.userId)).toEqual([residentId]);

			const input = { body: 'Noch ein Beitrag.', categoryId: c.categories.Verkehr, areaIds: [quartier.id] };
			expect(await createContribution(ctxFor(db, resident), c.id, input)).toMatchObject({
				ok: false,
				code: 'blocked'
			});
			expect(await createReply(ctxFor(db, resident), contributionId, { body: 'Antwort' })).toMatchObject({
				ok: false,
				code: 'blocked'
			});
			expect(await toggleSupport(ctxFor(db, resident), contributionId)).toEqual({
				ok: false,
				code: 'blocked'
			});
			const elsewhere = await createContribution(ctxFor(db, resident), other.id, {
				...input,
				categoryId: other.categories.Verkehr
			});
			expect(elsewhere.ok).toBe(true);

			expect(await unblockUser(ctxFor(db, resident), c.id, residentId)).toEqual({
				ok: false,
				code: 'forbidden'
			});
			expect(await unblockUser(ctxFor(db, mod), c.id, residentId)).toEqual({ ok: true, value: null });
			expect(await unblockUser(ctxFor(db, mod), c.id, residentId)).toEqual({
				ok: false,
				code: 'not_blocked'
			});
			expect((await createContribution(ctxFor(db, resident), c.id, input)).ok).toBe(true);
			const actions = (await listModerationLog(db, [c.id], 1)).entries.map((e) => e.action);
			expect(actions).toEqual(['unblock_user', 'block_user']);
		});

		it('refuses to block anonymous authors and members of the team', async () => {
			const { db, c, quartier } = await setup();
			const mod = await actorFor(db, await insertUser(db, { roles: ['moderator'] }));
			const anonymous = await createContribution(ctxFor(db, null), c.id, {
				body: 'Ohne Konto geschrieben.',
				categoryId: c.categories.Verkehr,
				areaIds: [quartier.id]
			});
			if (!anonymous.ok) throw new Error(anonymous.code);
			expect(await blockAuthor(ctxFor(db, mod), anonymous.value.id, { reason: 'Spam' })).toEqual({
				ok: false,
				code: 'anonymous'
			});
			const colleagueId = await insertUser(db);
			await grant(db, colleagueId, 'moderator', 'consultation', c.id);
			const colleague = await actorFor(db, colleagueId);
			const own = await createContribution(ctxFor(db, colleague), c.id, {
				body: 'Hinweis der Moderation.',
				categoryId: c.categories.Verkehr,
				areaIds: [quartier.id]
			});
			if (!own.ok) throw new Error(own.code);
			expect(await blockAuthor(ctxFor(db, mod), own.value.id, { reason: 'Spam' })).toEqual({
				ok: false,
				code: 'is_moderator'
			});
		});
	});

	describe('team', () => {
		it('a manager adds a moderator, who may then moderate, and removes them again', async () => {
			const { db, c, contributionId, quartier } = await setup();
			const managerId = await insertUser(db);
			await grant(db, managerId, 'quarter_manager', 'area', quartier.id);
			const manager = await actorFor(db, managerId);
			const helperEmail = `helfer-${Date.now()}@example.org`;
			const helperId = await insertUser(db, { email: helperEmail });
			const now = new Date();

			const resident = await actorFor(db, await insertUser(db));
			expect(await addTeamMember({ db, actor: resident, now }, c.id, helperEmail, 'moderator')).toEqual({
				ok: false,
				code: 'not_found'
			});
			expect(await addTeamMember({ db, actor: manager, now }, c.id, helperEmail, 'moderator')).toEqual({
				ok: true,
				value: { userId: helperId }
			});
			expect(await addTeamMember({ db, actor: manager, now }, c.id, helperEmail, 'moderator')).toEqual({
				ok: false,
				code: 'already_moderator'
			});
			const team = await listTeam(db, c.id);
			expect(team.map((m) => [m.userId, m.role])).toEqual([[helperId, 'moderator']]);

			const helper = await actorFor(db, helperId);
			expect((await getConsultationById(db, c.id, helper))?.canModerate).toBe(true);
			expect((await getConsultationById(db, c.id, helper))?.canManage).toBe(false);
			expect(
				(
					await moderateContribution(ctxFor(db, helper), contributionId, {
						action: 'hide',
						reason: 'Doppelt'
					})
				).ok
			).toBe(true);

			expect(await removeTeamMember({ db, actor: helper, now }, c.id, team[0].grantId)).toEqual({
				ok: false,
				code: 'not_found'
			});
			expect(await removeTeamMember({ db, actor: manager, now }, c.id, team[0].grantId)).toEqual({
				ok: true,
				value: null
			});
			const after = await actorFor(db, helperId);
			expect(await moderateContribution(ctxFor(db, after), contributionId, { action: 'restore' })).toEqual({
				ok: false,
				code: 'forbidden'
			});
			const audit = await db
				.selectFrom('audit_log')
				.select('action')
				.where('subject_id', '=', c.id)
				.execute();
			expect(audit.map((a) => a.action).sort()).toEqual([
				'consultation.add_moderator',
				'consultation.remove_moderator'
			]);
		});

		it('a manager cannot remove their own grant', async () => {
			const { db, c } = await setup();
			const coId = await insertUser(db);
			await grant(db, coId, 'quarter_manager', 'consultation', c.id);
			const co = await actorFor(db, coId);
			const [member] = await listTeam(db, c.id);
			expect(await removeTeamMember({ db, actor: co, now: new Date() }, c.id, member.grantId)).toEqual({
				ok: false,
				code: 'cannot_remove_self'
			});
		});
	});

	describe('proof-of-work for anonymous posts', () => {
		it('is asked of anonymous authors only when on, and a solved challenge counts once', async () => {
			const { db, c, quartier, resident } = await setup();
			const input = {
				body: 'Ohne Konto, mit Rechenaufgabe.',
				categoryId: c.categories.Verkehr,
				areaIds: [quartier.id]
			};
			const on = { config: { proofOfWorkBits: 8 } };
			expect(await createContribution(ctxFor(db, null, on), c.id, input)).toMatchObject({
				ok: false,
				code: 'proof_missing'
			});
			const challenge = issueChallenge(SECRET, 8, new Date());
			const powNonce = await solveChallenge(challenge, 8);
			const first = await createContribution(ctxFor(db, null, on), c.id, {
				...input,
				powChallenge: challenge,
				powNonce
			});
			expect(first.ok).toBe(true);
			expect(
				await createContribution(ctxFor(db, null, on), c.id, { ...input, powChallenge: challenge, powNonce })
			).toMatchObject({ ok: false, code: 'proof_reused' });
			// Signed-in people and a switched-off setting need none.
			expect((await createContribution(ctxFor(db, resident, on), c.id, input)).ok).toBe(true);
			expect((await createContribution(ctxFor(db, null), c.id, input)).ok).toBe(true);
		});
	});

	describe('authors hear what happened', () => {
		it('a signed-in author gets a mail in their language when hidden (with the reason), restored or approved', async () => {
			const { db, residentId, contributionId, c } = await setup();
			await db.updateTable('app_user').set({ locale: 'en' }).where('id', '=', residentId).execute();
			const author = await db
				.selectFrom('app_user')
				.select('email')
				.where('id', '=', residentId)
				.executeTakeFirstOrThrow();
			const mod = await actorFor(db, await insertUser(db, { roles: ['moderator'] }));
			const config = { config: { origin: 'https://beteiligung.example.de' } };
			const mails = () =>
				db
					.selectFrom('mail_outbox')
					.select(['kind', 'subject', 'body_text'])
					.where('to_address', '=', author.email)
					.orderBy('created_at')
					.execute();

			await moderateContribution(ctxFor(db, mod, config), contributionId, { action: 'dismiss_reports' });
			expect(await mails()).toHaveLength(0);
			await moderateContribution(ctxFor(db, mod, config), contributionId, {
				action: 'hide',
				reason: 'Enthält eine Adresse'
			});
			await moderateContribution(ctxFor(db, mod, config), contributionId, { action: 'restore' });
			const sent = await mails();
			expect(sent.map((m) => m.kind)).toEqual(['contribution_hidden', 'contribution_restored']);
			expect(sent[0].subject).toBe('Your contribution has been hidden');
			expect(sent[0].body_text).toContain('Reason: Enthält eine Adresse');
			expect(sent[0].body_text).toContain(
				`https://beteiligung.example.de/beteiligung/${c.slug}/beitrag/${contributionId}`
			);
			expect(sent[0].body_text).toContain('https://beteiligung.example.de/netiquette');
		});

		it('anonymous authors get no mail (there is no address), and nothing is sent without a public URL', async () => {
			const { db, c, quartier } = await setup({ preModeration: true });
			const mod = await actorFor(db, await insertUser(db, { roles: ['moderator'] }));
			const before = await db
				.selectFrom('mail_outbox')
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.executeTakeFirstOrThrow();
			const anonymous = await createContribution(ctxFor(db, null), c.id, {
				body: 'Ohne Konto.',
				categoryId: c.categories.Verkehr,
				areaIds: [quartier.id]
			});
			if (!anonymous.ok) throw new Error(anonymous.code);
			const config = { config: { origin: 'https://beteiligung.example.de' } };
			expect(
				(await moderateContribution(ctxFor(db, mod, config), anonymous.value.id, { action: 'approve' })).ok
			).toBe(true);
			const after = await db
				.selectFrom('mail_outbox')
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.executeTakeFirstOrThrow();
			expect(Number(after.n)).toBe(Number(before.n));
		});
	});
});
