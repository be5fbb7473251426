// A published measure changed (published, progress, a new link): one notification event for the
// followers of the measure, its consultation, its areas (and the areas above them) and of every item
// it answers ("a linked measure changed").
import type { Kysely } from 'kysely';
import type { DB } from '../db/types';
import { areaTargets, recordEvent } from '../following';
import { MEASURE_ITEM_TYPE, measurePath } from '../../measures/types';

export type MeasureEventKind = 'published' | 'progress' | 'linked';

export async function recordMeasureEvent(
	trx: Kysely<DB>,
	measureId: string,
	kind: MeasureEventKind,
	actorId: string | null,
	at: Date
): Promise<void> {
	const m = await trx
		.selectFrom('measure')
		.select(['id', 'title', 'progress', 'status', 'consultation_id'])
		.where('id', '=', measureId)
		.executeTakeFirst();
	if (!m || m.status !== 'published') return;
	const [areas, links] = await Promise.all([
		trx.selectFrom('measure_area').select('area_id').where('measure_id', '=', measureId).execute(),
		trx
			.selectFrom('measure_link')
			.select(['item_type', 'item_id'])
			.where('measure_id', '=', measureId)
			.execute()
	]);
	await recordEvent(trx, {
		itemType: MEASURE_ITEM_TYPE,
		itemId: m.id,
		messageKey: `measures.event.${kind}`,
		params: { title: m.title, progress: String(m.progress) },
		path: measurePath(m.id),
		actorId,
		targets: [
			{ type: MEASURE_ITEM_TYPE, id: m.id },
			...(m.consultation_id ? [{ type: 'consultation', id: m.consultation_id }] : []),
			...(await areaTargets(
				trx,
				areas.map((a) => a.area_id)
			)),
			...links.map((l) => ({ type: l.item_type, id: l.item_id }))
		],
		at
	});
}
