// Areas for the pickers: grouped by level (top first). For the form only the areas the actor may
// open a consultation in (plus the ones already chosen); for the public filter all current areas.
import type { Kysely } from 'kysely';
import type { Actor } from '../auth/actor';
import { currentAreaLabels, loadAreaAncestry, type AreaLabel } from '../areas';
import { can } from '../auth/permissions';
import type { AreaChoiceGroup } from '../../consultations/types';
import type { DB } from '../db/types';

export type { AreaChoiceGroup };

function group(rows: AreaLabel[]): AreaChoiceGroup[] {
	const groups: AreaChoiceGroup[] = [];
	for (const r of rows) {
		let g = groups.find((x) => x.levelKey === r.levelKey);
		if (!g) groups.push((g = { levelKey: r.levelKey, levelName: r.levelName, areas: [] }));
		g.areas.push({ id: r.id, key: r.key, name: r.name });
	}
	return groups;
}

export async function listAreaFilterChoices(db: Kysely<DB>): Promise<AreaChoiceGroup[]> {
	return group(await currentAreaLabels(db));
}

export async function listCreatableAreaChoices(
	db: Kysely<DB>,
	actor: Actor | null,
	alsoInclude: readonly string[] = []
): Promise<AreaChoiceGroup[]> {
	if (!actor) return [];
	const rows = await currentAreaLabels(db);
	const refs = new Map(
		(
			await loadAreaAncestry(
				db,
				rows.map((r) => r.id)
			)
		).map((a) => [a.id, a])
	);
	const keep = new Set(alsoInclude);
	return group(
		rows.filter((r) => keep.has(r.id) || can(actor, 'consultation.create', { areas: [refs.get(r.id)!] }))
	);
}

/** Does the actor run consultations anywhere (shows the "new consultation" link)? */
export function mayCreateSomewhere(actor: Actor | null): boolean {
	return !!actor?.grants.some(
		(g) =>
			(g.role === 'quarter_manager' && g.scopeType === 'area') ||
			g.role === 'planner' ||
			(g.role === 'admin' && g.scopeType === 'global')
	);
}
