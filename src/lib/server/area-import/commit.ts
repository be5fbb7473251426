// Writes a checked plan in one transaction: new levels, in-place updates, closed old versions, new rows
// (one unnest(...) insert), children re-pointed to their parent's new version, an import run and an
// audit row. Everything expensive (reading, matching, simplifying) happens before the transaction opens.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { geometryBbox, toPostgresBox } from '../../geo';
import { countPositions, simplifyShared, type AreaGeometry } from '../../geo/simplify';
import { actorUserId, writeAudit, type CommandContext } from '../core';
import { recomputeDerivedValues } from '../indicators/recompute';
import type { AreaImportPlan, AreaStatus, PlannedArea } from './types';
import { forgetAreasGeoJson } from '../monitoring/geojson-cache';

export interface LevelSummary {
	key: string;
	name: string;
	isNew: boolean;
	total: number;
	new: number;
	changed: number;
	newVersion: number;
	unchanged: number;
	notInFile: number;
}

export interface AreaImportSummary {
	importId: string;
	fileName: string;
	validFrom: string;
	format: AreaImportPlan['source']['format'];
	crs: string | null;
	levels: LevelSummary[];
	/** Children of other levels moved to their parent's new version. */
	repointedChildren: number;
	durationMs: number;
}

export type CommitResult = { ok: true; value: AreaImportSummary } | { ok: false; code: 'plan_has_issues' };

/** Share of points kept for display: all of a small file, a quarter of a large one (borders stay shared). */
export function displayKeep(positions: number): number {
	return positions > 20_000 ? 0.25 : 1;
}

export function summariseLevels(plan: AreaImportPlan): LevelSummary[] {
	return plan.levels.map((l) => ({
		key: l.key,
		name: l.name,
		isNew: l.isNew,
		total: l.counts.total,
		new: l.counts.new,
		changed: l.counts.changed,
		newVersion: l.counts.new_version,
		unchanged: l.counts.unchanged,
		notInFile: l.counts.notInFile
	}));
}

/** Display geometries of a level, simplified together so neighbours share their borders. */
export function displayGeometries(areas: PlannedArea[]): (AreaGeometry | null)[] {
	const withGeometry = areas.filter((a) => a.geometry);
	if (withGeometry.length === 0) return areas.map(() => null);
	const originals = withGeometry.map((a) => a.geometry as AreaGeometry);
	const positions = originals.reduce((n, g) => n + countPositions(g), 0);
	const simplified = simplifyShared(originals, displayKeep(positions));
	const byArea = new Map(withGeometry.map((a, i) => [a, simplified[i]]));
	return areas.map((a) => byArea.get(a) ?? null);
}

const WRITES: AreaStatus[] = ['new', 'new_version', 'changed'];

export async function commitAreaImport(
	ctx: CommandContext,
	plan: AreaImportPlan,
	fileName: string
): Promise<CommitResult> {
	if (plan.issues.length > 0) return { ok: false, code: 'plan_has_issues' };
	const started = performance.now();
	const hasGeometry = plan.source.kind === 'boundaries';

	// Final ids: kept rows keep theirs, new rows and new versions get one now (parents and children in one insert).
	const finalId = new Map<string, string>();
	const idKey = (levelIndex: number, key: string) => `${levelIndex}\u0000${key}`;
	for (const level of plan.levels)
		for (const a of level.areas)
			finalId.set(
				idKey(level.index, a.key),
				a.status === 'new' || a.status === 'new_version' ? randomUUID() : a.existingId!
			);
	const parentId = (a: PlannedArea): string | null =>
		!a.parent
			? null
			: a.parent.kind === 'existing'
				? a.parent.id
				: finalId.get(idKey(a.parent.levelIndex, a.parent.key))!;

	// Display geometries (simplified once, here) for the rows we write.
	const display = new Map<PlannedArea, AreaGeometry | null>();
	if (hasGeometry)
		for (const level of plan.levels) {
			const geometries = displayGeometries(level.areas);
			level.areas.forEach((a, i) => display.set(a, geometries[i]));
		}

	const inserts = {
		id: [] as string[],
		level: [] as number[],
		key: [] as string[],
		name: [] as string[],
		parent: [] as (string | null)[],
		keepParentOf: [] as (string | null)[],
		population: [] as (number | null)[],
		populationYear: [] as (number | null)[],
		geometry: [] as (string | null)[],
		original: [] as (string | null)[],
		bbox: [] as (string | null)[],
		copyGeometryOf: [] as (string | null)[]
	};
	const updates = {
		id: [] as string[],
		name: [] as string[],
		parent: [] as (string | null)[],
		keepParent: [] as boolean[],
		population: [] as (number | null)[],
		populationYear: [] as (number | null)[],
		geometry: [] as (string | null)[],
		original: [] as (string | null)[],
		bbox: [] as (string | null)[]
	};
	const replaced = { old: [] as string[], new: [] as string[] };
	for (const level of plan.levels) {
		for (const a of level.areas) {
			if (!WRITES.includes(a.status)) continue;
			const geometry = hasGeometry && a.geometry ? JSON.stringify(display.get(a) ?? a.geometry) : null;
			const original = hasGeometry && a.geometry ? JSON.stringify(a.geometry) : null;
			const bbox = hasGeometry && a.geometry ? toPostgresBox(geometryBbox(a.geometry)!) : null;
			// A level mapped without parent link keeps the parent its current version has.
			const keepParent = a.parent === null && a.existingId !== null;
			if (a.status === 'changed') {
				updates.id.push(a.existingId!);
				updates.name.push(a.name);
				updates.parent.push(parentId(a));
				updates.keepParent.push(keepParent);
				updates.population.push(a.population);
				updates.populationYear.push(a.populationYear);
				updates.geometry.push(geometry);
				updates.original.push(original);
				updates.bbox.push(bbox);
				continue;
			}
			const id = finalId.get(idKey(level.index, a.key))!;
			inserts.id.push(id);
			inserts.level.push(level.index);
			inserts.key.push(a.key);
			inserts.name.push(a.name);
			inserts.parent.push(parentId(a));
			inserts.keepParentOf.push(keepParent ? a.existingId : null);
			inserts.population.push(a.population);
			inserts.populationYear.push(a.populationYear);
			inserts.geometry.push(geometry);
			inserts.original.push(original);
			inserts.bbox.push(bbox);
			inserts.copyGeometryOf.push(!hasGeometry && a.status === 'new_version' ? a.existingId : null);
			if (a.status === 'new_version') {
				replaced.old.push(a.existingId!);
				replaced.new.push(id);
			}
		}
	}

	const levels = summariseLevels(plan);
	const summaryBase = {
		fileName,
		validFrom: plan.validFrom,
		format: plan.source.format,
		crs: plan.source.crs?.name ?? null,
		levels
	};

	const value = await ctx.db.transaction().execute(async (trx) => {
		// New levels.
		const levelIds = plan.levels.map((l) => l.levelId);
		const newLevels = plan.levels.filter((l) => l.isNew);
		if (newLevels.length) {
			const rows = await trx
				.insertInto('area_level')
				.values(newLevels.map((l) => ({ key: l.key, name: l.name, rank: l.rank })))
				.returning(['id', 'key'])
				.execute();
			for (const l of newLevels) levelIds[l.index] = rows.find((r) => r.key === l.key)!.id;
		}
		// Boundaries from a file: the file is where the levels' geometries come from (reports name it).
		const geometryLevels = hasGeometry ? levelIds.filter((id): id is string => !!id) : [];
		if (geometryLevels.length)
			await trx
				.updateTable('area_level')
				.set({ geometry_source: fileName.slice(0, 300) })
				.where('id', 'in', geometryLevels)
				.execute();

		if (updates.id.length)
			await sql`
				update qk.area a set
					name = u.name,
					parent_id = case when u.keep_parent then a.parent_id else u.parent_id end,
					population = u.population,
					population_year = u.population_year,
					geometry = case when ${hasGeometry} then u.geometry::jsonb else a.geometry end,
					geometry_original = case when ${hasGeometry} then u.original::jsonb else a.geometry_original end,
					bbox = case when ${hasGeometry} then u.bbox::box else a.bbox end
				from unnest(${updates.id}::uuid[], ${updates.name}::text[], ${updates.parent}::uuid[],
					${updates.keepParent}::boolean[], ${updates.population}::int[], ${updates.populationYear}::int[],
					${updates.geometry}::text[], ${updates.original}::text[], ${updates.bbox}::text[])
					as u(id, name, parent_id, keep_parent, population, population_year, geometry, original, bbox)
				where a.id = u.id`.execute(trx);

		if (replaced.old.length)
			await sql`update qk.area set valid_to = ${plan.validFrom}::date where id = any(${replaced.old}::uuid[])`.execute(
				trx
			);

		if (inserts.id.length) {
			const levelIdOf = inserts.level.map((i) => levelIds[i]!);
			await sql`
				insert into qk.area (id, level_id, key, name, parent_id, population, population_year, valid_from,
					geometry, geometry_original, bbox)
				select n.id, n.level_id, n.key, n.name,
					coalesce(n.parent_id, (select o.parent_id from qk.area o where o.id = n.keep_parent_of)),
					n.population, n.population_year, ${plan.validFrom}::date,
					coalesce(n.geometry::jsonb, (select o.geometry from qk.area o where o.id = n.copy_geometry_of)),
					coalesce(n.original::jsonb, (select o.geometry_original from qk.area o where o.id = n.copy_geometry_of)),
					coalesce(n.bbox::box, (select o.bbox from qk.area o where o.id = n.copy_geometry_of))
				from unnest(${inserts.id}::uuid[], ${levelIdOf}::uuid[], ${inserts.key}::text[], ${inserts.name}::text[],
					${inserts.parent}::uuid[], ${inserts.keepParentOf}::uuid[], ${inserts.population}::int[],
					${inserts.populationYear}::int[], ${inserts.geometry}::text[], ${inserts.original}::text[],
					${inserts.bbox}::text[], ${inserts.copyGeometryOf}::uuid[])
					as n(id, level_id, key, name, parent_id, keep_parent_of, population, population_year, geometry,
						original, bbox, copy_geometry_of)`.execute(trx);
		}

		let repointedChildren = 0;
		if (replaced.old.length) {
			const result = await sql`
				update qk.area a set parent_id = m.new_id
				from unnest(${replaced.old}::uuid[], ${replaced.new}::uuid[]) as m(old_id, new_id)
				where a.parent_id = m.old_id and a.valid_to is null`.execute(trx);
			repointedChildren = Number(result.numAffectedRows ?? 0);
		}

		const durationMs = Math.round(performance.now() - started);
		const summary = { ...summaryBase, repointedChildren, durationMs };
		const run = await sql<{ id: string }>`
			insert into qk.import_run (kind, file_name, summary, created_by, created_at)
			values ('areas', ${fileName}, ${JSON.stringify(summary)}::jsonb, ${actorUserId(ctx.actor)}, ${ctx.now})
			returning id`.execute(trx);
		const importId = run.rows[0].id;
		await writeAudit(trx, {
			actorId: actorUserId(ctx.actor),
			action: 'areas.import',
			subjectType: 'import_run',
			subjectId: importId,
			details: summary,
			at: ctx.now
		});
		// New parents or versions change what parent levels add up to: derive indicator values afresh,
		// in the same transaction (a crash cannot leave totals of the old area tree).
		await recomputeDerivedValues(trx);
		return { importId, ...summary };
	});
	forgetAreasGeoJson(ctx.db);
	return { ok: true, value };
}
