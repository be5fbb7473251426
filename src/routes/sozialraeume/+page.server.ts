import { listLevelAreas, listLevels } from '$lib/server/monitoring';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const { db } = locals.ctx;
	const levels = await listLevels(db);
	return {
		levels: await Promise.all(
			levels.map(async (level) => ({
				key: level.key,
				name: level.name,
				areas: (await listLevelAreas(db, level.key)).map((a) => ({
					key: a.key,
					name: a.name,
					population: a.population
				}))
			}))
		)
	};
};
