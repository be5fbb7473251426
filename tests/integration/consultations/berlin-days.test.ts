// A consultation's period is whole days in Berlin: "bis 28.02.2027" is shown as 28 February and the
// consultation is open until that evening (Berlin), on both databases.
import fs from 'node:fs';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import {
	createConsultation,
	emptyFormValues,
	getConsultationBySlug,
	parseConsultationForm
} from '../../../src/lib/server/consultations';
import { isOpen, loadConsultationRef } from '../../../src/lib/server/consultations';
import { cityDay, formatDay } from '../../../src/lib/format/dates';
import { describeEachDatabase } from '../helpers/db';
import { actorFor, insertAreaTree, insertUser } from '../helpers/roles-fixtures';

const MIGRATION = 'supabase/migrations/20261201090000_consultation_days_berlin.sql';

describeEachDatabase('consultation days in Berlin', (get) => {
	// One area tree per test, its prefix's first letter unique (the fixture derives level ranks from it).
	async function create(prefix: string, slug: string, startsOn: string, endsOn: string) {
		const db = get().db;
		const tree = await insertAreaTree(db, prefix);
		const planner = await actorFor(db, await insertUser(db, { roles: ['planner'] }));
		const parsed = parseConsultationForm({
			...emptyFormValues(),
			title: `Wege im Quartier ${slug}`,
			slug,
			participationLevel: 'konsultation',
			contactName: 'Frau Beispiel',
			canInfluence: 'Die Wege',
			alreadyDecided: 'Das Budget',
			outcomePlan: 'Auswertung im März',
			areaIds: [tree.quartierA],
			startsOn,
			endsOn
		});
		if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
		const created = await createConsultation({ db, actor: planner, now: new Date() }, parsed.data);
		if (!created.ok) throw new Error(created.code);
		return { id: created.value.id, planner };
	}

	it('ending 28.02.2027 shows "28. Februar 2027", is open that evening and closed at midnight', async () => {
		const db = get().db;
		const { id, planner } = await create('a', 'bis-februar', '2027-02-01', '2027-02-28');
		const c = (await getConsultationBySlug(db, 'bis-februar', planner))!;
		expect(c.endsAt!.toISOString()).toBe('2027-02-28T22:59:59.000Z');
		expect(formatDay(c.endsAt, 'de')).toBe('28. Februar 2027');
		expect(formatDay(c.startsAt, 'de')).toBe('1. Februar 2027');
		// What the edit form shows again.
		expect([cityDay(c.startsAt!), cityDay(c.endsAt!)]).toEqual(['2027-02-01', '2027-02-28']);

		await db.updateTable('consultation').set({ status: 'published' }).where('id', '=', id).execute();
		const facts = (await loadConsultationRef(db, { id }))!;
		expect(isOpen(facts, new Date('2027-01-31T22:59:59Z'))).toBe(false); // 31.01. 23:59:59 Berlin
		expect(isOpen(facts, new Date('2027-01-31T23:00:00Z'))).toBe(true); // 01.02. 00:00 Berlin
		expect(isOpen(facts, new Date('2027-02-28T22:30:00Z'))).toBe(true); // 28.02. 23:30 Berlin
		expect(isOpen(facts, new Date('2027-02-28T23:00:00Z'))).toBe(false); // 01.03. 00:00 Berlin
	});

	it('a period across the start of summer time ends that evening in summer time', async () => {
		const db = get().db;
		const { planner } = await create('b', 'bis-ostern', '2027-03-01', '2027-03-28');
		const c = (await getConsultationBySlug(db, 'bis-ostern', planner))!;
		expect(c.endsAt!.toISOString()).toBe('2027-03-28T21:59:59.000Z');
		expect(formatDay(c.endsAt, 'de')).toBe('28. März 2027');
	});

	it('the migration moves periods stored as whole UTC days to the same days in Berlin', async () => {
		const db = get().db;
		const { id, planner } = await create('c', 'alt-gespeichert', '2027-02-01', '2027-02-28');
		// As earlier versions wrote them.
		await db
			.updateTable('consultation')
			.set({ starts_at: new Date('2027-02-01T00:00:00Z'), ends_at: new Date('2027-02-28T23:59:59Z') })
			.where('id', '=', id)
			.execute();
		for (const statement of fs
			.readFileSync(MIGRATION, 'utf8')
			.split(';')
			.map((s) => s.trim()))
			if (statement.replace(/--.*$/gm, '').trim()) await sql.raw(statement).execute(db);
		const c = (await getConsultationBySlug(db, 'alt-gespeichert', planner))!;
		expect(c.startsAt!.toISOString()).toBe('2027-01-31T23:00:00.000Z');
		expect(c.endsAt!.toISOString()).toBe('2027-02-28T22:59:59.000Z');
		expect(formatDay(c.endsAt, 'de')).toBe('28. Februar 2027');
	});
});
