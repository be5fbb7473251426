// Reads what the plan compares against: levels, the current versions of the levels the mapping touches,
// and which of those versions other tables point at (those must not change in place).
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/types';
import type { AreaGeometry as BoundaryGeometry } from '../../geo/simplify';
import type { ExistingArea, ExistingState } from './plan';
import type { AreaImportMapping } from './types';

function asGeometry(value: unknown): BoundaryGeometry | null {
	const g = typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
	if (g && typeof g === 'object' && 'type' in g && (g.type === 'Polygon' || g.type === 'MultiPolygon'))
		return g as BoundaryGeometry;
	return null;
}

/** Tables with a foreign key to qk.area (other than the parent link), found in the catalogue. */
async function referencingColumns(db: Kysely<DB>): Promise<{ table: string; column: string }[]> {
	const result = await sql<{ table: string; column: string }>`
		select cl.relname as "table", a.attname as "column"
		from pg_constraint c
		join pg_class cl on cl.oid = c.conrelid
		join pg_namespace n on n.oid = cl.relnamespace
		join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
		where c.contype = 'f' and c.confrelid = 'qk.area'::regclass and c.conrelid <> 'qk.area'::regclass
		  and n.nspname = 'qk'`.execute(db);
	return result.rows;
}

/** Of these area ids, the ones another table references. */
export async function referencedAreaIds(db: Kysely<DB>, ids: string[]): Promise<Set<string>> {
	const out = new Set<string>();
	if (ids.length === 0) return out;
	for (const { table, column } of await referencingColumns(db)) {
		const rows = await sql<{ id: string }>`
			select distinct ${sql.ref(column)} as id from ${sql.table(`qk.${table}`)}
			where ${sql.ref(column)} = any(${ids}::uuid[])`.execute(db);
		for (const r of rows.rows) out.add(r.id);
	}
	return out;
}

export async function loadExistingState(db: Kysely<DB>, mapping: AreaImportMapping): Promise<ExistingState> {
	const levels = await db
		.selectFrom('area_level')
		.select(['id', 'key', 'name', 'rank'])
		.orderBy('rank')
		.execute();
	const levelKeys = new Set<string>();
	for (const m of mapping.levels) {
		if (m.level.kind === 'existing') levelKeys.add(m.level.key);
		if (m.parent.match !== 'none' && m.parent.level.kind === 'existing') levelKeys.add(m.parent.level.key);
	}
	if (levelKeys.size === 0) return { levels, areas: [] };
	const rows = await db
		.selectFrom('area')
		.innerJoin('area_level', 'area_level.id', 'area.level_id')
		.leftJoin('area as parent', 'parent.id', 'area.parent_id')
		.leftJoin('area_level as parent_level', 'parent_level.id', 'parent.level_id')
		.select([
			'area.id',
			'area_level.key as level_key',
			'area.key',
			'area.name',
			'parent_level.key as parent_level_key',
			'parent.key as parent_key',
			'area.population',
			'area.population_year',
			'area.valid_from',
			'area.geometry_original'
		])
		.where('area.valid_to', 'is', null)
		.where('area_level.key', 'in', [...levelKeys])
		.execute();
	const targetKeys = new Set(
		mapping.levels.flatMap((m) => (m.level.kind === 'existing' ? [m.level.key] : []))
	);
	const referenced = await referencedAreaIds(
		db,
		rows.filter((r) => targetKeys.has(r.level_key)).map((r) => r.id)
	);
	const areas: ExistingArea[] = rows.map((r) => ({
		id: r.id,
		levelKey: r.level_key,
		key: r.key,
		name: r.name,
		parentLevelKey: r.parent_level_key,
		parentKey: r.parent_key,
		population: r.population,
		populationYear: r.population_year,
		validFrom: String(r.valid_from).slice(0, 10),
		geometry: asGeometry(r.geometry_original),
		referenced: referenced.has(r.id)
	}));
	return { levels, areas };
}
