// Open data: the surveys with published results (?consultation=<slug>).
import { error, json } from '@sveltejs/kit';
import { z } from 'zod';
import { listPublishedSurveys } from '$lib/server/survey-results';
import type { RequestHandler } from './$types';

const Query = z.object({
	consultation: z
		.string()
		.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)
		.max(200)
		.optional()
});

export const GET: RequestHandler = async ({ locals, url }) => {
	const q = Query.safeParse(Object.fromEntries(url.searchParams));
	if (!q.success) error(400, 'consultation=<slug>');
	const surveys = await listPublishedSurveys(locals.ctx.db, q.data.consultation);
	return json(
		{ surveys },
		{ headers: { 'access-control-allow-origin': '*', 'cache-control': 'public, max-age=60' } }
	);
};
