import { error } from '@sveltejs/kit';
import { getConsultationBySlug } from '$lib/server/consultations';
import { loadEventList } from '$lib/server/events';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { db, actor, t, now, config } = locals.ctx;
	const c = await getConsultationBySlug(db, params.slug, actor);
	if (!c || !c.modules.includes('events')) error(404, t('consultations.error.not_found'));
	const list = await loadEventList(db, url, { consultationId: c.id }, now);
	return {
		...list,
		consultation: { slug: c.slug, title: c.title },
		canCreate: c.canManage,
		tileUrl: config.tileUrl ?? null,
		tileAttribution: config.tileAttribution ?? null
	};
};
