// Files answered to a survey's file question: the kind is read from the bytes (magic bytes), never from
// the name or the browser's MIME claim. Images lose their metadata (EXIF with GPS, XMP, comments) and
// anything after the image's end (a JPEG with a ZIP or PDF appended is a polyglot); a PDF must start with
// "%PDF-" and carry no JavaScript, launch action or embedded file — also not inside compressed streams.
import { unzlibSync } from 'fflate';
import { cleanImage, detectImageType, type ImageType } from './images';

export type FileKind = 'image' | 'pdf';
export type FileCheckError = 'file_type' | 'file_too_large' | 'file_unsafe' | 'file_corrupt' | 'file_empty';

export interface CheckedFile {
	data: Uint8Array;
	contentType: ImageType | 'application/pdf';
	extension: 'jpg' | 'png' | 'webp' | 'pdf';
}

const PDF_SIGNATURE = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
/** PDF names that run something or carry another file. `/JS` must end there (not `/JSON…`). */
const PDF_ACTIVE =
	/\/(?:JavaScript|JS|Launch|EmbeddedFiles?|RichMedia|XFA|SubmitForm|ImportData)(?![A-Za-z0-9])/;
/** A name may be written with #xx escapes (/J#61vaScript); those are decoded before the check. */
const hexEscape = /#([0-9A-Fa-f]{2})/g;

function latin1(data: Uint8Array): string {
	let s = '';
	for (let i = 0; i < data.length; i += 0x8000)
		s += String.fromCharCode(...data.subarray(i, Math.min(i + 0x8000, data.length)));
	return s;
}

function hasActiveContent(text: string): boolean {
	return PDF_ACTIVE.test(text.replace(hexEscape, (_, h: string) => String.fromCharCode(parseInt(h, 16))));
}

/** True when the PDF (or one of its Flate-compressed streams, e.g. object streams) names active content. */
export function pdfHasActiveContent(data: Uint8Array): boolean {
	const text = latin1(data);
	if (hasActiveContent(text)) return true;
	const stream = /stream\r?\n/g;
	let m: RegExpExecArray | null;
	let budget = 50_000_000; // inflated bytes at most (a compression bomb is refused, not expanded)
	while ((m = stream.exec(text))) {
		const start = m.index + m[0].length;
		const end = text.indexOf('endstream', start);
		if (end < 0) break;
		const dict = text.slice(Math.max(0, m.index - 400), m.index);
		if (/\/FlateDecode/.test(dict.slice(dict.lastIndexOf('<<')))) {
			try {
				const inflated = unzlibSync(data.subarray(start, end));
				budget -= inflated.length;
				if (budget < 0) return true;
				if (hasActiveContent(latin1(inflated))) return true;
			} catch {
				// not readable as zlib (another filter, damage): scanned as raw bytes above
			}
		}
		stream.lastIndex = end;
	}
	return false;
}

/** A PDF as we take it: the signature, a complete file (%%EOF at the end), no active content. */
export function checkPdf(
	data: Uint8Array
): { ok: true } | { ok: false; code: 'file_type' | 'file_corrupt' | 'file_unsafe' } {
	if (!PDF_SIGNATURE.every((b, i) => data[i] === b)) return { ok: false, code: 'file_type' };
	if (!latin1(data.subarray(Math.max(0, data.length - 1024))).includes('%%EOF'))
		return { ok: false, code: 'file_corrupt' };
	if (pdfHasActiveContent(data)) return { ok: false, code: 'file_unsafe' };
	return { ok: true };
}

/** Checks one file against the question's kinds and size; returns the bytes to store. */
export function checkAnswerFile(
	data: Uint8Array,
	accept: readonly FileKind[],
	maxBytes: number
): { ok: true; file: CheckedFile } | { ok: false; code: FileCheckError } {
	if (data.length === 0) return { ok: false, code: 'file_empty' };
	if (data.length > maxBytes) return { ok: false, code: 'file_too_large' };
	if (detectImageType(data)) {
		if (!accept.includes('image')) return { ok: false, code: 'file_type' };
		const image = cleanImage(data);
		if (!image.ok) return { ok: false, code: 'file_corrupt' };
		return {
			ok: true,
			file: { data: image.data, contentType: image.contentType, extension: image.extension }
		};
	}
	if (PDF_SIGNATURE.every((b, i) => data[i] === b)) {
		if (!accept.includes('pdf')) return { ok: false, code: 'file_type' };
		const pdf = checkPdf(data);
		if (!pdf.ok) return pdf;
		return { ok: true, file: { data, contentType: 'application/pdf', extension: 'pdf' } };
	}
	return { ok: false, code: 'file_type' };
}

/**
 * The name to keep: the last path segment, control characters and markup-ish characters removed, at
 * most 120 characters, the extension set to what the content is.
 */
export function safeFileName(name: string, extension: string, fallback: string): string {
	const base = (name.split(/[\\/]/).pop() ?? '')
		.normalize('NFC')
		.replace(/[<>:"|?*]/g, '')
		.replace(/\p{Cc}/gu, '')
		.replace(/\.[A-Za-z0-9]{1,5}$/, '')
		.trim()
		.slice(0, 120);
	return `${base || fallback}.${extension}`;
}
