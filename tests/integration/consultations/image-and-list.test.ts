// Image uploads (checked by content and size, alt text required, stored via the storage driver)
// and the paginated public list, on both databases.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { createI18n } from '../../../src/lib/i18n';
import {
	createConsultation,
	getConsultationBySlug,
	getConsultationImage,
	listConsultations,
	readConsultationSubmission,
	updateConsultation
} from '../../../src/lib/server/consultations';
import { createLocalStorage } from '../../../src/lib/server/storage';
import { describeEachDatabase } from '../helpers/db';
import { actorFor, insertAreaTree, insertUser } from '../helpers/roles-fixtures';

const t = createI18n('de').t;
/** Signature, IHDR, IDAT and IEND chunks (length, type, data, CRC not checked). */
const chunk = (type: string, data: number[]) => [
	0,
	0,
	0,
	data.length,
	...new TextEncoder().encode(type),
	...data,
	0,
	0,
	0,
	0
];
const PNG = new Uint8Array([
	...[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
	...chunk('IHDR', new Array(13).fill(0)),
	...chunk('IDAT', [1, 2, 3]),
	...chunk('IEND', [])
]);
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 9, 9, 9]);
const dirs: string[] = [];
afterAll(async () => {
	for (const d of dirs) await fs.rm(d, { recursive: true, force: true });
});

function form(areaId: string, extra: Record<string, string | File> = {}): FormData {
	const f = new FormData();
	const fields: Record<string, string> = {
		title: 'Bild-Test',
		participationLevel: 'information',
		canInfluence: 'a',
		alreadyDecided: 'b',
		outcomePlan: 'c',
		contactName: 'Herr Kontakt',
		autoHideAfterReports: '5',
		allowAnonymous: 'on'
	};
	for (const [k, v] of Object.entries(fields)) f.set(k, v);
	f.append('areaIds', areaId);
	f.append('modules', 'map_comments');
	for (const [k, v] of Object.entries(extra)) f.set(k, v);
	return f;
}

describeEachDatabase('consultation images and list', (get) => {
	it('accepts JPEG/PNG/WebP by content with alt text, refuses other content, big files and missing alt text', async () => {
		const db = get().db;
		const tree = await insertAreaTree(db, 'i');
		const refused = await readConsultationSubmission(
			form(tree.quartierA, {
				image: new File(['<svg onload="alert(1)"/>'], 'bild.png', { type: 'image/png' })
			}),
			t
		);
		expect(refused).toMatchObject({
			ok: false,
			errors: {
				image: 'Das Bild muss eine JPEG-, PNG- oder WebP-Datei sein.',
				imageAlt: 'Bitte beschreiben Sie das Bild (Alternativtext).'
			}
		});
		const big = new Uint8Array(5 * 1024 * 1024 + 1);
		big.set(PNG);
		const tooBig = await readConsultationSubmission(
			form(tree.quartierA, { image: new File([big], 'gross.png'), imageAlt: 'Groß' }),
			t
		);
		expect(tooBig).toMatchObject({
			ok: false,
			errors: { image: 'Das Bild ist größer als 5 MB. Bitte verkleinern Sie es.' }
		});

		const ok = await readConsultationSubmission(
			form(tree.quartierA, {
				image: new File([PNG], 'x.bin', { type: 'text/plain' }),
				imageAlt: 'Der Platz'
			}),
			t
		);
		expect(ok.ok).toBe(true);
		if (!ok.ok) return;
		expect(ok.image?.contentType).toBe('image/png');
		expect(ok.input).toMatchObject({
			slug: 'bild-test',
			allowAnonymous: true,
			autoHideAfterReports: 5,
			imageAlt: 'Der Platz'
		});

		const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'qk-consultation-'));
		dirs.push(dir);
		const storage = createLocalStorage(dir);
		const planner = await actorFor(db, await insertUser(db, { roles: ['planner'] }));
		const ctx = { db, actor: planner, now: new Date(), storage };
		const created = await createConsultation(ctx, ok.input, ok.image);
		if (!created.ok) throw new Error(created.code);
		const detail = await getConsultationBySlug(db, 'bild-test', planner);
		const image = await getConsultationImage(db, detail!.imageUploadId!);
		expect(image?.contentType).toBe('image/png');
		expect(await storage.get(image!.storageKey)).toEqual(PNG);

		// A new image replaces the reference; saving without a file keeps it.
		const replaced = await updateConsultation(ctx, created.value.id, ok.input, {
			bytes: JPEG,
			contentType: 'image/jpeg'
		});
		expect(replaced.ok).toBe(true);
		const after = await getConsultationBySlug(db, 'bild-test', planner);
		expect((await getConsultationImage(db, after!.imageUploadId!))?.contentType).toBe('image/jpeg');
		expect(await storage.get(image!.storageKey)).toBeNull();
		expect(await getConsultationImage(db, detail!.imageUploadId!)).toBeNull();
		await updateConsultation(ctx, created.value.id, ok.input, null);
		expect((await getConsultationBySlug(db, 'bild-test', planner))?.imageUploadId).toBe(after!.imageUploadId);
	});

	it('removes EXIF (camera position) from a consultation image and refuses an unreadable one', async () => {
		const tree = await insertAreaTree(get().db, 'e');
		const exif = new TextEncoder().encode('Exif\0\0GPSLatitude=51.1234;GPSLongitude=7.5678');
		const withGps = new Uint8Array([
			...[0xff, 0xd8],
			...[0xff, 0xe1, 0x00, exif.length + 2],
			...exif,
			...[0xff, 0xda, 0x00, 0x04, 0x01, 0x02, 0x33, 0x44],
			...[0xff, 0xd9]
		]);
		const read = await readConsultationSubmission(
			form(tree.quartierA, { image: new File([withGps], 'platz.jpg'), imageAlt: 'Der Platz' }),
			t
		);
		if (!read.ok || !read.image) throw new Error('image refused');
		const text = new TextDecoder('latin1').decode(read.image.bytes);
		expect(text).not.toContain('GPS');
		expect(text).not.toContain('Exif');
		expect([...read.image.bytes.slice(0, 2)]).toEqual([0xff, 0xd8]);

		const broken = await readConsultationSubmission(
			form(tree.quartierA, {
				image: new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe1, 0x7f, 0xff, 1])], 'kaputt.jpg'),
				imageAlt: 'Kaputt'
			}),
			t
		);
		expect(broken).toMatchObject({
			ok: false,
			errors: { image: 'Das Bild lässt sich nicht lesen. Bitte wählen Sie ein anderes.' }
		});
	});

	it('pages the public list 20 at a time, running first, and never shows drafts', async () => {
		const db = get().db;
		const tree = await insertAreaTree(db, 'l');
		const rows = Array.from({ length: 23 }, (_, i) => ({
			slug: `liste-${i}`,
			title: `Liste ${String(i).padStart(2, '0')}`,
			participation_level: 'information',
			can_influence: 'a',
			already_decided: 'b',
			outcome_plan: 'c',
			contact_name: 'K',
			status: i === 0 ? 'draft' : i < 3 ? 'closed' : 'published',
			published_at: new Date(Date.UTC(2026, 0, 1 + i))
		}));
		const inserted = await db.insertInto('consultation').values(rows).returning('id').execute();
		await db
			.insertInto('consultation_area')
			.values(inserted.map((r) => ({ consultation_id: r.id, area_id: tree.quartierB })))
			.execute();
		const first = await listConsultations(db, { area: 'l-112' });
		expect(first).toMatchObject({ total: 22, page: 1, pageCount: 2 });
		expect(first.items).toHaveLength(20);
		expect(first.items[0]).toMatchObject({
			slug: 'liste-22',
			status: 'published',
			areas: [{ key: 'l-112', name: 'Quartier B' }]
		});
		const second = await listConsultations(db, { area: 'l-112', page: 2 });
		expect(second.items.map((i) => i.slug)).toEqual(['liste-2', 'liste-1']);
		expect(second.items.every((i) => i.status === 'closed')).toBe(true);
	});
});
