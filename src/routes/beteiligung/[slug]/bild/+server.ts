// The consultation's image, for anyone who may see the consultation.
import { error } from '@sveltejs/kit';
import { getConsultationBySlug, getConsultationImage } from '$lib/server/consultations';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, params }) => {
	const { db, actor, storage } = locals.ctx;
	const c = await getConsultationBySlug(db, params.slug, actor);
	if (!c || !c.imageUploadId) error(404);
	const image = await getConsultationImage(db, c.imageUploadId);
	const bytes = image ? await storage.get(image.storageKey) : null;
	if (!image || !bytes) error(404);
	return new Response(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: image.contentType }), {
		headers: {
			'content-type': image.contentType,
			'cache-control': c.status === 'draft' ? 'private, no-store' : 'public, max-age=300',
			'x-content-type-options': 'nosniff'
		}
	});
};
