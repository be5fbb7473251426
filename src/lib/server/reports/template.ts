// A municipality's own DOCX template with placeholders (docxtemplater + pizzip). A DOCX is a ZIP: the
// upload is checked by content (ZIP signature, [Content_Types].xml and word/document.xml present),
// by size, and unpacked with the imports' zip limits (entries, unpacked bytes counted while inflating)
// before docxtemplater sees it.
import Docxtemplater from 'docxtemplater';
import PizZip from 'pizzip';
import { checkZipLimits, unzipLimited } from '../imports/zip';

export const TEMPLATE_MAX_BYTES = 2 * 1024 * 1024;
const MAX_ENTRIES = 500;
const MAX_UNPACKED = 30 * 1024 * 1024;

export type TemplateCheck = 'too_large' | 'not_docx' | 'zip_bomb' | 'bad_placeholders';

export function checkTemplate(bytes: Uint8Array): TemplateCheck | null {
	if (bytes.length > TEMPLATE_MAX_BYTES) return 'too_large';
	if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b || bytes[2] !== 0x03 || bytes[3] !== 0x04)
		return 'not_docx';
	// the imports' zip reader: entry count and declared sizes first, then every entry inflated with
	// the bytes counted as they come out (a zip may lie about its sizes), keeping nothing
	const limits = { maxEntries: MAX_ENTRIES, maxTotalBytes: MAX_UNPACKED };
	const counted = checkZipLimits(bytes, limits);
	if (!counted.ok) return counted.code === 'unreadable_file' ? 'not_docx' : 'zip_bomb';
	const parts = unzipLimited(
		bytes,
		(name) => name === '[Content_Types].xml' || name === 'word/document.xml',
		limits
	);
	if (!parts.ok) return parts.code === 'unreadable_file' ? 'not_docx' : 'zip_bomb';
	if (!parts.files['[Content_Types].xml'] || !parts.files['word/document.xml']) return 'not_docx';
	try {
		new Docxtemplater(new PizZip(bytes), { paragraphLoop: true, linebreaks: true, errorLogging: false });
	} catch {
		return 'bad_placeholders';
	}
	return null;
}

/** Fills a checked template with the report's data ({title}, {date}, {#areas}{name}{/areas} …). */
export function fillTemplate(bytes: Uint8Array, data: Record<string, unknown>): Uint8Array {
	const doc = new Docxtemplater(new PizZip(bytes), {
		paragraphLoop: true,
		linebreaks: true,
		nullGetter: () => ''
	});
	doc.render(data);
	return new Uint8Array(doc.getZip().generate({ type: 'uint8array', compression: 'DEFLATE' }));
}
