import { crc32 } from 'node:zlib';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readBoundaryFile } from '../../../src/lib/server/imports/boundary-file';
import { listZipEntries, unzipLimited, ZIP_LIMITS } from '../../../src/lib/server/imports/zip';

/**
 * Raw deflate of `zeros` zero bytes, written directly (fixed Huffman: one literal 0, then matches of
 * length 258 at distance 1, 13 bits each), so 1 GB of zeros costs ~7 MB and no gigabyte is ever made.
 */
function deflatedZeros(zeros: number): Uint8Array {
	const matches = Math.floor((zeros - 1) / 258);
	const out = new Uint8Array(Math.ceil((3 + 8 + matches * 13 + 7) / 8) + 1);
	let bit = 0;
	const write = (value: number, bits: number) => {
		for (let i = 0; i < bits; i++, bit++) if ((value >> i) & 1) out[bit >> 3] |= 1 << (bit & 7);
	};
	const huffman = (code: number, bits: number) => {
		for (let i = bits - 1; i >= 0; i--, bit++) if ((code >> i) & 1) out[bit >> 3] |= 1 << (bit & 7);
	};
	write(1, 1); // final block
	write(1, 2); // fixed Huffman
	huffman(0x30, 8); // literal 0
	for (let m = 0; m < matches; m++) {
		huffman(0xc5, 8); // length 258 (code 285)
		huffman(0, 5); // distance 1
	}
	huffman(0, 7); // end of block
	return out.subarray(0, Math.ceil(bit / 8));
}

/** A zip with one deflated entry; `declared` is the uncompressed size the headers claim. */
function zipWith(name: string, deflated: Uint8Array, declared: number): Uint8Array {
	const nameBytes = new TextEncoder().encode(name);
	const local = new Uint8Array(30 + nameBytes.length);
	const lv = new DataView(local.buffer);
	lv.setUint32(0, 0x04034b50, true);
	lv.setUint16(4, 20, true);
	lv.setUint16(8, 8, true);
	lv.setUint32(18, deflated.length, true);
	lv.setUint32(22, declared, true);
	lv.setUint16(26, nameBytes.length, true);
	local.set(nameBytes, 30);
	const central = new Uint8Array(46 + nameBytes.length);
	const cv = new DataView(central.buffer);
	cv.setUint32(0, 0x02014b50, true);
	cv.setUint16(4, 20, true);
	cv.setUint16(6, 20, true);
	cv.setUint16(10, 8, true);
	cv.setUint32(20, deflated.length, true);
	cv.setUint32(24, declared, true);
	cv.setUint16(28, nameBytes.length, true);
	cv.setUint32(42, 0, true);
	central.set(nameBytes, 46);
	const end = new Uint8Array(22);
	const ev = new DataView(end.buffer);
	ev.setUint32(0, 0x06054b50, true);
	ev.setUint16(8, 1, true);
	ev.setUint16(10, 1, true);
	ev.setUint32(12, central.length, true);
	ev.setUint32(16, local.length + deflated.length, true);
	const zip = new Uint8Array(local.length + deflated.length + central.length + end.length);
	zip.set(local, 0);
	zip.set(deflated, local.length);
	zip.set(central, local.length + deflated.length);
	zip.set(end, local.length + deflated.length + central.length);
	return zip;
}

const GB = 1024 * 1024 * 1024;

describe('zip uploads are unpacked with limits', () => {
	it('the hand-made deflate stream is real: a small one inflates to its zeros', () => {
		const zip = zipWith('zeros.bin', deflatedZeros(1 + 258 * 1000), 1 + 258 * 1000);
		const result = unzipLimited(zip);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.files['zeros.bin'].length).toBe(258_001);
		expect(result.files['zeros.bin'].every((b) => b === 0)).toBe(true);
		expect(crc32(result.files['zeros.bin'])).toBe(crc32(new Uint8Array(258_001)));
	});

	const bomb = deflatedZeros(GB);

	it('refuses a zip whose central directory declares 1 GB, before inflating anything', () => {
		expect(bomb.length).toBeLessThan(8 * 1024 * 1024);
		const zip = zipWith('bezirke.dbf', bomb, GB);
		expect(listZipEntries(zip)).toEqual({ ok: false, code: 'zip_too_large', detail: '200' });
		const started = Date.now();
		expect(unzipLimited(zip)).toEqual({ ok: false, code: 'zip_too_large', detail: '200' });
		expect(Date.now() - started).toBeLessThan(1000);
	});

	it('stops a zip that lies about its sizes once 200 MB have come out', async () => {
		const zip = zipWith('bezirke.dbf', bomb, 1000);
		expect(listZipEntries(zip).ok).toBe(true);
		expect(unzipLimited(zip)).toEqual({ ok: false, code: 'zip_too_large', detail: '200' });
		// The boundary reader gives the same answer for a Shapefile upload
		expect(await readBoundaryFile(zip)).toMatchObject({ ok: false, code: 'zip_too_large' });
	}, 30_000); // inflates 2 × 200 MB: a few seconds on a busy machine

	it('refuses too many entries', () => {
		const files: Record<string, Uint8Array> = {};
		for (let i = 0; i <= ZIP_LIMITS.maxEntries; i++) files[`f${i}.txt`] = new Uint8Array(1);
		expect(listZipEntries(zipSync(files))).toEqual({
			ok: false,
			code: 'zip_too_many_entries',
			detail: String(ZIP_LIMITS.maxEntries)
		});
	});

	it('unpacks ordinary zips made by fflate, stored and deflated', () => {
		const text = new TextEncoder().encode('Tempelhof-Schöneberg '.repeat(100));
		const zip = zipSync({ 'a.txt': [text, { level: 0 }], 'dir/b.txt': [text, { level: 9 }] });
		const result = unzipLimited(zip);
		expect(result.ok && Object.keys(result.files)).toEqual(['a.txt', 'dir/b.txt']);
		if (result.ok) expect(result.files['dir/b.txt']).toEqual(text);
	});
});
