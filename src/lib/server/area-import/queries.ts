// Reads for the area administration page: levels with their area counts, and recent area imports.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/types';

export interface LevelOverview {
	id: string;
	key: string;
	name: string;
	rank: number;
	current: number;
	withGeometry: number;
	/** Closed (earlier) versions kept for old data. */
	earlier: number;
}

export async function listLevelOverview(db: Kysely<DB>): Promise<LevelOverview[]> {
	const rows = await db
		.selectFrom('area_level')
		.leftJoin('area', 'area.level_id', 'area_level.id')
		.select((eb) => [
			'area_level.id',
			'area_level.key',
			'area_level.name',
			'area_level.rank',
			eb.fn.count<number>('area.id').filterWhere('area.valid_to', 'is', null).as('current'),
			eb.fn
				.count<number>('area.id')
				.filterWhere((w) => w.and([w('area.valid_to', 'is', null), w('area.geometry', 'is not', null)]))
				.as('with_geometry'),
			eb.fn.count<number>('area.id').filterWhere('area.valid_to', 'is not', null).as('earlier')
		])
		.groupBy(['area_level.id', 'area_level.key', 'area_level.name', 'area_level.rank'])
		.orderBy('area_level.rank')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		key: r.key,
		name: r.name,
		rank: r.rank,
		current: Number(r.current),
		withGeometry: Number(r.with_geometry),
		earlier: Number(r.earlier)
	}));
}

export interface ImportRunRow {
	id: string;
	fileName: string;
	createdAt: Date;
	summary: Record<string, unknown>;
}

export async function listAreaImports(db: Kysely<DB>, limit = 10): Promise<ImportRunRow[]> {
	const result = await sql<{ id: string; file_name: string; created_at: Date | string; summary: unknown }>`
		select id, file_name, created_at, summary from qk.import_run
		where kind = 'areas' order by created_at desc limit ${limit}`.execute(db);
	return result.rows.map((r) => ({
		id: r.id,
		fileName: r.file_name,
		createdAt: new Date(r.created_at),
		summary: (typeof r.summary === 'string' ? JSON.parse(r.summary) : r.summary) as Record<string, unknown>
	}));
}
