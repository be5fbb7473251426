// Unpacks uploaded zip files with limits, so a small zip cannot expand into gigabytes ("zip bomb"):
// the entry count and the uncompressed sizes the central directory declares are checked before anything
// is inflated, and the bytes actually produced are counted while inflating (a zip may lie about its sizes).
import { Inflate } from 'fflate';

export const ZIP_LIMITS = {
	/** Uncompressed bytes of all entries together. */
	maxTotalBytes: 200 * 1024 * 1024,
	maxEntries: 1000
};

export type ZipLimits = typeof ZIP_LIMITS;

export interface ZipEntry {
	name: string;
	method: number;
	compressedSize: number;
	uncompressedSize: number;
	localHeaderOffset: number;
}

export type ZipErrorCode = 'unreadable_file' | 'zip_too_large' | 'zip_too_many_entries';

export type ZipListResult =
	{ ok: true; entries: ZipEntry[] } | { ok: false; code: ZipErrorCode; detail?: string };

export type UnzipResult =
	{ ok: true; files: Record<string, Uint8Array> } | { ok: false; code: ZipErrorCode; detail?: string };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const CHUNK = 16 * 1024; // compressed bytes per inflate step: at most ~16 MB of output at a time

const megabytes = (bytes: number) => String(Math.round(bytes / 1024 / 1024));

function tooLarge(limits: ZipLimits) {
	return { ok: false as const, code: 'zip_too_large' as const, detail: megabytes(limits.maxTotalBytes) };
}

/** Reads the central directory (without inflating anything) and checks count and declared sizes. */
export function listZipEntries(bytes: Uint8Array, limits: ZipLimits = ZIP_LIMITS): ZipListResult {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	let eocd = -1;
	for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
		if (view.getUint32(i, true) === EOCD) {
			eocd = i;
			break;
		}
	}
	if (eocd < 0) return { ok: false, code: 'unreadable_file' };
	const count = view.getUint16(eocd + 10, true);
	const cdOffset = view.getUint32(eocd + 16, true);
	// 0xffff / 0xffffffff mean ZIP64: more entries or bytes than any area file needs.
	if (count === 0xffff || count > limits.maxEntries)
		return { ok: false, code: 'zip_too_many_entries', detail: String(limits.maxEntries) };
	if (cdOffset === 0xffffffff) return tooLarge(limits);
	const entries: ZipEntry[] = [];
	const decoder = new TextDecoder();
	let total = 0;
	let p = cdOffset;
	for (let n = 0; n < count; n++) {
		if (p + 46 > bytes.length || view.getUint32(p, true) !== CENTRAL)
			return { ok: false, code: 'unreadable_file' };
		const nameLength = view.getUint16(p + 28, true);
		const entry: ZipEntry = {
			method: view.getUint16(p + 10, true),
			compressedSize: view.getUint32(p + 20, true),
			uncompressedSize: view.getUint32(p + 24, true),
			localHeaderOffset: view.getUint32(p + 42, true),
			name: decoder.decode(bytes.subarray(p + 46, p + 46 + nameLength))
		};
		if (entry.uncompressedSize === 0xffffffff || entry.compressedSize === 0xffffffff) return tooLarge(limits);
		total += entry.uncompressedSize;
		if (total > limits.maxTotalBytes) return tooLarge(limits);
		entries.push(entry);
		p += 46 + nameLength + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
	}
	return { ok: true, entries };
}

class LimitExceeded extends Error {}

/**
 * Checks a zip against the limits by inflating every entry and counting the bytes, keeping none of them
 * (memory stays at one chunk): for readers that unpack the archive themselves (XLSX through exceljs).
 */
export function checkZipLimits(
	bytes: Uint8Array,
	limits: ZipLimits = ZIP_LIMITS
): { ok: true } | { ok: false; code: ZipErrorCode; detail?: string } {
	const result = inflateEntries(bytes, () => true, limits, false);
	return result.ok ? { ok: true } : result;
}

/** Unpacks the entries `keep` selects (all by default), counting the bytes while inflating. */
export function unzipLimited(
	bytes: Uint8Array,
	keep: (name: string) => boolean = () => true,
	limits: ZipLimits = ZIP_LIMITS
): UnzipResult {
	return inflateEntries(bytes, keep, limits, true);
}

function inflateEntries(
	bytes: Uint8Array,
	keep: (name: string) => boolean,
	limits: ZipLimits,
	store: boolean
): UnzipResult {
	const listed = listZipEntries(bytes, limits);
	if (!listed.ok) return listed;
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const files: Record<string, Uint8Array> = {};
	let total = 0;
	try {
		for (const entry of listed.entries) {
			if (entry.name.endsWith('/') || !keep(entry.name)) continue;
			const at = entry.localHeaderOffset;
			if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL)
				return { ok: false, code: 'unreadable_file' };
			const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
			const data = bytes.subarray(start, start + entry.compressedSize);
			if (data.length !== entry.compressedSize) return { ok: false, code: 'unreadable_file' };
			const chunks: Uint8Array[] = [];
			const collect = (chunk: Uint8Array) => {
				total += chunk.length;
				if (total > limits.maxTotalBytes) throw new LimitExceeded();
				if (store) chunks.push(chunk);
			};
			if (entry.method === 0) collect(data.slice());
			else if (entry.method === 8) {
				const inflate = new Inflate((chunk) => collect(chunk));
				if (data.length === 0) inflate.push(new Uint8Array(0), true);
				// Counting only: smaller steps, so each output buffer (up to ~1,000× its input) is small garbage.
				const step = store ? CHUNK : CHUNK / 16;
				for (let i = 0; i < data.length; i += step)
					inflate.push(data.subarray(i, i + step), i + step >= data.length);
			} else return { ok: false, code: 'unreadable_file', detail: `compression ${entry.method}` };
			if (!store) continue;
			const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
			let o = 0;
			for (const c of chunks) {
				out.set(c, o);
				o += c.length;
			}
			files[entry.name] = out;
		}
	} catch (e) {
		if (e instanceof LimitExceeded) return tooLarge(limits);
		return { ok: false, code: 'unreadable_file' };
	}
	return { ok: true, files };
}
