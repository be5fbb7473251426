// Planner workspace start (issue 12): pick an area for the area view, or open "Wer wurde erreicht?".
import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { listAreaLevels, listAreas } from '$lib/server/areas';
import { can } from '$lib/server/auth/permissions';
import { requirePlanner, visibleAreaIds } from '$lib/server/planning';
import type { PageServerLoad } from './$types';

const Pick = z.string().regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/);

export const load: PageServerLoad = async ({ locals, url }) => {
	requirePlanner(locals.ctx, url);
	const picked = Pick.safeParse(url.searchParams.get('gebiet') ?? '');
	if (picked.success) {
		const [level, key] = picked.data.split('/');
		redirect(303, `/planung/gebiete/${encodeURIComponent(key)}?ebene=${encodeURIComponent(level)}`);
	}
	const [levels, areas] = await Promise.all([listAreaLevels(locals.ctx.db), listAreas(locals.ctx.db)]);
	const visible = await visibleAreaIds(
		locals.ctx,
		areas.map((a) => a.id)
	);
	return {
		// the other parts of the workspace, each shown to whom it is open
		themes: can(locals.ctx.actor, 'themes.workspace'),
		reports: can(locals.ctx.actor, 'reports.use'),
		levels: levels
			.map((l) => ({
				key: l.key,
				name: l.name,
				areas: areas
					.filter((a) => a.levelKey === l.key && visible.has(a.id))
					.map((a) => ({ key: a.key, name: a.name }))
			}))
			.filter((l) => l.areas.length > 0)
	};
};
