// Minutes and photos: a PDF is checked by its signature, photos need consent and lose their EXIF data.
import { expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../src/lib/server/core';
import { attachDocument, createEvent, EventForm, listDocuments } from '../../../src/lib/server/events';
import { jpegWithExif, memoryStorage } from '../contributions/fixtures';
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
});
