import { json } from '@sveltejs/kit';
import { sql } from 'kysely';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals }) => {
	const started = performance.now();
	try {
		await sql`select 1`.execute(locals.ctx.db);
		return json(
			{
				status: 'ok',
				database: {
					kind: locals.ctx.database.kind,
					reachable: true,
					ms: Math.round(performance.now() - started)
				}
			},
			{ headers: { 'cache-control': 'no-store' } }
		);
	} catch {
		return json(
			{ status: 'error', database: { kind: locals.ctx.database.kind, reachable: false } },
			{ status: 503, headers: { 'cache-control': 'no-store' } }
		);
	}
};
