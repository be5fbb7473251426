// What the measure form pages need: area choices grouped by level, consultations, and the translation
// of a command's result into fail(…) data.
import type { Kysely } from 'kysely';
import type { TFunction } from '../../i18n';
import { currentAreaLabels } from '../areas';
import { translateFieldErrors } from '../core';
import type { DB } from '../db/types';
import { consultationChoices } from './queries';

export async function measureFormChoices(db: Kysely<DB>) {
	const labels = await currentAreaLabels(db);
	const groups: { levelName: string; areas: { id: string; name: string; key: string }[] }[] = [];
	for (const a of labels) {
		let g = groups.find((x) => x.levelName === a.levelName);
		if (!g) groups.push((g = { levelName: a.levelName, areas: [] }));
		g.areas.push({ id: a.id, name: a.name, key: a.key });
	}
	return { areaGroups: groups, consultations: await consultationChoices(db) };
}

/** The typed values to show again (areaIds stays a list). */
export function formValuesOf(form: FormData): Record<string, string | string[]> {
	const values: Record<string, string | string[]> = {};
	for (const [k, v] of form.entries())
		if (typeof v === 'string' && k !== 'areaIds') values[k] = v.slice(0, 10000);
	values.areaIds = form.getAll('areaIds').filter((v): v is string => typeof v === 'string');
	return values;
}

export function translateErrors(
	errors: Record<string, string> | undefined,
	t: TFunction
): Record<string, string> {
	return errors ? translateFieldErrors(errors, t) : {};
}
