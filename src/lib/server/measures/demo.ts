// Demo measures: three measures in the Altstadt and along the green paths, linked to published demo
// ideas and contributions, with milestones; the demo resident follows the Altstadt and has
// notifications waiting. Runs after the contributions' and ideas' seeds (registry order).
import type { Kysely } from 'kysely';
import type { DB } from '../db/types';
import { areaTargets, followItem, recordEvent } from '../following';
import { MEASURE_ITEM_TYPE, measurePath } from '../../measures/types';

interface DemoMeasure {
	consultationSlug: string;
	title: string;
	description: string;
	responsible: string;
	budget: number | null;
	funding: string;
	startsOn: string;
	endsOn: string;
	milestones: { on: string; progress: number; note: string }[];
	links: number;
	/** The idea board its ideas come from, when its own consultation has none (default: its own). */
	ideaBoardSlug?: string;
}

const MEASURES: DemoMeasure[] = [
	{
		consultationSlug: 'marktplatz-altstadt',
		title: 'Sitzbänke mit Lehne und Schatten am Marktplatz',
		description:
			'Viele Hinweise wünschten sich Sitzgelegenheiten mit Lehne und Schatten. Das Grünflächenamt stellt acht Bänke auf und pflanzt vier Bäume.',
		responsible: 'Grünflächenamt Musterstadt',
		budget: 48500,
		funding: 'Städtebauförderung „Lebendige Zentren“',
		startsOn: '2026-09-01',
		endsOn: '2027-05-31',
		milestones: [
			{ on: '2026-09-15', progress: 10, note: 'Standorte mit dem Quartiersbeirat abgestimmt' },
			{ on: '2026-11-20', progress: 40, note: 'Bänke bestellt, Pflanzgruben vorbereitet' }
		],
		links: 2
	},
	{
		consultationSlug: 'marktplatz-altstadt',
		title: 'Bessere Beleuchtung am Durchgang zur Kirchgasse',
		description: 'Vier zusätzliche Leuchten machen den Durchgang abends sicherer.',
		responsible: 'Tiefbauamt, Abteilung Straßenbeleuchtung',
		budget: 12000,
		funding: 'Haushalt Tiefbauamt',
		startsOn: '2026-06-01',
		endsOn: '2026-10-31',
		milestones: [
			{ on: '2026-07-01', progress: 50, note: 'Leitungen verlegt' },
			{ on: '2026-10-15', progress: 100, note: 'Leuchten in Betrieb' }
		],
		links: 1
	},
	{
		consultationSlug: 'gruene-wege-musterstadt',
		title: 'Trinkbrunnen entlang der grünen Wege',
		description: 'Drei Trinkbrunnen an den meistgenannten Stellen der grünen Wege.',
		responsible: 'Stadtwerke Musterstadt',
		budget: null,
		funding: '',
		startsOn: '2027-03-01',
		endsOn: '2027-08-31',
		milestones: [{ on: '2026-11-01', progress: 5, note: 'Standorte geprüft' }],
		links: 2,
		// The green paths have no idea board; residents asked for drinking fountains on the Marktplatz board.
		ideaBoardSlug: 'marktplatz-altstadt'
	}
];

export async function insertDemoMeasures(trx: Kysely<DB>, now: Date): Promise<number> {
	const planner = await trx
		.selectFrom('app_user')
		.select('id')
		.where('email', '=', 'planung@musterstadt.example')
		.executeTakeFirst();
	const resident = await trx
		.selectFrom('app_user')
		.select('id')
		.where('email', '=', 'bewohner@musterstadt.example')
		.executeTakeFirst();
	const altstadt = await trx
		.selectFrom('area')
		.innerJoin('area_level', 'area_level.id', 'area.level_id')
		.select('area.id')
		.where('area_level.key', '=', 'stadtteil')
		.where('area.name', '=', 'Altstadt')
		.where('area.is_demo', '=', true)
		.executeTakeFirst();
	// The demo resident follows the Altstadt, so the measures' news reach her.
	if (resident && altstadt) await followItem(trx, resident.id, { type: 'area', id: altstadt.id }, { now });
	let count = 0;
	for (const [index, m] of MEASURES.entries()) {
		const consultation = await trx
			.selectFrom('consultation')
			.select(['id'])
			.where('slug', '=', m.consultationSlug)
			.where('is_demo', '=', true)
			.executeTakeFirst();
		if (!consultation) continue;
		const ideaBoard = m.ideaBoardSlug
			? await trx
					.selectFrom('consultation')
					.select(['id'])
					.where('slug', '=', m.ideaBoardSlug)
					.where('is_demo', '=', true)
					.executeTakeFirst()
			: consultation;
		const [areas, contributions, ideas] = await Promise.all([
			trx
				.selectFrom('consultation_area')
				.select('area_id')
				.where('consultation_id', '=', consultation.id)
				.execute(),
			trx
				.selectFrom('contribution')
				.select('id')
				.where('consultation_id', '=', consultation.id)
				.where('status', '=', 'published')
				.where('kind', '=', 'map_comment')
				.orderBy('created_at')
				.orderBy('id')
				.offset(index * 3)
				.limit(1)
				.execute(),
			// The ideas module's demo ideas (seeded before us), answered ones first.
			trx
				.selectFrom('idea as i')
				.leftJoin('outcome as o', (j) => j.onRef('o.item_id', '=', 'i.id').on('o.item_type', '=', 'idea'))
				.select('i.id')
				.where('i.consultation_id', '=', ideaBoard?.id ?? consultation.id)
				.where('i.status', '=', 'published')
				.where('i.is_demo', '=', true)
				.orderBy((eb) => eb.fn.coalesce('o.status', eb.val('received')), 'asc')
				.orderBy('i.created_at')
				.orderBy('i.id')
				.offset(index * 2)
				.limit(m.links)
				.execute()
		]);
		const items = [
			...ideas.map((i) => ({ type: 'idea', id: i.id })),
			...contributions.map((c) => ({ type: 'contribution', id: c.id }))
		];
		if (areas.length === 0) continue;
		const last = m.milestones.at(-1)!;
		const row = await trx
			.insertInto('measure')
			.values({
				consultation_id: consultation.id,
				title: m.title,
				description: m.description,
				responsible: m.responsible,
				budget_euros: m.budget,
				funding_source: m.funding,
				starts_on: m.startsOn,
				ends_on: m.endsOn,
				progress: last.progress,
				status: 'published',
				created_by: planner?.id ?? null,
				created_at: now,
				updated_at: now,
				published_at: now,
				is_demo: true
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await trx
			.insertInto('measure_area')
			.values(areas.map((a) => ({ measure_id: row.id, area_id: a.area_id })))
			.execute();
		let previous = 0;
		for (const milestone of m.milestones) {
			await trx
				.insertInto('measure_progress')
				.values({
					measure_id: row.id,
					progress: milestone.progress,
					previous_progress: previous,
					milestone_on: milestone.on,
					note: milestone.note,
					created_by: planner?.id ?? null,
					created_at: now
				})
				.execute();
			previous = milestone.progress;
		}
		if (items.length)
			await trx
				.insertInto('measure_link')
				.values(items.map((i) => ({ measure_id: row.id, item_type: i.type, item_id: i.id, created_at: now })))
				.execute();
		await recordEvent(trx, {
			itemType: MEASURE_ITEM_TYPE,
			itemId: row.id,
			messageKey: 'measures.event.progress',
			params: { title: m.title, progress: String(last.progress) },
			path: measurePath(row.id),
			actorId: planner?.id ?? null,
			targets: [
				{ type: MEASURE_ITEM_TYPE, id: row.id },
				{ type: 'consultation', id: consultation.id },
				...(await areaTargets(
					trx,
					areas.map((a) => a.area_id)
				)),
				...items
			],
			at: now
		});
		count++;
	}
	return count;
}

export async function deleteDemoMeasures(trx: Kysely<DB>): Promise<void> {
	const ids = (await trx.selectFrom('measure').select('id').where('is_demo', '=', true).execute()).map(
		(r) => r.id
	);
	if (ids.length === 0) return;
	await trx
		.deleteFrom('notification_event')
		.where('item_type', '=', MEASURE_ITEM_TYPE)
		.where('item_id', 'in', ids)
		.execute();
	await trx.deleteFrom('measure').where('id', 'in', ids).execute();
}
