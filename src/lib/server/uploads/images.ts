// Uploaded images: type by content (magic bytes) and metadata removal (EXIF with GPS, XMP,
// comments) before storing. JPEG: APPn segments except JFIF/Adobe and COM are dropped; PNG: only
// critical chunks and a few harmless ones are kept; WebP: EXIF and XMP chunks are dropped.
// Every upload of an image goes through `cleanImage` (photos of contributions and ideas, consultation
// images, event photos, survey answer files): anything after the image's end (a polyglot's HTML, ZIP
// or PDF) is dropped too.

export type ImageType = 'image/jpeg' | 'image/png' | 'image/webp';

export function detectImageType(data: Uint8Array): ImageType | null {
	if (data.length > 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
	const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
	if (data.length > 8 && png.every((b, i) => data[i] === b)) return 'image/png';
	const ascii = (from: number, to: number) => String.fromCharCode(...data.subarray(from, to));
	if (data.length > 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
	return null;
}

/** Removes APP1..APP15 (EXIF, XMP, ICC, …) and COM segments; keeps APP0 (JFIF) and APP14 (Adobe colour). */
export function stripJpegMetadata(data: Uint8Array): Uint8Array {
	const parts: Uint8Array[] = [data.subarray(0, 2)];
	let i = 2;
	while (i + 4 <= data.length) {
		if (data[i] !== 0xff) throw new Error('corrupt');
		const marker = data[i + 1];
		if (marker === 0xff) {
			i++;
			continue;
		}
		// Start of scan: image data up to the end-of-image marker. Whatever follows EOI (the HTML or zip
		// of a polyglot) is dropped; scan data cannot contain FF D9 (0xFF is stuffed as FF 00).
		if (marker === 0xda) {
			let end = data.length;
			for (let j = i + 2; j + 1 < data.length; j++)
				if (data[j] === 0xff && data[j + 1] === 0xd9) {
					end = j + 2;
					break;
				}
			parts.push(data.subarray(i, end));
			return concat(parts);
		}
		const length = (data[i + 2] << 8) | data[i + 3];
		if (length < 2 || i + 2 + length > data.length) throw new Error('corrupt');
		const isApp = marker >= 0xe0 && marker <= 0xef;
		const keep = !(isApp && marker !== 0xe0 && marker !== 0xee) && marker !== 0xfe;
		if (keep) parts.push(data.subarray(i, i + 2 + length));
		i += 2 + length;
	}
	throw new Error('corrupt');
}

const PNG_KEEP = new Set([
	'IHDR',
	'PLTE',
	'IDAT',
	'IEND',
	'tRNS',
	'gAMA',
	'cHRM',
	'sRGB',
	'pHYs',
	'sBIT',
	'bKGD'
]);

export function stripPngMetadata(data: Uint8Array): Uint8Array {
	const parts: Uint8Array[] = [data.subarray(0, 8)];
	const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
	let i = 8;
	while (i + 12 <= data.length) {
		const length = view.getUint32(i);
		const type = String.fromCharCode(...data.subarray(i + 4, i + 8));
		const end = i + 12 + length;
		if (end > data.length) throw new Error('corrupt');
		if (PNG_KEEP.has(type)) parts.push(data.subarray(i, end));
		i = end;
		if (type === 'IEND') return concat(parts);
	}
	throw new Error('corrupt');
}

export function stripWebpMetadata(data: Uint8Array): Uint8Array {
	const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
	// the RIFF size says where the image ends: what follows (a polyglot's appendix) is no chunk of it
	const riffEnd = view.getUint32(4, true) + 8;
	if (riffEnd > data.length) throw new Error('corrupt');
	const chunks: Uint8Array[] = [];
	let i = 12;
	while (i + 8 <= riffEnd) {
		const type = String.fromCharCode(...data.subarray(i, i + 4));
		const size = view.getUint32(i + 4, true);
		const end = i + 8 + size + (size % 2);
		if (i + 8 + size > riffEnd) throw new Error('corrupt');
		if (type !== 'EXIF' && type !== 'XMP ') {
			const chunk = data.slice(i, Math.min(end, riffEnd));
			// VP8X flags: clear the EXIF (0x08) and XMP (0x04) bits.
			if (type === 'VP8X') chunk[8] &= ~0x0c;
			chunks.push(chunk);
		}
		i = end;
	}
	const bodyLength = chunks.reduce((n, c) => n + c.length, 0);
	const header = new Uint8Array(12);
	header.set(data.subarray(0, 12));
	new DataView(header.buffer).setUint32(4, bodyLength + 4, true);
	return concat([header, ...chunks]);
}

function concat(parts: Uint8Array[]): Uint8Array {
	const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	let o = 0;
	for (const p of parts) {
		out.set(p, o);
		o += p.length;
	}
	return out;
}

/** The image without metadata; throws when its structure cannot be read. */
export function stripImageMetadata(data: Uint8Array, type: ImageType): Uint8Array {
	if (type === 'image/jpeg') return stripJpegMetadata(data);
	if (type === 'image/png') return stripPngMetadata(data);
	return stripWebpMetadata(data);
}

export type CleanImage =
	| { ok: true; data: Uint8Array; contentType: ImageType; extension: 'jpg' | 'png' | 'webp' }
	| { ok: false; code: 'type' | 'corrupt' };

/** The one way an uploaded image is taken: its type read from the bytes, its metadata removed. */
export function cleanImage(data: Uint8Array): CleanImage {
	const contentType = detectImageType(data);
	if (!contentType) return { ok: false, code: 'type' };
	try {
		const clean = stripImageMetadata(data, contentType);
		const extension = contentType === 'image/jpeg' ? 'jpg' : contentType === 'image/png' ? 'png' : 'webp';
		return { ok: true, data: clean, contentType, extension };
	} catch {
		return { ok: false, code: 'corrupt' };
	}
}
