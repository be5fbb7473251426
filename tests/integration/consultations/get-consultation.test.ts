// getConsultationBySlug: areas with ancestry, categories, phases, settings; drafts only for managers.
import { expect, it } from 'vitest';
import { getConsultationBySlug, listConsultationsForArea } from '../../../src/lib/server/consultations';
import { describeEachDatabase } from '../helpers/db';
import { actorFor, insertAreaTree, insertUser } from '../helpers/roles-fixtures';

describeEachDatabase('getConsultationBySlug', (get) => {
	it('returns the consultation with areas, categories and phases; drafts only for managers', async () => {
		const db = get().db;
		const tree = await insertAreaTree(db, 'g');
		const managerId = await insertUser(db);
		await db
			.insertInto('role_grant')
			.values({ user_id: managerId, role: 'quarter_manager', scope_type: 'area', scope_id: tree.altstadt })
			.execute();
		const residentId = await insertUser(db, { roles: ['resident'] });
		const c = await db
			.insertInto('consultation')
			.values({
				slug: 'spielplatz-altstadt',
				title: 'Spielplatz',
				participation_level: 'konsultation',
				can_influence: 'Geräte',
				already_decided: 'Ort',
				outcome_plan: 'Auswertung im Mai',
				contact_name: 'Frau Beispiel',
				allow_anonymous: true,
				created_by: managerId
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await db
			.insertInto('consultation_area')
			.values({ consultation_id: c.id, area_id: tree.quartierA })
			.execute();
		await db
			.insertInto('consultation_category')
			.values([
				{ consultation_id: c.id, position: 1, name: 'Sicherheit' },
				{ consultation_id: c.id, position: 0, name: 'Grün' }
			])
			.execute();
		await db
			.insertInto('consultation_phase')
			.values({ consultation_id: c.id, position: 0, name: 'Information', starts_on: '2026-01-01' })
			.execute();

		const manager = await actorFor(db, managerId);
		const detail = await getConsultationBySlug(db, 'spielplatz-altstadt', manager);
		expect(detail?.canManage).toBe(true);
		expect(detail?.areas).toEqual([
			expect.objectContaining({
				id: tree.quartierA,
				key: 'g-111',
				ancestorIds: [tree.altstadt, tree.nord, tree.city]
			})
		]);
		expect(detail?.categories.map((x) => x.name)).toEqual(['Grün', 'Sicherheit']);
		expect(detail?.phases[0]).toMatchObject({ name: 'Information', startsOn: '2026-01-01', endsOn: null });
		expect(detail).toMatchObject({
			allowAnonymous: true,
			preModeration: false,
			modules: ['map_comments'],
			status: 'draft'
		});

		expect(await getConsultationBySlug(db, 'spielplatz-altstadt', await actorFor(db, residentId))).toBeNull();
		expect(await getConsultationBySlug(db, 'spielplatz-altstadt', null)).toBeNull();
		expect(await getConsultationBySlug(db, 'gibt-es-nicht', manager)).toBeNull();

		await db.updateTable('consultation').set({ status: 'published' }).where('id', '=', c.id).execute();
		const pub = await getConsultationBySlug(db, 'spielplatz-altstadt', null);
		expect(pub).toMatchObject({ status: 'published', canManage: false });

		// Listed for the area itself, the areas above it, but not for a sibling.
		for (const id of [tree.quartierA, tree.altstadt, tree.city])
			expect((await listConsultationsForArea(db, id)).map((x) => x.slug)).toEqual(['spielplatz-altstadt']);
		expect(await listConsultationsForArea(db, tree.quartierB)).toEqual([]);
	});
});
