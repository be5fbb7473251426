// A report for chosen consultations lists only those consultations' ideas and measures (audit
// issue 12, gap 3); a report without chosen consultations lists every consultation's items.
import { expect, it } from 'vitest';
import { seedDemoIfEmpty } from '../../../src/lib/server/demo';
import { gatherReportInput } from '../../../src/lib/server/reports';
import { memoryStorage } from '../contributions/fixtures';
import { describeEachDatabase } from '../helpers/db';

const config = { smallCountK: 3, smallAreaPopulation: 1000 };

describeEachDatabase('report ideas and measures by consultation', (get) => {
	it('keeps ideas and measures of other consultations out of a report for one consultation', async () => {
		const { db } = get();
		await seedDemoIfEmpty(get(), memoryStorage());
		const area = await db
			.selectFrom('area')
			.select('id')
			.where('is_demo', '=', true)
			.where('name', '=', 'Altstadt')
			.where('valid_to', 'is', null)
			.executeTakeFirstOrThrow();
		const [x, y] = await db
			.selectFrom('consultation')
			.select(['id'])
			.where('status', 'in', ['published', 'closed', 'archived'])
			.orderBy('id')
			.limit(2)
			.execute();
		expect(y).toBeDefined();
		const ideas = await db
			.insertInto('idea')
			.values([
				{ consultation_id: x.id, title: 'Idee Berichtstest X', body: 'Text', status: 'published' },
				{ consultation_id: y.id, title: 'Idee Berichtstest Y', body: 'Text', status: 'published' }
			])
			.returning('id')
			.execute();
		await db
			.insertInto('idea_area')
			.values(ideas.map((i) => ({ idea_id: i.id, area_id: area.id })))
			.execute();
		const measures = await db
			.insertInto('measure')
			.values([
				{ consultation_id: x.id, title: 'Maßnahme Berichtstest X', responsible: 'Amt', status: 'published' },
				{ consultation_id: y.id, title: 'Maßnahme Berichtstest Y', responsible: 'Amt', status: 'published' }
			])
			.returning('id')
			.execute();
		await db
			.insertInto('measure_area')
			.values(measures.map((m) => ({ measure_id: m.id, area_id: area.id })))
			.execute();

		const selection = {
			title: 'T',
			areaIds: [area.id],
			indicatorKeys: [],
			themeIds: [],
			locale: 'de' as const
		};
		const forX = await gatherReportInput(db, config, { ...selection, consultationIds: [x.id] }, new Date());
		const ideaTitles = forX.ideas.map((i) => i.title);
		const measureTitles = forX.measures.map((m) => m.title);
		expect(ideaTitles).toContain('Idee Berichtstest X');
		expect(ideaTitles).not.toContain('Idee Berichtstest Y');
		expect(measureTitles).toContain('Maßnahme Berichtstest X');
		expect(measureTitles).not.toContain('Maßnahme Berichtstest Y');

		const all = await gatherReportInput(db, config, { ...selection, consultationIds: [] }, new Date());
		expect(all.ideas.map((i) => i.title)).toEqual(
			expect.arrayContaining(['Idee Berichtstest X', 'Idee Berichtstest Y'])
		);
		expect(all.measures.map((m) => m.title)).toEqual(
			expect.arrayContaining(['Maßnahme Berichtstest X', 'Maßnahme Berichtstest Y'])
		);
	});
});
