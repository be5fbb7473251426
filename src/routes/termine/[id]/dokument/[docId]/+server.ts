// Minutes and photos of an event, as public as the event itself.
import { error } from '@sveltejs/kit';
import { getEvent, listDocuments } from '$lib/server/events';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, params }) => {
	const { db, storage, t } = locals.ctx;
	const ev = await getEvent(db, params.id);
	if (!ev || ev.status === 'draft') error(404, t('events.errors.not_found'));
	const doc = (await listDocuments(db, ev.id)).find((d) => d.id === params.docId);
	if (!doc) error(404, t('events.errors.not_found'));
	const bytes = await storage.get(doc.storage_key);
	if (!bytes) error(404, t('events.errors.not_found'));
	return new Response(new Uint8Array(bytes), {
		headers: {
			'content-type': doc.content_type,
			'content-disposition': doc.kind === 'minutes' ? 'attachment; filename="protokoll.pdf"' : 'inline',
			'x-content-type-options': 'nosniff',
			'cache-control': 'public, max-age=3600'
		}
	});
};
