// The areas a survey can be tied to (the area picker of the settings form): every current area, top
// level first, plus the survey's own area where it is an older version (a boundary change since).
import type { Kysely } from 'kysely';
import { areaLabels, currentAreaIdByKey, currentAreaLabels } from '../areas';
import type { DB } from '../db/types';

export interface SurveyAreaOption {
	id: string;
	name: string;
	levelName: string;
}

export async function surveyAreaOptions(
	db: Kysely<DB>,
	keepId: string | null = null
): Promise<SurveyAreaOption[]> {
	const current = await currentAreaLabels(db);
	const kept = keepId && !current.some((a) => a.id === keepId) ? await areaLabels(db, [keepId]) : [];
	return [...current, ...kept].map((a) => ({ id: a.id, name: a.name, levelName: a.levelName }));
}

/** The current area a pre-fill link names by key (the top-most level with that key), or null. */
export async function prefillArea(db: Kysely<DB>, key: string): Promise<SurveyAreaOption | null> {
	const id = await currentAreaIdByKey(db, key);
	if (!id) return null;
	const [a] = await areaLabels(db, [id]);
	return a ? { id: a.id, name: a.name, levelName: a.levelName } : null;
}

/** The survey's area as shown on its manage page (any version), or null. */
export async function surveyArea(db: Kysely<DB>, areaId: string | null): Promise<SurveyAreaOption | null> {
	if (!areaId) return null;
	const [a] = await areaLabels(db, [areaId]);
	return a ? { id: a.id, name: a.name, levelName: a.levelName } : null;
}
