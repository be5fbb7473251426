// The public date lists (city-wide, per area, per consultation) read their filters from the URL.
import type { Kysely } from 'kysely';
import { monthBounds, monthKey, parseMonth, shiftMonth } from '../../events/month-grid';
import { startOfCityDay, endOfCityDay } from '../../format/dates';
import type { DB } from '../db/types';
import { listOccurrences, type OccurrenceFilter } from './queries';
import { ListQuery } from './schemas';

function listQuery(url: URL) {
	return ListQuery.parse({
		type: url.searchParams.get('type') || undefined,
		area: url.searchParams.get('area') || undefined,
		from: url.searchParams.get('from') || undefined,
		to: url.searchParams.get('to') || undefined,
		facts: url.searchParams.getAll('facts'),
		language: url.searchParams.get('language') || undefined,
		page: url.searchParams.get('seite') ?? 1
	});
}

async function areaIdOf(db: Kysely<DB>, key: string | undefined, base: OccurrenceFilter) {
	let areaId: string | undefined = base.areaId;
	if (key && !areaId) {
		const a = await db
			.selectFrom('area')
			.select('id')
			.where('key', '=', key)
			.orderBy('valid_from', 'desc')
			.executeTakeFirst();
		areaId = a?.id ?? '00000000-0000-0000-0000-000000000000';
	}
	return areaId;
}

/** The view the URL asks for: the list (default) or the month calendar. */
export function listView(url: URL): 'list' | 'month' {
	return url.searchParams.get('ansicht') === 'kalender' ? 'month' : 'list';
}

export async function loadEventList(db: Kysely<DB>, url: URL, base: OccurrenceFilter, now: Date) {
	const q = listQuery(url);
	const areaId = await areaIdOf(db, q.area, base);
	// Without a period: from today on (past dates stay reachable with "Von").
	const from = q.from ? startOfCityDay(q.from) : startOfCityDay(new Date(now).toISOString().slice(0, 10));
	const list = await listOccurrences(db, {
		...base,
		areaId,
		type: q.type,
		facts: q.facts,
		language: q.language,
		from,
		to: q.to ? endOfCityDay(q.to) : undefined,
		page: q.page
	});
	return {
		query: { type: q.type, area: q.area, from: q.from, to: q.to, facts: q.facts, language: q.language },
		...list
	};
}

/** A month holds at most this many dates on one page (a city's real month is far below). */
export const MONTH_MAX_DATES = 300;

/**
 * The month view: every date of one Berlin month (`?monat=YYYY-MM`, default the current one) that
 * runs in it, cancelled ones included, with the same type, area, accessibility and language filters as the list.
 */
export async function loadEventMonth(db: Kysely<DB>, url: URL, base: OccurrenceFilter, now: Date) {
	const q = listQuery(url);
	const month = parseMonth(url.searchParams.get('monat'), now);
	const { from, to } = monthBounds(month);
	const list = await listOccurrences(db, {
		...base,
		areaId: await areaIdOf(db, q.area, base),
		type: q.type,
		facts: q.facts,
		language: q.language,
		from,
		to,
		page: 1,
		pageSize: MONTH_MAX_DATES
	});
	return {
		query: { type: q.type, area: q.area, facts: q.facts, language: q.language },
		month: monthKey(month),
		previous: monthKey(shiftMonth(month, -1)),
		next: monthKey(shiftMonth(month, 1)),
		items: list.items,
		total: list.total,
		truncated: list.total > list.items.length
	};
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
