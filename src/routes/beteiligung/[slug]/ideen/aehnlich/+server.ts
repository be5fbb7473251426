// Similar ideas while typing (the form's debounced fetch): GET ?title=&body=&lon=&lat= → JSON. Reads
// only published ideas of a board the visitor may see; no personal data.
import { error, json } from '@sveltejs/kit';
import { getConsultationBySlug } from '$lib/server/consultations';
import { findSimilarIdeas, ideaPath, SimilarQuery } from '$lib/server/ideas';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, params, url }) => {
	const { db, actor, t } = locals.ctx;
	const c = await getConsultationBySlug(db, params.slug, actor);
	if (!c || !c.modules.includes('ideas')) error(404, t('ideas.errors.notFound'));
	const parsed = SimilarQuery.safeParse(Object.fromEntries(url.searchParams));
	if (!parsed.success) error(400, t('ideas.errors.invalid'));
	const q = parsed.data;
	const similar = await findSimilarIdeas(db, c.id, { text: `${q.title} ${q.body}`, lon: q.lon, lat: q.lat });
	return json(
		{ similar: similar.map((s) => ({ ...s, path: ideaPath(c.slug, s.id) })) },
		{ headers: { 'cache-control': 'no-store' } }
	);
};
