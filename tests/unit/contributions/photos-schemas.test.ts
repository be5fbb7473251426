import { describe, expect, it } from 'vitest';
import { checkPhotos, MAX_PHOTO_BYTES } from '../../../src/lib/server/contributions/photos';
import {
	detectImageType,
	stripJpegMetadata,
	stripPngMetadata,
	stripWebpMetadata
} from '../../../src/lib/server/uploads/images';
import { CreateContributionInput, GeometryField } from '../../../src/lib/server/contributions/schemas';
import { dailyVisitorKey } from '../../../src/lib/server/participation/gate';
import { ReportInput } from '../../../src/lib/server/participation/moderation';

const enc = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array) => new TextDecoder('latin1').decode(b);

function jpeg(): Uint8Array {
	const exif = enc('Exif\0\0GPSLatitude=51.1');
	const com = enc('camera owner');
	return new Uint8Array([
		0xff,
		0xd8,
		0xff,
		0xe0,
		0x00,
		0x07,
		0x4a,
		0x46,
		0x49,
		0x46,
		0x00,
		0xff,
		0xe1,
		0x00,
		exif.length + 2,
		...exif,
		0xff,
		0xfe,
		0x00,
		com.length + 2,
		...com,
		0xff,
		0xda,
		0x00,
		0x02,
		0x11,
		0x22,
		0xff,
		0xd9
	]);
}

function pngChunk(type: string, data: Uint8Array): number[] {
	const len = data.length;
	return [
		(len >>> 24) & 255,
		(len >>> 16) & 255,
		(len >>> 8) & 255,
		len & 255,
		...enc(type),
		...data,
		0,
		0,
		0,
		0
	];
}

function png(): Uint8Array {
	return new Uint8Array([
		0x89,
		0x50,
		0x4e,
		0x47,
		0x0d,
		0x0a,
		0x1a,
		0x0a,
		...pngChunk('IHDR', new Uint8Array(13)),
		...pngChunk('eXIf', enc('GPSLatitude')),
		...pngChunk('tEXt', enc('Author\0Someone')),
		...pngChunk('IDAT', new Uint8Array([1, 2, 3])),
		...pngChunk('IEND', new Uint8Array())
	]);
}

function webpChunk(type: string, data: Uint8Array): number[] {
	const out = [...enc(type), data.length & 255, (data.length >> 8) & 255, 0, 0, ...data];
	if (data.length % 2) out.push(0);
	return out;
}

function webp(): Uint8Array {
	const vp8x = new Uint8Array(10);
	vp8x[0] = 0x08 | 0x04;
	const body = [
		...enc('WEBP'),
		...webpChunk('VP8X', vp8x),
		...webpChunk('VP8 ', new Uint8Array(11)),
		...webpChunk('EXIF', enc('GPSLatitude'))
	];
	const n = body.length;
	return new Uint8Array([...enc('RIFF'), n & 255, (n >> 8) & 255, 0, 0, ...body]);
}

describe('photos', () => {
	it('detects types by content, not by name', () => {
		expect(detectImageType(jpeg())).toBe('image/jpeg');
		expect(detectImageType(png())).toBe('image/png');
		expect(detectImageType(webp())).toBe('image/webp');
		expect(detectImageType(enc('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
		expect(detectImageType(enc('GIF89a......'))).toBeNull();
	});

	it('strips EXIF/GPS and comments from JPEG, keeps JFIF and the image data', () => {
		const out = stripJpegMetadata(jpeg());
		expect(text(out)).not.toContain('GPS');
		expect(text(out)).not.toContain('camera owner');
		expect(text(out)).toContain('JFIF');
		expect([...out.slice(-4)]).toEqual([0x11, 0x22, 0xff, 0xd9]);
		expect(() => stripJpegMetadata(new Uint8Array([0xff, 0xd8, 0x00, 0x00, 0x00]))).toThrow();
	});

	it('strips eXIf/tEXt from PNG and EXIF from WebP (flags cleared, RIFF size fixed)', () => {
		const p = stripPngMetadata(png());
		expect(text(p)).not.toContain('GPS');
		expect(text(p)).not.toContain('Someone');
		expect(text(p)).toContain('IDAT');
		const w = stripWebpMetadata(webp());
		expect(text(w)).not.toContain('GPS');
		expect(text(w)).toContain('VP8 ');
		expect(w[20] & 0x0c).toBe(0);
		expect(new DataView(w.buffer).getUint32(4, true)).toBe(w.length - 8);
	});

	it('checks count, size and alt text', () => {
		const ok = { data: jpeg(), altText: 'Bank' };
		expect(checkPhotos([ok, ok, ok, ok])).toMatchObject({ ok: false, code: 'too_many' });
		expect(checkPhotos([ok, { data: new Uint8Array(MAX_PHOTO_BYTES + 1), altText: 'x' }])).toMatchObject({
			ok: false,
			code: 'too_large',
			index: 1
		});
		expect(checkPhotos([{ data: jpeg(), altText: '  ' }])).toMatchObject({ ok: false, code: 'alt_missing' });
		const r = checkPhotos([ok]);
		expect(r.ok && r.photos[0]).toMatchObject({
			contentType: 'image/jpeg',
			extension: 'jpg',
			altText: 'Bank'
		});
	});
});

describe('schemas', () => {
	it('geometry: Point/LineString/Polygon inside Germany; anything else refused', () => {
		expect(GeometryField.parse(undefined)).toBeNull();
		expect(GeometryField.parse(JSON.stringify({ type: 'Point', coordinates: [7.1, 51.2, 80] }))).toEqual({
			type: 'Point',
			coordinates: [7.1, 51.2]
		});
		expect(GeometryField.safeParse('{nope').success).toBe(false);
		expect(
			GeometryField.safeParse(JSON.stringify({ type: 'Point', coordinates: [2.3, 48.8] })).error?.issues[0]
				.message
		).toBe('contributions.errors.geometryOutside');
		expect(
			GeometryField.safeParse(JSON.stringify({ type: 'MultiPoint', coordinates: [[7, 51]] })).success
		).toBe(false);
		const open = {
			type: 'Polygon',
			coordinates: [
				[
					[7, 51],
					[7.1, 51],
					[7.1, 51.1],
					[7, 51.2]
				]
			]
		};
		expect(GeometryField.safeParse(JSON.stringify(open)).success).toBe(false);
		expect(
			GeometryField.safeParse(
				JSON.stringify({
					type: 'LineString',
					coordinates: [
						[7, 51],
						[7.1, 51]
					]
				})
			).success
		).toBe(true);
	});

	it('body between 3 and 5,000 characters; channels; dates', () => {
		const base = { body: 'abc', areaIds: [] };
		expect(CreateContributionInput.safeParse({ ...base, body: ' a ' }).error?.issues[0].message).toBe(
			'contributions.errors.bodyTooShort'
		);
		expect(CreateContributionInput.safeParse({ ...base, body: 'x'.repeat(5001) }).success).toBe(false);
		expect(CreateContributionInput.parse({ ...base, body: 'x'.repeat(5000) }).channel).toBe('online');
		expect(CreateContributionInput.safeParse({ ...base, channel: 'fax' }).success).toBe(false);
		expect(CreateContributionInput.safeParse({ ...base, collectedOn: '2026-13-01' }).success).toBe(false);
		expect(ReportInput.safeParse({ reason: '' }).success).toBe(false);
	});

	it('the anonymous visitor key changes daily and never contains the address', () => {
		const d1 = new Date('2026-11-23T10:00:00Z');
		const d2 = new Date('2026-11-24T10:00:00Z');
		const k = dailyVisitorKey('s', '203.0.113.5', d1);
		expect(k).toMatch(/^[0-9a-f]{64}$/);
		expect(k).toBe(dailyVisitorKey('s', '203.0.113.5', new Date('2026-11-23T23:00:00Z')));
		expect(k).not.toBe(dailyVisitorKey('s', '203.0.113.5', d2));
		expect(k).not.toBe(dailyVisitorKey('s', '203.0.113.6', d1));
	});
});
