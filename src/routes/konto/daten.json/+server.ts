import { error, redirect } from '@sveltejs/kit';
import { cityDay } from '$lib/format/dates';
import { exportPersonalData } from '$lib/server/participation/personal-data';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals }) => {
	const { ctx } = locals;
	if (!ctx.actor) redirect(303, '/anmelden?weiter=/konto');
	const data = await exportPersonalData(ctx.db, ctx.actor.id, ctx.now);
	if (!data) error(404, ctx.t('core.error.notFound'));
	const date = cityDay(ctx.now);
	return new Response(JSON.stringify(data, null, 2), {
		headers: {
			'Content-Type': 'application/json; charset=utf-8',
			'Content-Disposition': `attachment; filename="quartierskompass-meine-daten-${date}.json"`,
			'Cache-Control': 'no-store'
		}
	});
};
