// A municipality's own DOCX template with placeholders (docxtemplater + pizzip). A DOCX is a ZIP: the
// upload is checked by content (ZIP signature, [Content_Types].xml and word/document.xml present),
// by size, and unpacked with limits (entries, total unpacked size) before docxtemplater sees it.
import Docxtemplater from 'docxtemplater';
import { unzipSync } from 'fflate';
import PizZip from 'pizzip';

export const TEMPLATE_MAX_BYTES = 2 * 1024 * 1024;
const MAX_ENTRIES = 500;
const MAX_UNPACKED = 30 * 1024 * 1024;

export type TemplateCheck = 'too_large' | 'not_docx' | 'zip_bomb' | 'bad_placeholders';

export function checkTemplate(bytes: Uint8Array): TemplateCheck | null {
	if (bytes.length > TEMPLATE_MAX_BYTES) return 'too_large';
	if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b || bytes[2] !== 0x03 || bytes[3] !== 0x04)
		return 'not_docx';
	let entries = 0;
	let unpacked = 0;
	let bomb = false;
	try {
		// the filter sees each entry's declared size before anything is inflated
		const files = unzipSync(bytes, {
			filter: (file) => {
				entries++;
				unpacked += file.originalSize;
				if (entries > MAX_ENTRIES || unpacked > MAX_UNPACKED) bomb = true;
				return !bomb && (file.name === '[Content_Types].xml' || file.name === 'word/document.xml');
			}
		});
		if (bomb) return 'zip_bomb';
		if (!files['[Content_Types].xml'] || !files['word/document.xml']) return 'not_docx';
		const real = Object.values(files).reduce((a, f) => a + f.length, 0);
		if (real > MAX_UNPACKED) return 'zip_bomb';
	} catch {
		return bomb ? 'zip_bomb' : 'not_docx';
	}
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
