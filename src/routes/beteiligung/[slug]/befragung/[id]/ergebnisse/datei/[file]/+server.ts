// GET …/ergebnisse/datei/[file]: one file answered to a file question, for the survey's organisers
// (permission surveys.results); never public. A forbidden or missing file looks the same (404).
import { error, redirect } from '@sveltejs/kit';
import { loadSurveyFor, readSurveyFile } from '$lib/server/surveys';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, params, url }) => {
	const ctx = locals.ctx;
	if (!ctx.actor) redirect(303, `/anmelden?weiter=${encodeURIComponent(url.pathname)}`);
	const found = await loadSurveyFor(ctx, params.id, 'surveys.results');
	if (!found || found.consultation.slug !== params.slug) error(404, ctx.t('consultations.error.not_found'));
	const file = await readSurveyFile(ctx, found.survey.id, params.file);
	if (!file) error(404, ctx.t('consultations.error.not_found'));
	const ascii = file.name.replace(/[^A-Za-z0-9._-]/g, '_');
	return new Response(file.data as Uint8Array<ArrayBuffer>, {
		headers: {
			'content-type': file.contentType,
			'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
			'content-length': String(file.data.byteLength),
			'cache-control': 'private, no-store',
			'x-content-type-options': 'nosniff',
			'content-security-policy': "sandbox; default-src 'none'"
		}
	});
};
