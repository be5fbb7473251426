import { expect, it } from 'vitest';
import { loadAreaAncestry } from '../../../src/lib/server/areas';
import { can } from '../../../src/lib/server/auth/permissions';
import { describeEachDatabase } from '../helpers/db';
import { actorFor, insertAreaTree, insertUser, type AreaTree } from '../helpers/roles-fixtures';

describeEachDatabase('loadAreaAncestry', (get) => {
	let tree: AreaTree;

	it('returns each area with its ancestors from the parent up to the root, in the order asked', async () => {
		const { db } = get();
		tree = await insertAreaTree(db);
		const result = await loadAreaAncestry(db, [tree.quartierC, tree.quartierA, tree.city]);
		expect(result).toEqual([
			{ id: tree.quartierC, ancestorIds: [tree.hafen, tree.sued, tree.city] },
			{ id: tree.quartierA, ancestorIds: [tree.altstadt, tree.nord, tree.city] },
			{ id: tree.city, ancestorIds: [] }
		]);
	});

	it('leaves out unknown ids, removes duplicates and answers [] for no ids', async () => {
		const { db } = get();
		const result = await loadAreaAncestry(db, [
			tree.quartierB,
			'00000000-0000-4000-8000-000000000000',
			tree.quartierB
		]);
		expect(result).toEqual([{ id: tree.quartierB, ancestorIds: [tree.altstadt, tree.nord, tree.city] }]);
		expect(await loadAreaAncestry(db, [])).toEqual([]);
	});

	it('stops on a (corrupt) parent cycle instead of looping forever', async () => {
		const { db } = get();
		const loop = await insertAreaTree(db, 'l');
		// Make the root point at a Quartier below it.
		await db.updateTable('area').set({ parent_id: loop.quartierA }).where('id', '=', loop.city).execute();
		const [ref] = await loadAreaAncestry(db, [loop.quartierA]);
		expect(ref.id).toBe(loop.quartierA);
		expect(ref.ancestorIds.length).toBeLessThanOrEqual(32);
		expect(ref.ancestorIds).toContain(loop.city);
	});

	it('builds subjects for the pure rules: a Stadtteil grant covers its Quartiere, a Quartier grant nothing else', async () => {
		const { db } = get();
		const stadtteilManager = await insertUser(db);
		const quartierManager = await insertUser(db);
		await db
			.insertInto('role_grant')
			.values([
				{ user_id: stadtteilManager, role: 'quarter_manager', scope_type: 'area', scope_id: tree.altstadt },
				{ user_id: quartierManager, role: 'quarter_manager', scope_type: 'area', scope_id: tree.quartierA }
			])
			.execute();
		const wide = await actorFor(db, stadtteilManager);
		const narrow = await actorFor(db, quartierManager);
		const subject = async (...ids: string[]) => ({ areas: await loadAreaAncestry(db, ids) });

		expect(can(wide, 'consultation.create', await subject(tree.quartierA, tree.quartierB))).toBe(true);
		expect(can(wide, 'consultation.create', await subject(tree.quartierC))).toBe(false);
		expect(can(narrow, 'consultation.create', await subject(tree.quartierA))).toBe(true);
		expect(can(narrow, 'consultation.create', await subject(tree.quartierB))).toBe(false);
		expect(can(narrow, 'consultation.create', await subject(tree.quartierA, tree.quartierC))).toBe(false);
	});
});
