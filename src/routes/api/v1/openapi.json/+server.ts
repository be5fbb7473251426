import { openApiDocument } from '$lib/server/monitoring';
import { apiJson } from '$lib/server/monitoring/http';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals }) => apiJson(openApiDocument(locals.ctx.config.origin));
