// The uploads suite: hostile files through the checks every upload goes through — photos of
// contributions and ideas (checkPhotos), consultation images, event photos and minutes, survey answer
// files (all through cleanImage / checkPdf), DOCX report templates, the zip reader of Shapefile and
// XLSX imports (unzipLimited) and the names files are stored under.
import { deflateSync, zipSync, zlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { safeFileName } from '../../../src/lib/server/area-import/uploads';
import { readAreaSource } from '../../../src/lib/server/area-import';
import { checkPhotos, MAX_PHOTO_BYTES } from '../../../src/lib/server/contributions/photos';
import { createI18n } from '../../../src/lib/i18n';
import { readConsultationSubmission } from '../../../src/lib/server/consultations/submission';
import { checkEventDocument } from '../../../src/lib/server/events/documents';
import { checkTemplate, TEMPLATE_MAX_BYTES } from '../../../src/lib/server/reports/template';
import { checkAnswerFile } from '../../../src/lib/server/uploads/files';
import { listZipEntries, unzipLimited } from '../../../src/lib/server/imports/zip';
import { assertSafeKey } from '../../../src/lib/server/storage';

const enc = new TextEncoder();
const concat = (...parts: Uint8Array[]) => {
	const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	let o = 0;
	for (const p of parts) out.set(p, (o += p.length) - p.length);
	return out;
};
const HTML = enc.encode('<html><body><script>window.__xss=1</script></body></html>');

/** The smallest JPEG structure the reader accepts: SOI, a COM segment, SOS with data, EOI. */
function jpeg(): Uint8Array {
	const com = enc.encode('<script>alert(1)</script>');
	return new Uint8Array([
		0xff,
		0xd8,
		0xff,
		0xfe,
		0x00,
		com.length + 2,
		...com,
		0xff,
		0xda,
		0x00,
		0x08,
		0x01,
		0x01,
		0x00,
		0x00,
		0x3f,
		0x00,
		0x12,
		0x34,
		0x56,
		0xff,
		0xd9
	]);
}

function png(): Uint8Array {
	const chunk = (type: string, data: number[]) => {
		const len = data.length;
		return [
			(len >>> 24) & 255,
			(len >>> 16) & 255,
			(len >>> 8) & 255,
			len & 255,
			...enc.encode(type),
			...data,
			0,
			0,
			0,
			0
		];
	};
	return new Uint8Array([
		0x89,
		0x50,
		0x4e,
		0x47,
		0x0d,
		0x0a,
		0x1a,
		0x0a,
		...chunk('IHDR', [0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]),
		...chunk('tEXt', [...enc.encode('Comment\0<script>alert(1)</script>')]),
		...chunk('IDAT', [...deflateSync(new Uint8Array([0, 0]))]),
		...chunk('IEND', [])
	]);
}

const photo = (data: Uint8Array) => [{ data, altText: 'Foto vom Marktplatz' }];
const text = (b: Uint8Array) => new TextDecoder('latin1').decode(b);

describe('photo uploads', () => {
	it('refuses SVG (with script), HTML named .jpg and other non-images by their bytes, not name or MIME', () => {
		const svg = enc.encode(
			'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>'
		);
		for (const data of [svg, HTML, enc.encode('GIF89a<script>alert(1)</script>'), new Uint8Array(0)])
			expect(checkPhotos(photo(data))).toMatchObject({ ok: false, code: 'type' });
	});

	it('keeps only the image of a JPEG+HTML polyglot: comments and trailing HTML are gone', () => {
		const r = checkPhotos(photo(concat(jpeg(), HTML)));
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.photos[0].contentType).toBe('image/jpeg');
		expect(text(r.photos[0].data)).not.toMatch(/<script|<html/i);
	});

	it('keeps only the image of a PNG+ZIP polyglot: text chunks and the appended archive are gone', () => {
		const zip = zipSync({ 'evil.html': HTML });
		const r = checkPhotos(photo(concat(png(), zip)));
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.photos[0].contentType).toBe('image/png');
		const out = text(r.photos[0].data);
		expect(out).not.toMatch(/<script|evil\.html/);
		expect(out).not.toContain('PK' + String.fromCharCode(3, 4));
		expect(out.endsWith('IEND\0\0\0\0') || out.includes('IEND')).toBe(true);
	});

	it('refuses files over the size limit before reading them', () => {
		const big = new Uint8Array(MAX_PHOTO_BYTES + 1);
		big.set(jpeg());
		expect(checkPhotos(photo(big))).toMatchObject({ ok: false, code: 'too_large' });
	});
});

/** A WebP as a RIFF container (a VP8L chunk is enough for the reader), optionally with an EXIF chunk. */
function webp(exif = false): Uint8Array {
	const chunk = (type: string, data: Uint8Array) => {
		const head = new Uint8Array(8);
		head.set(enc.encode(type));
		new DataView(head.buffer).setUint32(4, data.length, true);
		return concat(head, data, data.length % 2 ? new Uint8Array(1) : new Uint8Array(0));
	};
	const body = concat(
		enc.encode('WEBP'),
		chunk('VP8L', new Uint8Array([0x2f, 0, 0, 0, 0x10])),
		exif ? chunk('EXIF', enc.encode('GPS 52.52 13.40')) : new Uint8Array(0)
	);
	const head = concat(enc.encode('RIFF'), new Uint8Array(4));
	new DataView(head.buffer).setUint32(4, body.length, true);
	return concat(head, body);
}

const pdf = (body: string, end = '%%EOF\n') =>
	enc.encode(`%PDF-1.7\n${body}\ntrailer << /Root 1 0 R >>\n${end}`);
const SVG = enc.encode(
	'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>'
);

/**
 * Every upload that takes images, each as one function: a refusal or the bytes it would store. The
 * same hostile files go through all of them, so an entry point with its own weaker check fails here.
 */
const imageUploads: Record<
	string,
	(data: Uint8Array) => Promise<{ ok: false } | { ok: true; stored: Uint8Array }>
> = {
	'contribution and idea photos': async (data) => {
		const r = checkPhotos(photo(data));
		return r.ok ? { ok: true, stored: r.photos[0].data } : { ok: false };
	},
	'survey answer files': async (data) => {
		const r = checkAnswerFile(data, ['image', 'pdf'], 10_000_000);
		return r.ok ? { ok: true, stored: r.file.data } : { ok: false };
	},
	'event photos': async (data) => {
		const r = checkEventDocument('photo', data);
		return r.ok ? { ok: true, stored: r.bytes } : { ok: false };
	},
	'consultation images': async (data) => {
		const form = new FormData();
		const fields = {
			title: 'Bild-Test',
			participationLevel: 'information',
			canInfluence: 'a',
			alreadyDecided: 'b',
			outcomePlan: 'c',
			contactName: 'Herr Kontakt',
			autoHideAfterReports: '5',
			imageAlt: 'Blick auf den Marktplatz'
		};
		for (const [k, v] of Object.entries(fields)) form.set(k, v);
		form.append('areaIds', '00000000-0000-4000-8000-000000000001');
		form.append('modules', 'map_comments');
		form.set('image', new File([data as Uint8Array<ArrayBuffer>], 'bild.jpg', { type: 'image/jpeg' }));
		const r = await readConsultationSubmission(form, createI18n('de').t);
		if (!r.ok && !r.errors.image) throw new Error(`form refused: ${JSON.stringify(r.errors)}`);
		return r.ok && r.image ? { ok: true, stored: r.image.bytes } : { ok: false };
	}
};

describe('every image upload takes the same care', () => {
	for (const [name, take] of Object.entries(imageUploads)) {
		it(`${name}: refuses SVG with script, HTML, GIF and broken images; keeps only the image of polyglots`, async () => {
			for (const data of [SVG, HTML, enc.encode('GIF89a<script>alert(1)</script>'), jpeg().slice(0, 8)])
				expect((await take(data)).ok, text(data).slice(0, 20)).toBe(false);
			const zip = zipSync({ 'evil.html': HTML });
			for (const polyglot of [concat(jpeg(), HTML), concat(png(), zip), concat(webp(true), HTML)]) {
				const r = await take(polyglot);
				expect(r.ok).toBe(true);
				if (!r.ok) continue;
				const out = text(r.stored);
				expect(out).not.toMatch(/<script|<html|evil\.html|GPS/i);
				expect(out).not.toContain('PK' + String.fromCharCode(3, 4));
			}
		});
	}

	it('a WebP cut at its RIFF size: an appended chunk-shaped HTML is no part of the image', async () => {
		const appendix = concat(enc.encode('XHTM'), new Uint8Array([HTML.length, 0, 0, 0]), HTML);
		const r = checkPhotos(photo(concat(webp(), appendix)));
		expect(r.ok).toBe(true);
		if (r.ok) expect(text(r.photos[0].data)).not.toContain('<script');
	});
});

describe('PDF uploads (event minutes, survey answer files)', () => {
	const takes = {
		'event minutes': (data: Uint8Array) => {
			const r = checkEventDocument('minutes', data);
			return r.ok ? 'ok' : r.code;
		},
		'survey answer files': (data: Uint8Array) => {
			const r = checkAnswerFile(data, ['pdf'], 10_000_000);
			return r.ok ? 'ok' : r.code;
		}
	};
	for (const [name, take] of Object.entries(takes))
		it(`${name}: refuse JavaScript, launch actions, embedded files (also #-escaped or compressed), truncation and HTML`, () => {
			expect(take(pdf('1 0 obj << /Type /Catalog >> endobj'))).toBe('ok');
			for (const active of [
				'1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj',
				'1 0 obj << /OpenAction << /S /Launch /F (cmd.exe) >> >> endobj',
				'1 0 obj << /Names << /EmbeddedFiles 2 0 R >> >> endobj',
				'1 0 obj << /OpenAction << /S /J#61vaScript /JS (x) >> >> endobj'
			])
				expect(take(pdf(active)), active).toMatch(/unsafe/);
			// an object stream: the action only visible once inflated
			const compressed = concat(
				enc.encode('%PDF-1.7\n2 0 obj << /Type /ObjStm /Filter /FlateDecode >>\nstream\n'),
				zlibSync(enc.encode('<< /S /JavaScript /JS (app.alert(1)) >>')),
				enc.encode('\nendstream endobj\n%%EOF\n')
			);
			expect(take(compressed)).toMatch(/unsafe/);
			expect(take(pdf('1 0 obj << >> endobj', ''))).toMatch(/corrupt/);
			expect(take(HTML)).toMatch(/type/);
		});
});

describe('DOCX report templates', () => {
	it('refuse what is no DOCX by its bytes, archives without a document, and oversize files', () => {
		expect(checkTemplate(HTML)).toBe('not_docx');
		expect(checkTemplate(SVG)).toBe('not_docx');
		expect(checkTemplate(zipSync({ 'evil.html': HTML }))).toBe('not_docx');
		const big = new Uint8Array(TEMPLATE_MAX_BYTES + 1);
		big.set([0x50, 0x4b, 0x03, 0x04]);
		expect(checkTemplate(big)).toBe('too_large');
	});
});

describe('archives in imports (zip bombs)', () => {
	const limits = { maxTotalBytes: 1024 * 1024, maxEntries: 10 };
	const zeros = new Uint8Array(4 * 1024 * 1024); // 4 MB of zeros → a few KB compressed

	it('refuses a zip whose declared sizes exceed the limit before inflating', () => {
		const bomb = zipSync({ 'a.shp': zeros, 'a.dbf': zeros }, { level: 9 });
		expect(bomb.length).toBeLessThan(64 * 1024);
		expect(listZipEntries(bomb, limits)).toMatchObject({ ok: false, code: 'zip_too_large' });
	});

	it('stops inflating a zip that lies about its sizes', () => {
		const bomb = zipSync({ 'a.shp': zeros }, { level: 9 });
		// Patch the declared uncompressed size (central directory and local header) to 1 KB.
		const view = new DataView(bomb.buffer, bomb.byteOffset, bomb.byteLength);
		for (let i = 0; i + 4 <= bomb.length; i++) {
			const sig = view.getUint32(i, true);
			if (sig === 0x04034b50) view.setUint32(i + 22, 1024, true);
			if (sig === 0x02014b50) view.setUint32(i + 24, 1024, true);
		}
		expect(listZipEntries(bomb, limits).ok).toBe(true);
		expect(unzipLimited(bomb, () => true, limits)).toMatchObject({ ok: false, code: 'zip_too_large' });
	});

	it('refuses zips with too many entries, and the area import refuses a bomb as a clear issue', async () => {
		const many = zipSync(
			Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`f${i}.txt`, new Uint8Array(1)]))
		);
		expect(listZipEntries(many, limits)).toMatchObject({ ok: false, code: 'zip_too_many_entries' });
		// A small Shapefile zip that declares 300 MB for its .shp: refused before anything is inflated.
		const bomb = zipSync({ 'a.shp': zeros, 'a.dbf': new Uint8Array(1), 'a.prj': new Uint8Array(1) });
		const view = new DataView(bomb.buffer, bomb.byteOffset, bomb.byteLength);
		for (let i = 0; i + 4 <= bomb.length; i++)
			if (view.getUint32(i, true) === 0x02014b50 && bomb[i + 46] === 0x61 && bomb[i + 48] === 0x73)
				view.setUint32(i + 24, 300 * 1024 * 1024, true);
		const r = await readAreaSource(bomb);
		expect(r).toMatchObject({ ok: false, issue: { code: 'zip_too_large' } });
	}, 30_000);
});

describe('file names', () => {
	it('turns traversal, absolute and NUL names into one safe segment', () => {
		for (const name of [
			'../../x',
			'/etc/passwd',
			'C:\\Windows\\win.ini',
			'a\0b.geojson',
			'..',
			'.htaccess',
			'%2e%2e%2fx'
		]) {
			const safe = safeFileName(name);
			expect(safe, name).toMatch(/^[A-Za-z0-9][A-Za-z0-9._-]*$/);
			expect(safe).not.toContain('..');
			expect(() => assertSafeKey(`imports/${safe}`)).not.toThrow();
		}
	});

	it('storage refuses keys that leave their folder', () => {
		for (const key of ['../x', '/abs/x', 'a/../../b', 'a\0b', 'a//b', ''])
			expect(() => assertSafeKey(key), JSON.stringify(key)).toThrow();
	});
});
