// Workshop results on both databases: a staff entry with channel 'workshop' names its event (only an
// event of the same consultation), other channels never do, and the event lists its published results.
import { expect, it } from 'vitest';
import { createContribution } from '../../../src/lib/server/contributions';
import { seedDemoIfEmpty } from '../../../src/lib/server/demo';
import { eventsOfConsultation, resultsOfEvent } from '../../../src/lib/server/events';
import { ctxFor } from '../contributions/fixtures';
import { describeEachDatabase } from '../helpers/db';
import { actorFor } from '../helpers/roles-fixtures';

describeEachDatabase('events: workshop results', (get) => {
	it('links workshop entries to an event of the consultation and lists them on the event', async () => {
		const db = get().db;
		await seedDemoIfEmpty(get());
		const planner = await db
			.selectFrom('app_user')
			.select('id')
			.where('email', '=', 'planung@musterstadt.example')
			.executeTakeFirstOrThrow();
		const actor = await actorFor(db, planner.id);
		const c = await db
			.selectFrom('consultation')
			.select('id')
			.where('slug', '=', 'marktplatz-altstadt')
			.executeTakeFirstOrThrow();
		const [category, area] = await Promise.all([
			db
				.selectFrom('consultation_category')
				.select('id')
				.where('consultation_id', '=', c.id)
				.executeTakeFirstOrThrow(),
			db
				.selectFrom('consultation_area')
				.select('area_id')
				.where('consultation_id', '=', c.id)
				.executeTakeFirstOrThrow()
		]);
		const events = await eventsOfConsultation(db, c.id);
		const workshop = events.find((e) => e.title === 'Planungswerkstatt Marktplatz')!;
		expect(workshop).toBeDefined();
		const other = await db
			.selectFrom('event')
			.select('id')
			.where('title', '=', 'Zukunftswerkstatt Grüne Wege')
			.executeTakeFirstOrThrow();
		const before = await resultsOfEvent(db, workshop.id);
		const input = {
			body: 'Tisch 2: mehr Bänke im Schatten',
			categoryId: category.id,
			areaIds: [area.area_id],
			channel: 'workshop',
			collectedOn: '2026-10-01',
			eventId: workshop.id
		};
		const r = await createContribution(ctxFor(db, actor), c.id, input);
		if (!r.ok) throw new Error(r.code);
		const row = await db
			.selectFrom('contribution')
			.select(['event_id', 'channel'])
			.where('id', '=', r.value.id)
			.executeTakeFirstOrThrow();
		expect(row).toEqual({ event_id: workshop.id, channel: 'workshop' });
		const after = await resultsOfEvent(db, workshop.id);
		expect(after.total).toBe(before.total + 1);
		expect(after.items[0]).toMatchObject({ id: r.value.id, body: 'Tisch 2: mehr Bänke im Schatten' });

		// an event of another consultation: refused with a field error, nothing written
		const wrong = await createContribution(ctxFor(db, actor), c.id, { ...input, eventId: other.id });
		expect(wrong).toMatchObject({
			ok: false,
			code: 'invalid',
			errors: { eventId: 'events.errors.occurrenceInvalid' }
		});
		// another channel: the event is not kept
		const paper = await createContribution(ctxFor(db, actor), c.id, { ...input, channel: 'paper' });
		if (!paper.ok) throw new Error(paper.code);
		const paperRow = await db
			.selectFrom('contribution')
			.select('event_id')
			.where('id', '=', paper.value.id)
			.executeTakeFirstOrThrow();
		expect(paperRow.event_id).toBeNull();
		expect((await resultsOfEvent(db, workshop.id)).total).toBe(before.total + 1);
	});
});
