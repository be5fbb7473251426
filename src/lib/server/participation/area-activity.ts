// "Was passiert in meinem Quartier?": what residents said in an area and what was done there — the
// area's public consultations (core) and every module's areaActivity hook (answered contributions,
// ideas with status and response, measures with progress, published survey results …), for the area
// and every area inside it, newest first. Modules return only public, visible items.
import type { Kysely } from 'kysely';
import { areaAndDescendantIds } from '../areas';
import type { DB } from '../db/types';
import type { AreaActivityEntry } from './component';
import { registry as appRegistry, type Registry } from './registry';

export const AREA_ACTIVITY_PAGE_SIZE = 20;
/** Deeper pages than this are not offered (the roll-up is a news list, not an archive). */
export const AREA_ACTIVITY_MAX = 500;

export async function areaActivity(
	db: Kysely<DB>,
	areaId: string,
	options: { page?: number; pageSize?: number; registry?: Registry } = {}
): Promise<{ entries: AreaActivityEntry[]; page: number; hasMore: boolean }> {
	const pageSize = options.pageSize ?? AREA_ACTIVITY_PAGE_SIZE;
	const page = Math.max(1, Math.min(options.page ?? 1, Math.ceil(AREA_ACTIVITY_MAX / pageSize)));
	const limit = page * pageSize + 1;
	const areaIds = await areaAndDescendantIds(db, areaId);
	const registry = options.registry ?? appRegistry;
	const [consultations, ...modules] = await Promise.all([
		consultationActivity(db, areaIds, limit),
		...(await registry.hooks()).map(({ hooks }) => hooks.areaActivity?.(db, areaIds, { limit }) ?? [])
	]);
	const all = [...consultations, ...modules.flat()].sort(
		(a, b) => b.at.getTime() - a.at.getTime() || a.itemId.localeCompare(b.itemId)
	);
	const start = (page - 1) * pageSize;
	return { entries: all.slice(start, start + pageSize), page, hasMore: all.length > start + pageSize };
}

async function consultationActivity(
	db: Kysely<DB>,
	areaIds: string[],
	limit: number
): Promise<AreaActivityEntry[]> {
	if (areaIds.length === 0) return [];
	const rows = await db
		.selectFrom('consultation as c')
		.select(['c.id', 'c.slug', 'c.title', 'c.status', 'c.published_at', 'c.updated_at'])
		.where('c.status', '!=', 'draft')
		.where((eb) =>
			eb.exists(
				eb
					.selectFrom('consultation_area as ca')
					.select('ca.consultation_id')
					.whereRef('ca.consultation_id', '=', 'c.id')
					.where('ca.area_id', 'in', areaIds)
			)
		)
		.orderBy('c.updated_at', 'desc')
		.limit(limit)
		.execute();
	return rows.map((r) => ({
		itemType: 'consultation',
		itemId: r.id,
		kindKey: 'following.kind.consultation',
		title: r.title,
		path: `/beteiligung/${r.slug}`,
		at: new Date(r.published_at ?? r.updated_at),
		statusKey: `consultations.status.${r.status}`
	}));
}
