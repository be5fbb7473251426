// Photo bytes of a published idea of a public consultation (metadata was stripped on upload).
import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { ideaPhotoUpload } from '$lib/server/ideas';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, params }) => {
	const { db, storage } = locals.ctx;
	if (!z.uuid().safeParse(params.id).success || !z.uuid().safeParse(params.upload).success) error(404);
	const row = await ideaPhotoUpload(db, params.id, params.upload);
	if (!row || row.status !== 'published' || row.consultation_status === 'draft') error(404);
	const data = await storage.get(row.storage_key);
	if (!data) error(404);
	return new Response(new Uint8Array(data), {
		headers: {
			'content-type': row.content_type,
			'cache-control': 'private, max-age=300',
			'x-content-type-options': 'nosniff',
			'content-security-policy': "default-src 'none'"
		}
	});
};
