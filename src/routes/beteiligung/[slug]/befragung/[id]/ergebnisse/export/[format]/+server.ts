// GET …/ergebnisse/export/[format]: the survey's responses as an attachment (staff only; the
// permission is checked here and again in the service; a forbidden survey looks missing).
import { error, redirect } from '@sveltejs/kit';
import { exportSurvey, isSurveyExportFormat } from '$lib/server/survey-results';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, params, url }) => {
	const ctx = locals.ctx;
	if (!ctx.actor) redirect(303, `/anmelden?weiter=${encodeURIComponent(url.pathname)}`);
	if (!isSurveyExportFormat(params.format)) error(404, ctx.t('consultations.error.not_found'));
	const result = await exportSurvey(ctx, { surveyId: params.id, format: params.format });
	if (!result.ok) error(404, ctx.t('consultations.error.not_found'));
	const file = result.value;
	return new Response(file.bytes as Uint8Array<ArrayBuffer>, {
		headers: {
			'content-type': file.contentType,
			'content-disposition': `attachment; filename="${file.fileName}"`,
			'content-length': String(file.bytes.byteLength),
			'cache-control': 'private, no-store',
			'x-content-type-options': 'nosniff'
		}
	});
};
