// Measures, following and notification mails (issue 10) on both databases: measures CRUD with
// permissions, links and progress history; follow/unfollow; the digest sends at most one mail per
// person per run and a day; unsubscribe without login, a wrong or guessed token does nothing; hidden
// and unpublished items never reach the roll-up, the open data or another person's notification.
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { Actor, Role } from '../../../src/lib/server/auth/actor';
import type { CommandContext } from '../../../src/lib/server/core';
import type { DB } from '../../../src/lib/server/db/types';
import {
	followItem,
	isFollowing,
	publicItems,
	refKey,
	runNotificationDigest,
	saveNotificationSettings,
	unfollow,
	unsubscribeByToken
} from '../../../src/lib/server/following';
import {
	createMeasure,
	getMeasure,
	linkItem,
	listMeasures,
	measuresFor,
	openDataMeasures,
	recordProgress,
	unlinkItem,
	updateMeasure
} from '../../../src/lib/server/measures';
import { can } from '../../../src/lib/server/auth/permissions';
import { areaActivity } from '../../../src/lib/server/participation/area-activity';
import { respondToItem } from '../../../src/lib/server/participation/outcomes';
import { TEST_ORIGIN } from '../helpers/auth-context';
import { describeEachDatabase } from '../helpers/db';
import { actorFor, insertAreaTree, insertUser, type AreaTree } from '../helpers/roles-fixtures';
import { insertConsultation } from '../contributions/fixtures';

const DAY = 24 * 60 * 60 * 1000;
let clock = Date.parse('2026-12-01T09:00:00Z');
function ctxFor(db: Kysely<DB>, actor: Actor | null): CommandContext {
	clock += 60_000;
	return { db, actor, now: new Date(clock), config: { origin: TEST_ORIGIN } };
}

async function grant(db: Kysely<DB>, userId: string, role: Role, scopeType: string, scopeId: string | null) {
	await db
		.insertInto('role_grant')
		.values({ user_id: userId, role, scope_type: scopeType, scope_id: scopeId })
		.execute();
}

async function insertContribution(
	db: Kysely<DB>,
	consultationId: string,
	areaIds: string[],
	body: string,
	status = 'published'
) {
	const row = await db
		.insertInto('contribution')
		.values({ consultation_id: consultationId, body, status, kind: 'map_comment' })
		.returning('id')
		.executeTakeFirstOrThrow();
	if (areaIds.length)
		await db
			.insertInto('contribution_area')
			.values(areaIds.map((a) => ({ contribution_id: row.id, area_id: a })))
			.execute();
	return row.id;
}

const mayManage = (actor: Actor | null, subject: unknown) => can(actor, 'measure.manage', subject);

async function mailsTo(db: Kysely<DB>, userId: string) {
	const { email } = await db
		.selectFrom('app_user')
		.select('email')
		.where('id', '=', userId)
		.executeTakeFirstOrThrow();
	return db
		.selectFrom('mail_outbox')
		.select(['subject', 'body_text', 'kind', 'headers'])
		.where('to_address', '=', email)
		.where('kind', 'like', 'notification_%')
		.orderBy('created_at')
		.execute();
}

describeEachDatabase('measures and following', (get) => {
	let db: Kysely<DB>;
	let tree: AreaTree;
	let planner: Actor;
	let hafenPlanner: Actor;
	let resident: string;
	let consultation: { id: string; slug: string };
	let visible: string;
	let hidden: string;

	const base = () => ({
		title: 'Neue Bänke am Brunnen',
		description: 'Acht Bänke mit Lehne.',
		responsible: 'Grünflächenamt',
		areaIds: [tree.quartierA],
		consultationId: consultation.id,
		budget: '12.500,50',
		fundingSource: 'Städtebauförderung',
		startsOn: '2026-09-01',
		endsOn: '2027-05-31',
		status: 'published'
	});

	beforeAll(async () => {
		db = get().db;
		tree = await insertAreaTree(db, 'm');
		planner = await actorFor(db, await insertUser(db, { roles: ['planner'], name: 'Paula Planung' }));
		const h = await insertUser(db, { name: 'Planer Hafen' });
		await grant(db, h, 'planner', 'area', tree.hafen);
		hafenPlanner = await actorFor(db, h);
		resident = await insertUser(db, { name: 'Berta Bewohnerin' });
		consultation = await insertConsultation(db, { areaIds: [tree.altstadt] });
		visible = await insertContribution(
			db,
			consultation.id,
			[tree.altstadt, tree.quartierA],
			'Hier fehlt eine Bank mit Lehne.'
		);
		hidden = await insertContribution(
			db,
			consultation.id,
			[tree.altstadt, tree.quartierA],
			'Versteckter Hinweis',
			'hidden'
		);
	});

	describe('measures', () => {
		it('planners create measures; a planner for another area may not; bad input keeps its errors', async () => {
			const refused = await createMeasure(ctxFor(db, hafenPlanner), base());
			expect(refused).toMatchObject({ ok: false, code: 'forbidden' });
			const bad = await createMeasure(ctxFor(db, planner), {
				...base(),
				title: 'x',
				areaIds: [],
				budget: 'viel',
				endsOn: '2026-01-01'
			});
			expect(bad.ok).toBe(false);
			if (!bad.ok) {
				expect(bad.code).toBe('invalid');
				expect(Object.keys(bad.errors ?? {}).sort()).toEqual(['areaIds', 'budget', 'title']);
			}
			const made = await createMeasure(ctxFor(db, planner), { ...base(), status: 'draft' });
			expect(made.ok).toBe(true);
			const id = made.ok ? made.value.id : '';
			// A draft is invisible to the public: list, page, open data, roll-up.
			expect((await listMeasures(db)).entries.map((e) => e.id)).not.toContain(id);
			expect(await getMeasure(db, id, { actor: null, mayManage })).toBeNull();
			expect((await getMeasure(db, id, { actor: planner, mayManage }))?.budgetEuros).toBe(12500.5);
			expect((await openDataMeasures(db, {}, async () => new Set())).map((m) => m.id)).not.toContain(id);
			expect((await areaActivity(db, tree.altstadt)).entries.map((e) => e.itemId)).not.toContain(id);
			// The Hafen planner cannot even change it (looks missing).
			expect(await updateMeasure(ctxFor(db, hafenPlanner), id, base())).toMatchObject({
				ok: false,
				code: 'not_found'
			});
			const audit = await db.selectFrom('audit_log').select('action').where('subject_id', '=', id).execute();
			expect(audit.map((a) => a.action)).toEqual(['measure.create']);
		});

		it('links public items only, records progress with history, and every linked page shows the measure', async () => {
			const made = await createMeasure(ctxFor(db, planner), base());
			if (!made.ok) throw new Error(made.code);
			const id = made.value.id;
			expect(
				await linkItem(ctxFor(db, planner), id, {
					itemType: 'contribution',
					reference: `${TEST_ORIGIN}/beteiligung/${consultation.slug}/beitrag/${hidden}`
				})
			).toMatchObject({ ok: false, code: 'item_not_found' });
			expect(
				await linkItem(ctxFor(db, planner), id, {
					itemType: 'contribution',
					reference: `/beteiligung/${consultation.slug}/beitrag/${visible}`
				})
			).toMatchObject({ ok: true });
			expect(
				await linkItem(ctxFor(db, planner), id, { itemType: 'contribution', reference: visible })
			).toMatchObject({ ok: false, code: 'already_linked' });
			expect(
				await recordProgress(ctxFor(db, hafenPlanner), id, { progress: '40', milestoneOn: '2026-11-20' })
			).toMatchObject({ ok: false, code: 'not_found' });
			expect(
				await recordProgress(ctxFor(db, planner), id, { progress: '101', milestoneOn: '2026-11-20' })
			).toMatchObject({ ok: false, code: 'invalid' });
			expect(
				await recordProgress(ctxFor(db, planner), id, {
					progress: '10',
					milestoneOn: '2026-09-15',
					note: 'Standorte abgestimmt'
				})
			).toMatchObject({ ok: true, value: { progress: 10, previous: 0 } });
			expect(
				await recordProgress(ctxFor(db, planner), id, { progress: '40', milestoneOn: '2026-11-20' })
			).toMatchObject({ ok: true, value: { progress: 40, previous: 10 } });
			const m = await getMeasure(db, id, { actor: null, mayManage });
			expect(m?.progress).toBe(40);
			expect(m?.milestones.map((x) => [x.milestoneOn, x.previousProgress, x.progress])).toEqual([
				['2026-11-20', 10, 40],
				['2026-09-15', 0, 10]
			]);
			expect(m?.links).toEqual([{ itemType: 'contribution', itemId: visible }]);
			const badges = await measuresFor(db, 'contribution', [visible, hidden]);
			expect(badges.get(visible)?.map((b) => b.id)).toContain(id);
			expect(badges.has(hidden)).toBe(false);
			const audit = await db
				.selectFrom('audit_log')
				.select('action')
				.where('subject_id', '=', id)
				.orderBy('created_at')
				.execute();
			expect(audit.map((a) => a.action)).toEqual([
				'measure.create',
				'measure.link',
				'measure.progress',
				'measure.progress'
			]);
			// Filters: by area (an area above finds it), by stage.
			expect(
				(await listMeasures(db, { areaIds: [tree.quartierA], stage: 'laufend' })).entries.map((e) => e.id)
			).toContain(id);
			expect((await listMeasures(db, { areaIds: [tree.quartierC] })).entries.map((e) => e.id)).not.toContain(
				id
			);
			expect((await listMeasures(db, { stage: 'fertig' })).entries.map((e) => e.id)).not.toContain(id);
		});
		it("tells followers of a published measure's meaningful changes and of links added or removed", async () => {
			const item = await insertContribution(db, consultation.id, [tree.quartierA], 'Wunsch: Bäume am Platz');
			const itemFollower = await insertUser(db, { name: 'Ilse Item' });
			await followItem(db, itemFollower, { type: 'contribution', id: item });
			const measureFollower = await insertUser(db, { name: 'Max Maßnahme' });
			const made = await createMeasure(ctxFor(db, planner), { ...base(), title: 'Bäume pflanzen' });
			if (!made.ok) throw new Error(made.code);
			const id = made.value.id;
			await followItem(db, measureFollower, { type: 'measure', id });
			const heard = async (userId: string) =>
				(
					await db
						.selectFrom('notification_delivery as d')
						.innerJoin('notification_event as e', 'e.id', 'd.event_id')
						.select('e.message_key')
						.where('d.user_id', '=', userId)
						.where('e.item_id', '=', id)
						.orderBy('e.created_at')
						.execute()
				).map((r) => r.message_key.replace('measures.event.', ''));
			// Each save starts from the last one's values.
			let current: Record<string, unknown> = { ...base(), title: 'Bäume pflanzen' };
			const save = (changes: Record<string, unknown>) => {
				current = { ...current, ...changes };
				return updateMeasure(ctxFor(db, planner), id, current);
			};

			// Saved unchanged, or only its areas: nobody hears of it.
			expect((await save({})).ok).toBe(true);
			expect((await save({ areaIds: [tree.quartierA, tree.quartierB] })).ok).toBe(true);
			expect((await save({})).ok).toBe(true);
			expect(await heard(measureFollower)).toEqual([]);
			await save({ description: 'Zwölf Linden statt acht Bänken.' });
			await save({ endsOn: '2027-09-30' });
			expect(await heard(measureFollower)).toEqual(['changed', 'rescheduled']);
			// The item's followers hear when the measure starts and stops answering it (and, meanwhile, its news).
			expect(await heard(itemFollower)).toEqual([]);
			expect(
				(await linkItem(ctxFor(db, planner), id, { itemType: 'contribution', reference: item })).ok
			).toBe(true);
			await recordProgress(ctxFor(db, planner), id, { progress: '30', milestoneOn: '2026-11-20' });
			expect((await unlinkItem(ctxFor(db, planner), id, { itemType: 'contribution', itemId: item })).ok).toBe(
				true
			);
			expect(await heard(itemFollower)).toEqual(['linked', 'progress', 'unlinked']);
			// No longer linked: its next change is not theirs to hear.
			await save({ title: 'Linden pflanzen' });
			expect(await heard(itemFollower)).toEqual(['linked', 'progress', 'unlinked']);
			expect(await heard(measureFollower)).toEqual([
				'changed',
				'rescheduled',
				'linked',
				'progress',
				'unlinked',
				'changed'
			]);
			// Taken back to draft and edited there: not public, so no one hears of it.
			await save({ status: 'draft' });
			await save({ description: 'Entwurf' });
			expect(await heard(measureFollower)).toHaveLength(6);
			// The planner who made the changes is never told.
			expect(await heard(planner.id)).toEqual([]);
		});
	});

	describe('following and the digest', () => {
		it('follows and unfollows; only public targets can be followed through the command', async () => {
			const someone = await insertUser(db);
			expect(await followItem(db, someone, { type: 'area', id: tree.altstadt })).toBe(true);
			expect(await followItem(db, someone, { type: 'area', id: tree.altstadt })).toBe(true);
			expect(await isFollowing(db, someone, { type: 'area', id: tree.altstadt })).toBe(true);
			expect(await unfollow(db, someone, { type: 'area', id: tree.altstadt })).toBe(true);
			expect(await isFollowing(db, someone, { type: 'area', id: tree.altstadt })).toBe(false);
			// Automatic following respects the setting.
			await saveNotificationSettings(db, someone, { delivery: 'weekly', autoFollow: false }, new Date());
			expect(await followItem(db, someone, { type: 'contribution', id: visible }, { auto: true })).toBe(
				false
			);
			expect(await isFollowing(db, someone, { type: 'contribution', id: visible })).toBe(false);
		});

		it('sends at most one mail per person per run and a day, weekly by default; hidden items are dropped', async () => {
			await followItem(db, resident, { type: 'area', id: tree.altstadt });
			const immediate = await insertUser(db, { name: 'Ida Immediate' });
			await followItem(db, immediate, { type: 'consultation', id: consultation.id });
			await saveNotificationSettings(db, immediate, { delivery: 'immediate', autoFollow: true }, new Date());
			const bystander = await insertUser(db, { name: 'Bernd Unbeteiligt' });
			await followItem(db, bystander, { type: 'area', id: tree.hafen });

			const made = await createMeasure(ctxFor(db, planner), {
				...base(),
				title: 'Schatten für den Spielplatz'
			});
			if (!made.ok) throw new Error(made.code);
			await recordProgress(ctxFor(db, planner), made.value.id, { progress: '40', milestoneOn: '2026-11-20' });
			// A response to the visible and to another contribution that is hidden afterwards.
			const later = await insertContribution(
				db,
				consultation.id,
				[tree.quartierB],
				'Bald versteckt: Wunsch nach Licht'
			);
			expect(
				(
					await respondToItem(ctxFor(db, planner), {
						itemType: 'contribution',
						itemId: later,
						status: 'accepted',
						responseText: 'Wird geprüft und umgesetzt.',
						nextSteps: '',
						responderName: 'Stadtplanung'
					})
				).ok
			).toBe(true);
			await db.updateTable('contribution').set({ status: 'hidden' }).where('id', '=', later).execute();

			const pending = await db
				.selectFrom('notification_delivery')
				.select('user_id')
				.where('user_id', '=', resident)
				.execute();
			expect(pending.length).toBeGreaterThanOrEqual(3);
			// The Hafen follower hears nothing of the Altstadt.
			expect(
				await db
					.selectFrom('notification_delivery')
					.select('event_id')
					.where('user_id', '=', bystander)
					.execute()
			).toEqual([]);

			const now = new Date(clock + 60_000);
			const first = await runNotificationDigest(db, { now, origin: TEST_ORIGIN });
			expect(first.mailed).toBeGreaterThanOrEqual(2);
			const residentMails = await mailsTo(db, resident);
			expect(residentMails).toHaveLength(1);
			expect(residentMails[0].kind).toBe('notification_digest');
			expect(residentMails[0].body_text).toContain('Schatten für den Spielplatz');
			expect(residentMails[0].body_text).toContain('40 %');
			// Hidden since: never in another person's mail.
			expect(residentMails[0].body_text).not.toContain('Bald versteckt');
			const headers = (
				typeof residentMails[0].headers === 'string'
					? JSON.parse(residentMails[0].headers)
					: residentMails[0].headers
			) as Record<string, string>;
			expect(headers['List-Unsubscribe']).toMatch(
				new RegExp(`^<${TEST_ORIGIN}/benachrichtigungen/abbestellen/[A-Za-z0-9_-]{43}>$`)
			);
			expect(await mailsTo(db, immediate)).toHaveLength(1);
			expect((await mailsTo(db, immediate))[0].kind).toBe('notification_immediate');
			expect(await mailsTo(db, bystander)).toHaveLength(0);

			// Same run again, and new news an hour later: no second mail (one a day at most; weekly waits a week).
			expect((await runNotificationDigest(db, { now, origin: TEST_ORIGIN })).mailed).toBe(0);
			await recordProgress(ctxFor(db, planner), made.value.id, { progress: '50', milestoneOn: '2026-11-21' });
			const hourLater = new Date(now.getTime() + 60 * 60 * 1000);
			expect((await runNotificationDigest(db, { now: hourLater, origin: TEST_ORIGIN })).mailed).toBe(0);
			expect(await mailsTo(db, immediate)).toHaveLength(1);
			// A day later the immediate person gets the next one, the weekly person still waits.
			const dayLater = new Date(now.getTime() + DAY + 1000);
			await runNotificationDigest(db, { now: dayLater, origin: TEST_ORIGIN });
			expect(await mailsTo(db, immediate)).toHaveLength(2);
			expect(await mailsTo(db, resident)).toHaveLength(1);
			const weekLater = new Date(now.getTime() + 7 * DAY + 1000);
			await runNotificationDigest(db, { now: weekLater, origin: TEST_ORIGIN });
			expect(await mailsTo(db, resident)).toHaveLength(2);
			expect((await mailsTo(db, resident))[1].body_text).toContain('50 %');
		});

		it('unsubscribes without login by the token; a wrong or guessed token changes nothing', async () => {
			const person = await insertUser(db);
			await followItem(db, person, { type: 'area', id: tree.altstadt });
			const before = await db.selectFrom('follow').select(['id', 'token']).execute();
			expect(await unsubscribeByToken(db, 'nicht-gueltig', new Date())).toBe(false);
			expect(await unsubscribeByToken(db, randomBytes(32).toString('base64url'), new Date())).toBe(false);
			expect(await unsubscribeByToken(db, "' or '1'='1", new Date())).toBe(false);
			expect((await db.selectFrom('follow').select('id').execute()).length).toBe(before.length);
			const mine = await db
				.selectFrom('follow')
				.select('token')
				.where('user_id', '=', person)
				.executeTakeFirstOrThrow();
			expect(await unsubscribeByToken(db, mine.token, new Date())).toBe(true);
			expect(await isFollowing(db, person, { type: 'area', id: tree.altstadt })).toBe(false);
			expect((await db.selectFrom('follow').select('id').execute()).length).toBe(before.length - 1);
			// The person's own token switches all notification mails off.
			await saveNotificationSettings(db, person, { delivery: 'immediate', autoFollow: true }, new Date());
			const setting = await db
				.selectFrom('notification_setting')
				.select('token')
				.where('user_id', '=', person)
				.executeTakeFirstOrThrow();
			expect(await unsubscribeByToken(db, setting.token, new Date())).toBe(true);
			expect(
				(
					await db
						.selectFrom('notification_setting')
						.select('delivery')
						.where('user_id', '=', person)
						.executeTakeFirstOrThrow()
				).delivery
			).toBe('off');
		});
	});

	describe('what happens in my quarter', () => {
		it('rolls up the area and the areas inside it; hidden and unpublished items never appear', async () => {
			const answered = await insertContribution(
				db,
				consultation.id,
				[tree.altstadt, tree.quartierB],
				'Mehr Fahrradbügel am Markt'
			);
			await respondToItem(ctxFor(db, planner), {
				itemType: 'contribution',
				itemId: answered,
				status: 'in_progress',
				responseText: 'Die Bügel sind bestellt.',
				nextSteps: '',
				responderName: 'Tiefbauamt'
			});
			const hiddenAnswered = await insertContribution(
				db,
				consultation.id,
				[tree.quartierB],
				'Später versteckt'
			);
			await respondToItem(ctxFor(db, planner), {
				itemType: 'contribution',
				itemId: hiddenAnswered,
				status: 'accepted',
				responseText: 'Gut.',
				nextSteps: '',
				responderName: 'Tiefbauamt'
			});
			await db
				.updateTable('contribution')
				.set({ status: 'hidden' })
				.where('id', '=', hiddenAnswered)
				.execute();
			const draft = await insertConsultation(db, { areaIds: [tree.quartierB], status: 'draft' });

			const { entries } = await areaActivity(db, tree.altstadt, { pageSize: 100 });
			const ids = entries.map((e) => e.itemId);
			expect(ids).toContain(answered);
			expect(ids).toContain(consultation.id);
			expect(ids).not.toContain(hiddenAnswered);
			expect(ids).not.toContain(draft.id);
			const measure = entries.find((e) => e.itemType === 'measure');
			expect(measure?.progress).toBeGreaterThan(0);
			expect(entries.find((e) => e.itemId === answered)).toMatchObject({
				statusKey: 'outcomes.status.in_progress',
				response: 'Die Bügel sind bestellt.'
			});
			// Newest first.
			const times = entries.map((e) => e.at.getTime());
			expect([...times].sort((a, b) => b - a)).toEqual(times);
			// Hafen sees none of it.
			expect((await areaActivity(db, tree.hafen)).entries.map((e) => e.itemId)).not.toContain(answered);
		});

		it('open data lists published measures with area keys and only public linked items', async () => {
			const made = await createMeasure(ctxFor(db, planner), { ...base(), title: 'Mit verstecktem Bezug' });
			if (!made.ok) throw new Error(made.code);
			await linkItem(ctxFor(db, planner), made.value.id, { itemType: 'contribution', reference: visible });
			const other = await insertContribution(db, consultation.id, [tree.quartierA], 'Wird gleich versteckt');
			await linkItem(ctxFor(db, planner), made.value.id, { itemType: 'contribution', reference: other });
			await db.updateTable('contribution').set({ status: 'hidden' }).where('id', '=', other).execute();
			const rows = await openDataMeasures(db, {}, async (links) => {
				const found = await publicItems(db, links);
				return new Set(links.map((l) => refKey(l.itemType, l.itemId)).filter((k) => found.has(k)));
			});
			const row = rows.find((r) => r.id === made.value.id)!;
			expect(row.area_keys).toEqual(['m-111']);
			expect(row.consultation).toBe(consultation.slug);
			expect(row.answers).toEqual([{ item_type: 'contribution', item_id: visible }]);
			expect(JSON.stringify(rows)).not.toMatch(/Paula|created_by|@/);
		});
	});
});
