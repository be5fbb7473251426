import { moduleOpenApiDocument } from '$lib/server/monitoring';
import { apiJson } from '$lib/server/monitoring/http';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals }) =>
	apiJson(await moduleOpenApiDocument(locals.ctx.config.origin));
