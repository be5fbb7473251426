// A DOCX template is a zip: checkTemplate counts the bytes that come out while inflating (the imports'
// zip limits), so a template whose headers declare a few bytes but inflate to more than 30 MB is
// refused as a zip bomb, and an ordinary small DOCX-shaped zip passes.
import { deflateRawSync } from 'node:zlib';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { checkTemplate } from '../../../src/lib/server/reports/template';

const CONTENT_TYPES = new TextEncoder().encode(
	'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
);
const DOCUMENT = (text: string) =>
	new TextEncoder().encode(
		`<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:body></w:document>`
	);

/** A zip of deflated entries whose headers declare `declared(name)` as the unpacked size. */
function lyingZip(entries: { name: string; data: Uint8Array; declared: number }[]): Uint8Array {
	const enc = new TextEncoder();
	const locals: Uint8Array[] = [];
	const centrals: Uint8Array[] = [];
	let offset = 0;
	for (const e of entries) {
		const name = enc.encode(e.name);
		// Native raw deflate: fflate's JavaScript deflate of 40 MB takes seconds on a busy machine.
		const deflated = new Uint8Array(deflateRawSync(e.data, { level: 9 }));
		const local = new Uint8Array(30 + name.length + deflated.length);
		const lv = new DataView(local.buffer);
		lv.setUint32(0, 0x04034b50, true);
		lv.setUint16(4, 20, true);
		lv.setUint16(8, 8, true);
		lv.setUint32(18, deflated.length, true);
		lv.setUint32(22, e.declared, true);
		lv.setUint16(26, name.length, true);
		local.set(name, 30);
		local.set(deflated, 30 + name.length);
		const central = new Uint8Array(46 + name.length);
		const cv = new DataView(central.buffer);
		cv.setUint32(0, 0x02014b50, true);
		cv.setUint16(4, 20, true);
		cv.setUint16(6, 20, true);
		cv.setUint16(10, 8, true);
		cv.setUint32(20, deflated.length, true);
		cv.setUint32(24, e.declared, true);
		cv.setUint16(28, name.length, true);
		cv.setUint32(42, offset, true);
		central.set(name, 46);
		locals.push(local);
		centrals.push(central);
		offset += local.length;
	}
	const cdSize = centrals.reduce((n, c) => n + c.length, 0);
	const end = new Uint8Array(22);
	const ev = new DataView(end.buffer);
	ev.setUint32(0, 0x06054b50, true);
	ev.setUint16(8, entries.length, true);
	ev.setUint16(10, entries.length, true);
	ev.setUint32(12, cdSize, true);
	ev.setUint32(16, offset, true);
	const out = new Uint8Array(offset + cdSize + 22);
	let o = 0;
	for (const part of [...locals, ...centrals, end]) {
		out.set(part, o);
		o += part.length;
	}
	return out;
}

describe('report templates are unpacked with limits', () => {
	it('passes a small DOCX-shaped zip built by hand, so the lying one below fails for its size alone', () => {
		const honest = lyingZip([
			{ name: '[Content_Types].xml', data: CONTENT_TYPES, declared: CONTENT_TYPES.length },
			{ name: 'word/document.xml', data: DOCUMENT('{title}'), declared: DOCUMENT('{title}').length }
		]);
		expect(checkTemplate(honest)).toBeNull();
		expect(checkTemplate(zipSync({ 'word/document.xml': DOCUMENT('{title}') }))).toBe('not_docx');
	});

	it('refuses a template whose entry declares 1 KB but inflates to 40 MB (counted while inflating)', () => {
		const zeros = new Uint8Array(40 * 1024 * 1024);
		const bomb = lyingZip([
			{ name: '[Content_Types].xml', data: CONTENT_TYPES, declared: CONTENT_TYPES.length },
			{ name: 'word/document.xml', data: DOCUMENT('{title}'), declared: DOCUMENT('{title}').length },
			{ name: 'word/media/image1.png', data: zeros, declared: 1024 }
		]);
		expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
		expect(checkTemplate(bomb)).toBe('zip_bomb');
	});

	it('refuses a template whose central directory declares more than 30 MB, and one with too many entries', () => {
		const declaredBig = lyingZip([
			{ name: '[Content_Types].xml', data: CONTENT_TYPES, declared: CONTENT_TYPES.length },
			{ name: 'word/document.xml', data: DOCUMENT('x'), declared: 31 * 1024 * 1024 }
		]);
		expect(checkTemplate(declaredBig)).toBe('zip_bomb');
		const many: Record<string, Uint8Array> = {
			'[Content_Types].xml': CONTENT_TYPES,
			'word/document.xml': DOCUMENT('x')
		};
		for (let i = 0; i < 501; i++) many[`word/x${i}.xml`] = new Uint8Array(1);
		expect(checkTemplate(zipSync(many))).toBe('zip_bomb');
	});
});
