// The report file: POST (a run records its figures for "what changed since"), format docx|pdf|xlsx.
import { error } from '@sveltejs/kit';
import { isReportFormat, mayUseReports, runReportDefinition } from '$lib/server/reports';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ locals, request, params }) => {
	if (!mayUseReports(locals.ctx)) error(404, locals.ctx.t('core.error.notFound'));
	const format = (await request.formData()).get('format');
	if (!isReportFormat(format)) error(400, locals.ctx.t('reports.error.format'));
	const r = await runReportDefinition(locals.ctx, params.id, format);
	if (!r.ok) error(404, locals.ctx.t('core.error.notFound'));
	const file = r.value;
	return new Response(Buffer.from(file.bytes), {
		headers: {
			'content-type': file.contentType,
			'content-disposition': `attachment; filename="${encodeURIComponent(file.fileName)}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
			'cache-control': 'no-store'
		}
	});
};
