// The public date lists (city-wide, per area, per consultation) read their filters from the URL.
import type { Kysely } from 'kysely';
import { startOfCityDay, endOfCityDay } from '../../format/dates';
import type { DB } from '../db/types';
import { listOccurrences, type OccurrenceFilter } from './queries';
import { ListQuery } from './schemas';

export async function loadEventList(db: Kysely<DB>, url: URL, base: OccurrenceFilter, now: Date) {
	const q = ListQuery.parse({
		type: url.searchParams.get('type') || undefined,
		area: url.searchParams.get('area') || undefined,
		from: url.searchParams.get('from') || undefined,
		to: url.searchParams.get('to') || undefined,
		facts: url.searchParams.getAll('facts'),
		page: url.searchParams.get('seite') ?? 1
	});
	let areaId: string | undefined = base.areaId;
	if (q.area && !areaId) {
		const a = await db
			.selectFrom('area')
			.select('id')
			.where('key', '=', q.area)
			.orderBy('valid_from', 'desc')
			.executeTakeFirst();
		areaId = a?.id ?? '00000000-0000-0000-0000-000000000000';
	}
	// Without a period: from today on (past dates stay reachable with "Von").
	const from = q.from ? startOfCityDay(q.from) : startOfCityDay(new Date(now).toISOString().slice(0, 10));
	const list = await listOccurrences(db, {
		...base,
		areaId,
		type: q.type,
		facts: q.facts,
		from,
		to: q.to ? endOfCityDay(q.to) : undefined,
		page: q.page
	});
	return { query: { type: q.type, area: q.area, from: q.from, to: q.to, facts: q.facts }, ...list };
}

/** Areas offered in the filter (the Stadtteile, current versions). */
export async function filterAreas(db: Kysely<DB>): Promise<{ key: string; name: string }[]> {
	return db
		.selectFrom('area as a')
		.innerJoin('area_level as l', 'l.id', 'a.level_id')
		.select(['a.key', 'a.name'])
		.where('l.key', '=', 'stadtteil')
		.where('a.valid_to', 'is', null)
		.orderBy('a.name')
		.execute();
}
