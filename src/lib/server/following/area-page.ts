// The area an area page is about (key + optional level), with its id for the roll-up and following.
import type { Kysely } from 'kysely';
import type { DB } from '../db/types';

export async function areaForPage(
	db: Kysely<DB>,
	key: string,
	levelKey: string | undefined
): Promise<{ id: string; key: string; name: string; levelKey: string; levelName: string } | null> {
	const row = await db
		.selectFrom('area')
		.innerJoin('area_level', 'area_level.id', 'area.level_id')
		.select([
			'area.id',
			'area.key',
			'area.name',
			'area_level.key as level_key',
			'area_level.name as level_name'
		])
		.where('area.key', '=', key)
		.where('area.valid_to', 'is', null)
		.$if(!!levelKey, (q) => q.where('area_level.key', '=', levelKey!))
		.orderBy('area_level.rank')
		.executeTakeFirst();
	return row
		? { id: row.id, key: row.key, name: row.name, levelKey: row.level_key, levelName: row.level_name }
		: null;
}
