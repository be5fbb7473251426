// A published measure changed (published, progress, its details or schedule, a link added or removed):
// one notification event for the followers of the measure, its consultation, its areas (and the areas
// above them) and of every item it answers ("a linked measure changed"); an unlinked item's followers
// hear that it no longer answers theirs. The digest shows one block per measure, and the same line
// twice only once (notifications/digest.ts), so several saves in a week do not read as spam.
import type { Kysely } from 'kysely';
import type { DB } from '../db/types';
import { areaTargets, recordEvent, type FollowTarget } from '../following';
import { MEASURE_ITEM_TYPE, measurePath } from '../../measures/types';

export type MeasureEventKind = 'published' | 'progress' | 'linked' | 'unlinked' | 'changed' | 'rescheduled';

export async function recordMeasureEvent(
	trx: Kysely<DB>,
	measureId: string,
	kind: MeasureEventKind,
	actorId: string | null,
	at: Date,
	/** targets besides the measure's own (an item just unlinked) */
	extraTargets: FollowTarget[] = []
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
			...links.map((l) => ({ type: l.item_type, id: l.item_id })),
			...extraTargets
		],
		at
	});
}
