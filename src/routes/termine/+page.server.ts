import {
	filterAreas,
	listInterpreterLanguages,
	listView,
	loadEventList,
	loadEventMonth,
	MONTH_MAX_DATES
} from '$lib/server/events';
import { can } from '$lib/server/auth/permissions';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { db, now, config, actor } = locals.ctx;
	const view = listView(url);
	const [list, month, areas, languages] = await Promise.all([
		view === 'list' ? loadEventList(db, url, {}, now) : null,
		view === 'month' ? loadEventMonth(db, url, {}, now) : null,
		filterAreas(db),
		listInterpreterLanguages(db)
	]);
	return {
		view,
		list,
		month,
		monthMax: MONTH_MAX_DATES,
		query: (list ?? month)!.query,
		now: now.toISOString(),
		areas,
		languages,
		canCreate:
			can(actor, 'events.create', { consultationId: null, areas: [] }) ||
			!!actor?.grants.some((g) => g.role === 'planner' || g.role === 'quarter_manager'),
		tileUrl: config.tileUrl ?? null,
		tileAttribution: config.tileAttribution ?? null
	};
};
