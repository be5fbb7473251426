import { filterAreas, loadEventList } from '$lib/server/events';
import { can } from '$lib/server/auth/permissions';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { db, now, config, actor } = locals.ctx;
	const [list, areas] = await Promise.all([loadEventList(db, url, {}, now), filterAreas(db)]);
	return {
		...list,
		areas,
		canCreate:
			can(actor, 'events.create', { consultationId: null, areas: [] }) ||
			!!actor?.grants.some((g) => g.role === 'planner' || g.role === 'quarter_manager'),
		tileUrl: config.tileUrl ?? null,
		tileAttribution: config.tileAttribution ?? null
	};
};
