import { error } from '@sveltejs/kit';
import { getConsultationBySlug } from '$lib/server/consultations';
import {
	listInterpreterLanguages,
	listView,
	loadEventList,
	loadEventMonth,
	MONTH_MAX_DATES
} from '$lib/server/events';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { db, actor, t, now, config } = locals.ctx;
	const c = await getConsultationBySlug(db, params.slug, actor);
	if (!c || !c.modules.includes('events')) error(404, t('consultations.error.not_found'));
	const view = listView(url);
	const base = { consultationId: c.id };
	const list = view === 'list' ? await loadEventList(db, url, base, now) : null;
	const month = view === 'month' ? await loadEventMonth(db, url, base, now) : null;
	const languages = await listInterpreterLanguages(db, base);
	return {
		view,
		list,
		month,
		monthMax: MONTH_MAX_DATES,
		query: (list ?? month)!.query,
		now: now.toISOString(),
		consultation: { slug: c.slug, title: c.title },
		languages,
		canCreate: c.canManage,
		tileUrl: config.tileUrl ?? null,
		tileAttribution: config.tileAttribution ?? null
	};
};
