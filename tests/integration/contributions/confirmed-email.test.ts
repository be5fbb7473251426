// Censorship and spam by throwaway accounts: a consultation may take input only from confirmed
// addresses (issue 13). Unconfirmed and anonymous people are refused with their own reason.
import { beforeAll, expect, it } from 'vitest';
import { createContribution, toggleSupport } from '../../../src/lib/server/contributions';
import { describeEachDemoDatabase } from '../helpers/demo-db';
import { actorFor, insertUser } from '../helpers/roles-fixtures';
import { ctxFor, insertConsultation } from './fixtures';

describeEachDemoDatabase('consultations that need a confirmed address', (get) => {
	let quartierId: string;
	beforeAll(async () => {
		quartierId = (
			await get()
				.db.selectFrom('area')
				.innerJoin('area_level', 'area_level.id', 'area.level_id')
				.select('area.id')
				.where('area_level.key', '=', 'quartier')
				.where('area.valid_to', 'is', null)
				.orderBy('area.key')
				.executeTakeFirstOrThrow()
		).id;
	}, 60_000);

	it('refuses unconfirmed accounts and anonymous visitors, takes confirmed ones', async () => {
		const db = get().db;
		const c = await insertConsultation(db, { areaIds: [quartierId], allowAnonymous: true });
		await db
			.updateTable('consultation')
			.set({ require_confirmed_email: true })
			.where('id', '=', c.id)
			.execute();
		const input = { body: 'Ein Hinweis', categoryId: c.categories.Verkehr, areaIds: [quartierId] };

		const unconfirmedId = await insertUser(db);
		await db
			.updateTable('app_user')
			.set({ email_verified_at: null })
			.where('id', '=', unconfirmedId)
			.execute();
		const unconfirmed = await actorFor(db, unconfirmedId);
		expect(await createContribution(ctxFor(db, unconfirmed), c.id, input)).toMatchObject({
			ok: false,
			code: 'email_unconfirmed'
		});
		expect(await createContribution(ctxFor(db, null), c.id, input)).toMatchObject({
			ok: false,
			code: 'login_required'
		});
		const confirmed = await actorFor(db, await insertUser(db));
		const made = await createContribution(ctxFor(db, confirmed), c.id, input);
		expect(made.ok).toBe(true);
		if (!made.ok) return;
		expect(await toggleSupport(ctxFor(db, unconfirmed), made.value.id)).toMatchObject({
			ok: false,
			code: 'email_unconfirmed'
		});
		const rows = await db
			.selectFrom('contribution')
			.select('id')
			.where('consultation_id', '=', c.id)
			.execute();
		expect(rows).toHaveLength(1);
	});
});
