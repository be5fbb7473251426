import { json } from '@sveltejs/kit';
import { sql } from 'kysely';
import type { RequestHandler } from './$types';

/** A probe must answer quickly even when the database is frozen (the pool's timeouts are longer). */
const PROBE_TIMEOUT_MS = Number(process.env.HEALTHZ_TIMEOUT_MS ?? 3_000);

export const GET: RequestHandler = async ({ locals }) => {
	const started = performance.now();
	let timer: ReturnType<typeof setTimeout> | undefined;
	try {
		const timeout = new Promise<never>((_, reject) => {
			timer = setTimeout(() => reject(new Error('Zeitüberschreitung der Datenbank')), PROBE_TIMEOUT_MS);
		});
		await Promise.race([sql`select 1`.execute(locals.ctx.db), timeout]);
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
			{ status: 503, headers: { 'cache-control': 'no-store', 'retry-after': '30' } }
		);
	} finally {
		clearTimeout(timer);
	}
};
