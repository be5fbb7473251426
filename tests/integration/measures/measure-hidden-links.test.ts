// The measure page for staff: a linked item that is hidden later is listed (kind and id only, never its
// text) with a button to remove the link, and the page's unlink action removes it. The public sees
// neither. Route-level: the page's own load and action, on both databases.
import { isRedirect } from '@sveltejs/kit';
import type { Kysely } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { translator } from '../../../src/lib/i18n';
import type { Actor } from '../../../src/lib/server/auth/actor';
import type { DB } from '../../../src/lib/server/db/types';
import { createMeasure, linkItem } from '../../../src/lib/server/measures';
import { actions, load } from '../../../src/routes/massnahmen/[id]/+page.server';
import { TEST_ORIGIN } from '../helpers/auth-context';
import { describeEachDatabase } from '../helpers/db';
import { actorFor, insertAreaTree, insertUser, type AreaTree } from '../helpers/roles-fixtures';
import { insertConsultation } from '../contributions/fixtures';

type LoadEvent = Parameters<typeof load>[0];
type ActionEvent = Parameters<typeof actions.unlink>[0];

describeEachDatabase('measure links to hidden items', (get) => {
	let db: Kysely<DB>;
	let tree: AreaTree;
	let planner: Actor;
	const ctx = (actor: Actor | null) => ({
		db,
		actor,
		t: translator('de'),
		now: new Date(),
		config: { origin: TEST_ORIGIN }
	});
	const page = async (id: string, actor: Actor | null) =>
		(await load({
			locals: { ctx: ctx(actor) },
			params: { id },
			url: new URL(`${TEST_ORIGIN}/massnahmen/${id}`)
		} as unknown as LoadEvent)) as {
			measure: { links: { itemId: string }[] };
			hiddenLinks: { itemType: string; itemId: string; kindKey: string }[];
		};

	beforeAll(async () => {
		db = get().db;
		tree = await insertAreaTree(db, 'h');
		planner = await actorFor(db, await insertUser(db, { roles: ['planner'], name: 'Paula Planung' }));
	});

	it('lists a link to a hidden contribution for staff only and removes it by the page action', async () => {
		const consultation = await insertConsultation(db, { areaIds: [tree.altstadt] });
		const c = await db
			.insertInto('contribution')
			.values({
				consultation_id: consultation.id,
				body: 'Geheimer Text des Beitrags',
				status: 'published',
				kind: 'map_comment'
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		const made = await createMeasure(ctx(planner), {
			title: 'Licht im Park',
			description: 'Neue Laternen.',
			responsible: 'Tiefbauamt',
			areaIds: [tree.quartierA],
			consultationId: consultation.id,
			status: 'published'
		});
		if (!made.ok) throw new Error(made.code);
		const id = made.value.id;
		expect((await linkItem(ctx(planner), id, { itemType: 'contribution', reference: c.id })).ok).toBe(true);
		expect((await page(id, planner)).measure.links.map((l) => l.itemId)).toEqual([c.id]);
		expect((await page(id, planner)).hiddenLinks).toEqual([]);

		await db.updateTable('contribution').set({ status: 'hidden' }).where('id', '=', c.id).execute();
		const staff = await page(id, planner);
		expect(staff.measure.links).toEqual([]);
		expect(staff.hiddenLinks).toEqual([
			{ itemType: 'contribution', itemId: c.id, kindKey: expect.stringMatching(/\./) }
		]);
		expect(JSON.stringify(staff.hiddenLinks)).not.toContain('Geheimer Text');
		const visitor = await page(id, null);
		expect(visitor.hiddenLinks).toEqual([]);
		expect(visitor.measure.links).toEqual([]);

		const form = new FormData();
		form.set('itemType', 'contribution');
		form.set('itemId', c.id);
		let thrown: unknown;
		try {
			await actions.unlink({
				locals: { ctx: ctx(planner) },
				params: { id },
				request: new Request(`${TEST_ORIGIN}/massnahmen/${id}?/unlink`, { method: 'POST', body: form })
			} as unknown as ActionEvent);
		} catch (e) {
			thrown = e;
		}
		expect(isRedirect(thrown)).toBe(true);
		expect((await page(id, planner)).hiddenLinks).toEqual([]);
		expect(
			await db.selectFrom('measure_link').select('item_id').where('measure_id', '=', id).execute()
		).toEqual([]);
	});
});
