// Minutes and photos of an event, exactly as visible as the event page (draft, consultation status).
import { error } from '@sveltejs/kit';
import { listDocuments, visibleEvent } from '$lib/server/events';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, params }) => {
	const { db, storage, t, actor } = locals.ctx;
	const found = await visibleEvent(db, actor, params.id);
	if (!found) error(404, t('events.errors.not_found'));
	const doc = (await listDocuments(db, found.ev.id)).find((d) => d.id === params.docId);
	if (!doc) error(404, t('events.errors.not_found'));
	const bytes = await storage.get(doc.storage_key);
	if (!bytes) error(404, t('events.errors.not_found'));
	// what not everyone may see (a draft, a consultation in preparation) is never cached publicly
	const isPublic = !actor || !!(await visibleEvent(db, null, found.ev.id));
	return new Response(new Uint8Array(bytes), {
		headers: {
			'content-type': doc.content_type,
			'content-disposition': doc.kind === 'minutes' ? 'attachment; filename="protokoll.pdf"' : 'inline',
			'x-content-type-options': 'nosniff',
			'cache-control': isPublic ? 'public, max-age=3600' : 'private, no-store'
		}
	});
};
