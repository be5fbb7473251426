// Deleting one document of an event (e.g. a photo whose consent was withdrawn): a confirmation page,
// so nothing is removed by a single click, and it works without JavaScript.
import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { deleteDocument, listDocuments, visibleEvent } from '$lib/server/events';
import type { Actions, PageServerLoad } from './$types';

async function managedDocument(locals: App.Locals, eventId: string, docId: string) {
	const { db, actor, t } = locals.ctx;
	const found = await visibleEvent(db, actor, eventId);
	// A forbidden event looks like a missing one.
	if (!found || !found.canManage) error(404, t('events.errors.not_found'));
	const doc = (await listDocuments(db, found.ev.id)).find((d) => d.id === docId);
	if (!doc) error(404, t('events.errors.not_found'));
	return { ev: found.ev, doc };
}

export const load: PageServerLoad = async ({ locals, params }) => {
	const { ev, doc } = await managedDocument(locals, params.id, params.docId);
	return {
		event: { id: ev.id, title: ev.title },
		document: { id: doc.id, kind: doc.kind, title: doc.title }
	};
};

export const actions: Actions = {
	default: async ({ locals, params, request }) => {
		const { ev, doc } = await managedDocument(locals, params.id, params.docId);
		// the confirmation form names the document again, so only that form deletes it
		const confirmed = z
			.object({ documentId: z.literal(doc.id) })
			.safeParse({ documentId: (await request.formData()).get('documentId') });
		if (!confirmed.success) return fail(400, { error: locals.ctx.t('events.errors.not_found') });
		const r = await deleteDocument(locals.ctx, ev.id, doc.id);
		if (!r.ok) return fail(409, { error: locals.ctx.t(`events.errors.${r.code}`) });
		redirect(303, `/termine/${ev.id}/verwalten?erledigt=1`);
	}
};
