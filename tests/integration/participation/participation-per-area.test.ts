// "Who was reached": every module's published input per area (all levels) and channel.
import { beforeAll, expect, it } from 'vitest';
import { createContribution } from '../../../src/lib/server/contributions';
import { participationPerArea } from '../../../src/lib/server/participation/stats';
import { describeEachDemoDatabase } from '../helpers/demo-db';
import { actorFor, insertUser } from '../helpers/roles-fixtures';
import { ctxFor, insertConsultation } from '../contributions/fixtures';

describeEachDemoDatabase('participation per area', (get) => {
	let quartier: { id: string; parent_id: string | null };

	beforeAll(async () => {
		quartier = await get()
			.db.selectFrom('area')
			.innerJoin('area_level', 'area_level.id', 'area.level_id')
			.select(['area.id', 'area.parent_id'])
			.where('area_level.key', '=', 'quartier')
			.where('area.valid_to', 'is', null)
			.orderBy('area.key')
			.executeTakeFirstOrThrow();
	}, 60_000);

	it('counts online and analog input apart, in the Quartier and every area above it', async () => {
		const db = get().db;
		const manager = await actorFor(db, await insertUser(db, { roles: ['planner'] }));
		const c = await insertConsultation(db, { areaIds: [quartier.id] });
		const resident = await actorFor(db, await insertUser(db));
		const base = { categoryId: c.categories.Verkehr, areaIds: [quartier.id] };
		for (const body of ['Erster Hinweis online', 'Zweiter Hinweis online'])
			expect((await createContribution(ctxFor(db, resident), c.id, { ...base, body })).ok).toBe(true);
		const paper = await createContribution(ctxFor(db, manager), c.id, {
			...base,
			body: 'Vom Papierbogen',
			channel: 'paper',
			collectedOn: '2026-11-20'
		});
		expect(paper.ok).toBe(true);

		const rows = await participationPerArea(db, { consultationIds: [c.id] });
		const inQuartier = rows.find((r) => r.areaId === quartier.id);
		expect(inQuartier).toEqual({ areaId: quartier.id, module: 'map_comments', online: 2, analog: 1 });
		const parent = rows.find((r) => r.areaId === quartier.parent_id);
		expect(parent).toMatchObject({ online: 2, analog: 1 });
		// Only this consultation's input was counted.
		expect(rows.every((r) => r.online + r.analog <= 3)).toBe(true);
	});
});
