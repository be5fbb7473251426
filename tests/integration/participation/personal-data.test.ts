// The personal-data download and account deletion cover every table holding a person's id, through
// the core's sections and every registered module's.
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { deleteAccount } from '../../../src/lib/server/auth/account';
import { hashPassword } from '../../../src/lib/server/auth/password';
import {
	createContribution,
	createReply,
	reportContribution,
	toggleSupport
} from '../../../src/lib/server/contributions';
import {
	exportPersonalData,
	personalDataSections,
	PROFILE_TABLES
} from '../../../src/lib/server/participation/personal-data';
import { describeEachDemoDatabase } from '../helpers/demo-db';
import { authContext } from '../helpers/auth-context';
import { actorFor, insertUser } from '../helpers/roles-fixtures';
import { ctxFor, insertConsultation, jpegWithExif, memoryStorage } from '../contributions/fixtures';

describeEachDemoDatabase('personal data', (get) => {
	let quartierId: string;

	beforeAll(async () => {
		const q = await get()
			.db.selectFrom('area')
			.innerJoin('area_level', 'area_level.id', 'area.level_id')
			.select('area.id')
			.where('area_level.key', '=', 'quartier')
			.where('area.valid_to', 'is', null)
			.orderBy('area.key')
			.executeTakeFirstOrThrow();
		quartierId = q.id;
	}, 60_000);

	it('every column that references app_user is covered by some personal-data section', async () => {
		const { rows } = await sql<{ table_name: string; column_name: string }>`
			select cl.relname as table_name, a.attname as column_name
			from pg_constraint co
			join pg_class cl on cl.oid = co.conrelid
			join pg_namespace n on n.oid = cl.relnamespace
			join pg_class ref on ref.oid = co.confrelid
			join pg_attribute a on a.attrelid = co.conrelid and a.attnum = any(co.conkey)
			where co.contype = 'f' and n.nspname = 'qk' and ref.relname = 'app_user'
			order by 1, 2`.execute(get().db);
		expect(rows.length).toBeGreaterThan(10);
		const covered = new Set([...PROFILE_TABLES, ...(await personalDataSections()).flatMap((s) => s.tables)]);
		const missing = rows.map((r) => `${r.table_name}.${r.column_name}`).filter((c) => !covered.has(c));
		expect(missing).toEqual([]);
	});

	/** A resident who contributed, replied, supported and reported; a second person's input beside it. */
	async function activeResident() {
		const db = get().db;
		const c = await insertConsultation(db, { areaIds: [quartierId] });
		const residentId = await insertUser(db);
		await db
			.updateTable('app_user')
			.set({ password_hash: await hashPassword('Sehr-geheim-2026') })
			.where('id', '=', residentId)
			.execute();
		const resident = await actorFor(db, residentId);
		const other = await actorFor(db, await insertUser(db));
		const storage = memoryStorage();
		const own = await createContribution(
			ctxFor(db, resident, { storage }),
			c.id,
			{
				body: 'Mein Hinweis zur Bank am Spielplatz',
				categoryId: c.categories.Verkehr,
				areaIds: [quartierId]
			},
			[{ data: jpegWithExif(), altText: 'Eine kaputte Bank' }]
		);
		const theirs = await createContribution(ctxFor(db, other), c.id, {
			body: 'Hinweis einer anderen Person',
			categoryId: c.categories.Verkehr,
			areaIds: [quartierId]
		});
		if (!own.ok || !theirs.ok) throw new Error('setup');
		const reply = await createReply(ctxFor(db, resident), theirs.value.id, { body: 'Meine Antwort darauf' });
		if (!reply.ok) throw new Error('reply');
		expect((await toggleSupport(ctxFor(db, resident), theirs.value.id)).ok).toBe(true);
		expect(
			(await reportContribution(ctxFor(db, resident), theirs.value.id, { reason: 'Mein Meldegrund' })).ok
		).toBe(true);
		return { db, c, residentId, own: own.value.id, theirs: theirs.value.id, reply: reply.value.id, storage };
	}

	it("the download holds the person's contributions, replies, supports and reports, and nobody else's", async () => {
		const { db, residentId, own, theirs, reply } = await activeResident();
		const data = (await exportPersonalData(db, residentId, new Date())) as {
			sections: Record<string, unknown>;
		};
		const s = data.sections as {
			contributions: { id: string; kind: string; text: string; areaKeys: string[] }[];
			supports: { contributionId: string }[];
			reports: { itemId: string; reason: string }[];
			uploads: unknown[];
		};
		expect(s.contributions.map((c) => c.id).sort()).toEqual([own, reply].sort());
		expect(s.contributions.find((c) => c.id === reply)?.kind).toBe('reply');
		expect(s.contributions.find((c) => c.id === own)?.areaKeys.length).toBeGreaterThan(0);
		expect(s.supports).toEqual([expect.objectContaining({ contributionId: theirs })]);
		expect(s.reports).toEqual([expect.objectContaining({ itemId: theirs, reason: 'Mein Meldegrund' })]);
		expect(s.uploads).toHaveLength(1);
		expect(JSON.stringify(data)).not.toContain('Hinweis einer anderen Person');
	});

	describe('account deletion', () => {
		it('anonymises contributions by default: texts stay, nothing links them to the person, the support is taken back', async () => {
			const { db, residentId, own, theirs, storage } = await activeResident();
			const ctx = authContext(get(), { storage });
			const r = await deleteAccount(ctx, residentId, {
				currentPassword: 'Sehr-geheim-2026',
				confirm: 'on',
				contributions: 'anonymise'
			});
			expect(r).toEqual({ ok: true, value: null });
			const kept = await db
				.selectFrom('contribution')
				.select(['body', 'author_id', 'status'])
				.where('id', '=', own)
				.executeTakeFirstOrThrow();
			expect(kept).toEqual({
				body: 'Mein Hinweis zur Bank am Spielplatz',
				author_id: null,
				status: 'published'
			});
			const supported = await db
				.selectFrom('contribution')
				.select('support_count')
				.where('id', '=', theirs)
				.executeTakeFirstOrThrow();
			expect(supported.support_count).toBe(0);
			expect(storage.files.size).toBe(1);
		});

		it('deletes contributions and photos when the person asks for it; other people’s input stays', async () => {
			const { db, residentId, own, reply, theirs, storage } = await activeResident();
			expect(storage.files.size).toBe(1);
			const ctx = authContext(get(), { storage });
			const r = await deleteAccount(ctx, residentId, {
				currentPassword: 'Sehr-geheim-2026',
				confirm: 'on',
				contributions: 'delete'
			});
			expect(r.ok).toBe(true);
			const rows = await db
				.selectFrom('contribution')
				.select(['id', 'body', 'status', 'geometry', 'reply_count'])
				.where('id', 'in', [own, reply, theirs])
				.execute();
			const byId = new Map(rows.map((x) => [x.id, x]));
			expect(byId.get(own)).toMatchObject({ body: '', status: 'deleted' });
			expect(byId.get(reply)).toMatchObject({ body: '', status: 'deleted' });
			expect(byId.get(theirs)).toMatchObject({
				body: 'Hinweis einer anderen Person',
				status: 'published',
				reply_count: 0
			});
			expect(storage.files.size).toBe(0);
			const photos = await db
				.selectFrom('contribution_photo')
				.select('id')
				.where('contribution_id', '=', own)
				.execute();
			expect(photos).toEqual([]);
		});
	});
});
