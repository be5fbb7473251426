// Minutes and photos: a PDF is checked by its signature, photos need consent and lose their EXIF data;
// the organiser can delete one (row, upload and file gone, after a confirmation page); the download is
// exactly as visible as the event page.
import { isHttpError } from '@sveltejs/kit';
import { expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../src/lib/server/core';
import {
	attachDocument,
	createEvent,
	deleteDocument,
	EventForm,
	listDocuments
} from '../../../src/lib/server/events';
import { GET as documentGET } from '../../../src/routes/termine/[id]/dokument/[docId]/+server';
import {
	actions as deleteActions,
	load as deleteLoad
} from '../../../src/routes/termine/[id]/dokument/[docId]/loeschen/+page.server';
import { insertConsultation, jpegWithExif, memoryStorage } from '../contributions/fixtures';
import { authContext } from '../helpers/auth-context';
import { describeEachDatabase } from '../helpers/db';
import { insertAreaTree } from '../helpers/roles-fixtures';

describeEachDatabase('events: documentation', (get) => {
	it('stores a PDF and a photo without EXIF; refuses fakes and photos without consent', async () => {
		const areaId = (await insertAreaTree(get().db, 'd')).altstadt;
		const storage = memoryStorage();
		const ctx = authContext(get(), { actor: SYSTEM_ACTOR, storage });
		const ev = await createEvent(
			ctx,
			EventForm.parse({
				title: 'Werkstatt',
				type: 'planungswerkstatt',
				address: 'Haus',
				startsAt: '2026-10-01T18:00',
				endsAt: '2026-10-01T20:00'
			}),
			{ consultationId: null, areaIds: [areaId] }
		);
		if (!ev.ok) throw new Error(ev.code);
		const pdf = new TextEncoder().encode('%PDF-1.4\n%%EOF\n');
		expect(
			(
				await attachDocument(ctx, ev.value.id, {
					kind: 'minutes',
					title: 'Protokoll',
					bytes: pdf,
					photoConsent: false
				})
			).ok
		).toBe(true);
		const fake = new TextEncoder().encode('<html>nope</html>');
		expect(
			await attachDocument(ctx, ev.value.id, {
				kind: 'minutes',
				title: 'X',
				bytes: fake,
				photoConsent: false
			})
		).toEqual({ ok: false, code: 'doc_type' });
		expect(
			await attachDocument(ctx, ev.value.id, {
				kind: 'photo',
				title: 'Tische',
				bytes: jpegWithExif(),
				photoConsent: false
			})
		).toEqual({ ok: false, code: 'doc_consent' });
		expect(
			(
				await attachDocument(ctx, ev.value.id, {
					kind: 'photo',
					title: 'Tische',
					bytes: jpegWithExif(),
					photoConsent: true
				})
			).ok
		).toBe(true);
		const docs = await listDocuments(get().db, ev.value.id);
		expect(docs.map((d) => [d.kind, d.content_type])).toEqual([
			['minutes', 'application/pdf'],
			['photo', 'image/jpeg']
		]);
		const stored = await storage.get(docs[1].storage_key);
		expect(new TextDecoder('latin1').decode(stored!)).not.toContain('GPSLatitude');
	});

	it('lets the organiser delete a document after confirming; downloads follow the event page', async () => {
		const db = get().db;
		const areaId = (await insertAreaTree(db, 'e')).altstadt;
		const storage = memoryStorage();
		const ctx = authContext(get(), { actor: SYSTEM_ACTOR, storage });
		const pdf = new TextEncoder().encode('%PDF-1.4\n%%EOF\n');
		const hiddenConsultation = await insertConsultation(db, { status: 'draft' });
		const withDoc = async (title: string, consultationId: string | null) => {
			const ev = await createEvent(
				ctx,
				EventForm.parse({
					title,
					type: 'planungswerkstatt',
					address: 'Haus',
					startsAt: '2026-10-01T18:00',
					endsAt: '2026-10-01T20:00'
				}),
				{ consultationId, areaIds: consultationId ? [] : [areaId] }
			);
			if (!ev.ok) throw new Error(ev.code);
			const doc = await attachDocument(ctx, ev.value.id, {
				kind: 'minutes',
				title: `Protokoll ${title}`,
				bytes: pdf,
				photoConsent: false
			});
			if (!doc.ok) throw new Error(doc.code);
			return { eventId: ev.value.id, docId: doc.value.id };
		};
		const download = async (ids: { eventId: string; docId: string }, actor: typeof SYSTEM_ACTOR | null) => {
			try {
				const res = await documentGET({
					params: { id: ids.eventId, docId: ids.docId },
					locals: { ctx: authContext(get(), { actor, storage }) }
				} as unknown as Parameters<typeof documentGET>[0]);
				return {
					status: res.status,
					cache: res.headers.get('cache-control'),
					bytes: await res.arrayBuffer()
				};
			} catch (e) {
				if (isHttpError(e)) return { status: e.status, cache: null, bytes: null };
				throw e;
			}
		};
		const pub = await withDoc('Öffentlich', null);
		const inHidden = await withDoc('Im Entwurfsverfahren', hiddenConsultation.id);
		const draft = await withDoc('Entwurf', null);
		await db.updateTable('event').set({ status: 'draft' }).where('id', '=', draft.eventId).execute();

		const ok = await download(pub, null);
		expect(ok.status).toBe(200);
		expect(new Uint8Array(ok.bytes!)).toEqual(pdf);
		expect(ok.cache).toBe('public, max-age=3600');
		// an event of an unpublished consultation, and a draft event: 404 like the page, for anyone else
		expect((await download(inHidden, null)).status).toBe(404);
		expect((await download(draft, null)).status).toBe(404);
		// the organiser still sees them, never from a shared cache
		const own = await download(draft, SYSTEM_ACTOR);
		expect(own.status).toBe(200);
		expect(own.cache).toBe('private, no-store');
		// a document id of another event is not served under this one
		expect((await download({ eventId: pub.eventId, docId: draft.docId }, SYSTEM_ACTOR)).status).toBe(404);

		// only a manager may delete; someone else is told "not found" and nothing changes
		const key = (await listDocuments(db, pub.eventId))[0].storage_key;
		expect(await deleteDocument(authContext(get(), { storage }), pub.eventId, pub.docId)).toEqual({
			ok: false,
			code: 'not_found'
		});
		expect(await deleteDocument(ctx, draft.eventId, pub.docId)).toEqual({ ok: false, code: 'not_found' });
		expect(storage.files.has(key)).toBe(true);

		// the confirmation page first (nothing removed by loading it), then the action
		const event = (method: 'load' | 'post', actor: typeof SYSTEM_ACTOR | null, documentId = pub.docId) =>
			({
				params: { id: pub.eventId, docId: pub.docId },
				locals: { ctx: authContext(get(), { actor, storage }) },
				request: new Request('https://quartier.example/', {
					method: 'POST',
					body: method === 'post' ? new URLSearchParams({ documentId }) : undefined
				})
			}) as never;
		await expect(deleteLoad(event('load', null))).rejects.toMatchObject({ status: 404 });
		const page = (await deleteLoad(event('load', SYSTEM_ACTOR))) as { document: { title: string } };
		expect(page.document.title).toBe('Protokoll Öffentlich');
		expect(storage.files.has(key)).toBe(true);
		await expect(deleteActions.default(event('post', null))).rejects.toMatchObject({ status: 404 });
		// a post that does not name this document (not from the confirmation form) deletes nothing
		expect(await deleteActions.default(event('post', SYSTEM_ACTOR, draft.docId))).toMatchObject({
			status: 400
		});
		expect(storage.files.has(key)).toBe(true);
		await expect(deleteActions.default(event('post', SYSTEM_ACTOR))).rejects.toMatchObject({
			status: 303,
			location: `/termine/${pub.eventId}/verwalten?erledigt=1`
		});
		expect(storage.files.has(key)).toBe(false);
		expect(await listDocuments(db, pub.eventId)).toEqual([]);
		expect(await db.selectFrom('upload').select('id').where('storage_key', '=', key).execute()).toEqual([]);
		const audit = await db
			.selectFrom('audit_log')
			.select('action')
			.where('subject_id', '=', pub.eventId)
			.where('action', '=', 'events.delete_document')
			.execute();
		expect(audit).toHaveLength(1);
		expect((await download(pub, null)).status).toBe(404);
		// deleting again: not found
		expect(await deleteDocument(ctx, pub.eventId, pub.docId)).toEqual({ ok: false, code: 'not_found' });
	});
});
