import { listApiIndicators } from '$lib/server/monitoring';
import { apiJson } from '$lib/server/monitoring/http';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals }) => {
	return apiJson({ indicators: await listApiIndicators(locals.ctx.db) });
};
