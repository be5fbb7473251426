// GET /beteiligung/[slug]/export/[format]: the file as an attachment. Permission is checked here
// (and again in the service), never only on the page.
import { error } from '@sveltejs/kit';
import { authorize } from '$lib/server/auth/permissions';
import { getConsultationBySlug } from '$lib/server/consultations';
import { exportConsultation, isExportFormat } from '$lib/server/participation/exports';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, params }) => {
	const ctx = locals.ctx;
	if (!isExportFormat(params.format)) error(404, ctx.t('consultations.error.not_found'));
	const c = await getConsultationBySlug(ctx.db, params.slug, ctx.actor);
	if (!c) error(404, ctx.t('consultations.error.not_found'));
	authorize(ctx, 'consultation.export', c.subject, `/beteiligung/${params.slug}/export`);
	const result = await exportConsultation(ctx, { consultationId: c.id, format: params.format });
	if (!result.ok)
		error(
			result.code === 'forbidden' ? 403 : 404,
			ctx.t(result.code === 'forbidden' ? 'exports.error.forbidden' : 'consultations.error.not_found')
		);
	const file = result.value;
	return new Response(file.bytes as Uint8Array<ArrayBuffer>, {
		headers: {
			'content-type': file.contentType,
			'content-disposition': `attachment; filename="${file.fileName}"`,
			'content-length': String(file.bytes.byteLength),
			// Staff data: never in a shared cache.
			'cache-control': 'private, no-store',
			'x-content-type-options': 'nosniff'
		}
	});
};
