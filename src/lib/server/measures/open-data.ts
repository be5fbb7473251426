// Open data: published measures with their area keys, progress and what they answer. No names of
// staff, no personal data. Keep in step with src/routes/api/v1/measures/+server.ts.
import type { Kysely } from 'kysely';
import type { DB } from '../db/types';
import type { OpenDataEndpoint } from '../participation/component';

export const OPEN_DATA_MAX = 10000;

export const measureOpenData: OpenDataEndpoint[] = [
	{
		path: '/api/v1/measures',
		operationId: 'getMeasures',
		summary: 'Veröffentlichte Maßnahmen mit Gebieten, Fortschritt und verknüpften Beiträgen',
		description:
			'Veröffentlichte Maßnahmen (keine Entwürfe), höchstens 10.000, die zuletzt geänderten zuerst. ' +
			'Ohne Namen oder Kennungen von Personen. Antworten dürfen eine Minute zwischengespeichert werden.',
		parameters: [
			{
				name: 'area',
				description: 'Gebietsschlüssel einer beliebigen Ebene: nur Maßnahmen in diesem Gebiet.',
				schema: { type: 'string', minLength: 1, maxLength: 100 }
			}
		],
		contentType: 'application/json',
		responseSchema: {
			type: 'object',
			required: ['measures'],
			properties: {
				measures: {
					type: 'array',
					items: {
						type: 'object',
						required: ['id', 'title', 'responsible', 'progress', 'area_keys', 'milestones', 'answers'],
						properties: {
							id: { type: 'string', format: 'uuid' },
							title: { type: 'string' },
							description: { type: 'string' },
							responsible: { type: 'string', description: 'Zuständiges Amt oder Träger' },
							consultation: { type: ['string', 'null'], description: 'Kurzname des Verfahrens' },
							area_keys: { type: 'array', items: { type: 'string' } },
							budget_euros: { type: ['number', 'null'] },
							funding_source: { type: 'string' },
							starts_on: { type: ['string', 'null'], format: 'date' },
							ends_on: { type: ['string', 'null'], format: 'date' },
							progress: { type: 'integer', minimum: 0, maximum: 100 },
							updated_at: { type: 'string', format: 'date-time' },
							milestones: {
								type: 'array',
								items: {
									type: 'object',
									properties: {
										date: { type: 'string', format: 'date' },
										progress: { type: 'integer' },
										note: { type: 'string' }
									}
								}
							},
							answers: {
								type: 'array',
								description: 'Öffentliche Beiträge, auf die die Maßnahme antwortet',
								items: {
									type: 'object',
									properties: { item_type: { type: 'string' }, item_id: { type: 'string', format: 'uuid' } }
								}
							}
						}
					}
				}
			}
		}
	}
];

export interface OpenMeasure {
	id: string;
	title: string;
	description: string;
	responsible: string;
	consultation: string | null;
	area_keys: string[];
	budget_euros: number | null;
	funding_source: string;
	starts_on: string | null;
	ends_on: string | null;
	progress: number;
	updated_at: string;
	milestones: { date: string; progress: number; note: string }[];
	answers: { item_type: string; item_id: string }[];
}

/**
 * The open-data rows. `isPublicLink` filters the linked items to public ones (the route passes the
 * registry's check), so a hidden contribution's id never leaves the building.
 */
export async function openDataMeasures(
	db: Kysely<DB>,
	filter: { areaIds?: string[] },
	isPublicLink: (links: { itemType: string; itemId: string }[]) => Promise<Set<string>>
): Promise<OpenMeasure[]> {
	let q = db
		.selectFrom('measure as m')
		.leftJoin('consultation as c', (j) =>
			j.onRef('c.id', '=', 'm.consultation_id').on('c.status', '!=', 'draft')
		)
		.select([
			'm.id',
			'm.title',
			'm.description',
			'm.responsible',
			'c.slug',
			'm.budget_euros',
			'm.funding_source',
			'm.starts_on',
			'm.ends_on',
			'm.progress',
			'm.updated_at'
		])
		.where('m.status', '=', 'published');
	if (filter.areaIds)
		q = q.where((eb) =>
			eb.exists(
				eb
					.selectFrom('measure_area as ma')
					.select('ma.measure_id')
					.whereRef('ma.measure_id', '=', 'm.id')
					.where(
						'ma.area_id',
						'in',
						filter.areaIds!.length ? filter.areaIds! : ['00000000-0000-0000-0000-000000000000']
					)
			)
		);
	const rows = await q.orderBy('m.updated_at', 'desc').orderBy('m.id').limit(OPEN_DATA_MAX).execute();
	const ids = rows.map((r) => r.id);
	if (ids.length === 0) return [];
	const [areas, milestones, links] = await Promise.all([
		db
			.selectFrom('measure_area as ma')
			.innerJoin('area', 'area.id', 'ma.area_id')
			.select(['ma.measure_id', 'area.key'])
			.where('ma.measure_id', 'in', ids)
			.orderBy('area.key')
			.execute(),
		db
			.selectFrom('measure_progress')
			.select(['measure_id', 'milestone_on', 'progress', 'note'])
			.where('measure_id', 'in', ids)
			.orderBy('milestone_on')
			.orderBy('created_at')
			.execute(),
		db
			.selectFrom('measure_link')
			.select(['measure_id', 'item_type', 'item_id'])
			.where('measure_id', 'in', ids)
			.orderBy('created_at')
			.execute()
	]);
	const publicLinks = await isPublicLink(links.map((l) => ({ itemType: l.item_type, itemId: l.item_id })));
	return rows.map((r) => ({
		id: r.id,
		title: r.title,
		description: r.description,
		responsible: r.responsible,
		consultation: r.slug ?? null,
		area_keys: [...new Set(areas.filter((a) => a.measure_id === r.id).map((a) => a.key))],
		budget_euros: r.budget_euros === null ? null : Number(r.budget_euros),
		funding_source: r.funding_source,
		starts_on: r.starts_on ? String(r.starts_on).slice(0, 10) : null,
		ends_on: r.ends_on ? String(r.ends_on).slice(0, 10) : null,
		progress: r.progress,
		updated_at: new Date(r.updated_at).toISOString(),
		milestones: milestones
			.filter((m) => m.measure_id === r.id)
			.map((m) => ({ date: String(m.milestone_on).slice(0, 10), progress: m.progress, note: m.note })),
		answers: links
			.filter((l) => l.measure_id === r.id && publicLinks.has(`${l.item_type}:${l.item_id}`))
			.map((l) => ({ item_type: l.item_type, item_id: l.item_id }))
	}));
}
