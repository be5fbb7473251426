// "Wer wurde erreicht, wer nicht?" (issue 12): per area of one level, every module's input — map
// contributions and ideas, survey responses, supports, workshop attendance — online and analog apart,
// per 1,000 residents, with the social index class and the small-number decision (lib/planning/reach.ts).
// The counts come through the participation registry (each module's statsPerArea with a `figure`).
import type { Kysely } from 'kysely';
import { INDEX_CLASSES } from '../../stats/zindex';
import {
	buildReachRows,
	emptyCounts,
	type ReachCounts,
	type ReachRow,
	type ReachTreeArea
} from '../../planning/reach';
import type { DB } from '../db/types';
import { readConfig } from '../config';
import { levelIndex, loadHiddenAreas, suppressionRules } from '../monitoring';
import type { SuppressionRules } from '../../stats/suppression';
import { registry as appRegistry, type Registry } from '../participation/registry';

export type { ReachRow } from '../../planning/reach';

export interface ReachInput {
	/** area_level.key */
	level: string;
	/** only these areas of the level (the decision still runs over the whole tree) */
	areaIds?: string[];
	/** only input of these consultations; unset or empty = all */
	consultationIds?: readonly string[];
	from?: Date;
	to?: Date;
}

export interface ReachOptions {
	/** small-number rules; default from the environment (SUPPRESS_MIN_COUNT, SMALL_AREA_POPULATION) */
	rules?: SuppressionRules;
	registry?: Registry;
}

/** 1 = very high need … 5 = very good opportunities (the composite index's five classes). */
export function indexClassNumber(cls: string | null | undefined): number | null {
	const i = INDEX_CLASSES.indexOf(cls as (typeof INDEX_CLASSES)[number]);
	return i < 0 ? null : i + 1;
}

/** Every module's counts per area (all levels) and figure, online and analog apart. */
export async function reachCounts(
	db: Kysely<DB>,
	filter: Pick<ReachInput, 'consultationIds' | 'from' | 'to'>,
	registry: Registry = appRegistry
): Promise<Map<string, ReachCounts>> {
	const counts = new Map<string, ReachCounts>();
	for (const { hooks } of await registry.hooks())
		for (const stat of hooks.statsPerArea ?? []) {
			if (!stat.figure) continue;
			const figure = stat.figure;
			for (const row of await stat.countPerArea(db, filter)) {
				const entry = counts.get(row.areaId) ?? emptyCounts();
				if (row.channel === 'online') entry[figure].online += row.count;
				else entry[figure].analog += row.count;
				counts.set(row.areaId, entry);
			}
		}
	return counts;
}

export async function reachByArea(
	db: Kysely<DB>,
	input: ReachInput,
	options: ReachOptions = {}
): Promise<ReachRow[]> {
	const rules = options.rules ?? suppressionRules(readConfig());
	const areas = await db
		.selectFrom('area as a')
		.innerJoin('area_level as l', 'l.id', 'a.level_id')
		.select([
			'a.id',
			'a.key',
			'a.name',
			'a.parent_id',
			'a.population',
			'a.population_year',
			'l.key as level_key'
		])
		.where('a.valid_to', 'is', null)
		.orderBy('a.key')
		.execute();
	const wanted = input.areaIds ? new Set(input.areaIds) : null;
	const levelAreas = areas.filter((a) => a.level_key === input.level && (!wanted || wanted.has(a.id)));
	if (levelAreas.length === 0) return [];
	const [counts, index] = await Promise.all([
		reachCounts(db, input, options.registry),
		levelIndex(db, rules, input.level)
	]);
	// The population is shown as the monitoring shows it: hidden for areas its small-area rule protects.
	const years = [...new Set(levelAreas.map((a) => a.population_year).filter((y): y is number => y !== null))];
	const hiddenByYear = await loadHiddenAreas(db, rules, years);
	const tree: ReachTreeArea[] = areas.map((a) => ({
		id: a.id,
		parentId: a.parent_id,
		population: a.population
	}));
	return buildReachRows(
		levelAreas.map((a) => ({
			id: a.id,
			key: a.key,
			name: a.name,
			population:
				a.population_year !== null && hiddenByYear.get(a.population_year)?.has(a.id) ? null : a.population,
			socialIndexClass: indexClassNumber(index.get(a.id)?.indexClass)
		})),
		tree,
		counts,
		rules.minCount
	);
}
