// The content check of files answered to a survey's file question: kind by magic bytes, size, PDF
// without active content (also inside compressed streams), images without metadata or appended data.
import { zlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { checkAnswerFile, pdfHasActiveContent, safeFileName } from '../../../src/lib/server/uploads/files';
import { jpegWithExif } from '../../integration/contributions/fixtures';

const enc = (s: string) => new TextEncoder().encode(s);
const concat = (...parts: Uint8Array[]) => {
	const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	let o = 0;
	for (const p of parts) {
		out.set(p, o);
		o += p.length;
	}
	return out;
};
const pdf = (body: string) =>
	enc(`%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n${body}\ntrailer\n<<>>\n%%EOF\n`);
const latin1 = (b: Uint8Array) => String.fromCharCode(...b);

describe('checkAnswerFile', () => {
	it('accepts a JPEG, drops its EXIF (GPS) and anything appended after the image', () => {
		const polyglot = concat(jpegWithExif(), pdf(''));
		const r = checkAnswerFile(polyglot, ['image', 'pdf'], 1_000_000);
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.file.contentType).toBe('image/jpeg');
		expect(r.file.extension).toBe('jpg');
		const text = latin1(r.file.data);
		expect(text).not.toContain('GPSLatitude');
		expect(text).not.toContain('%PDF');
		expect([...r.file.data.slice(-2)]).toEqual([0xff, 0xd9]);
	});

	it('judges by content: HTML sent as a .jpg is refused, a PDF where only images are allowed too', () => {
		expect(checkAnswerFile(enc('<html><script>alert(1)</script></html>'), ['image', 'pdf'], 1e6)).toEqual({
			ok: false,
			code: 'file_type'
		});
		expect(checkAnswerFile(pdf(''), ['image'], 1e6)).toEqual({ ok: false, code: 'file_type' });
		expect(checkAnswerFile(jpegWithExif(), ['pdf'], 1e6)).toEqual({ ok: false, code: 'file_type' });
	});

	it('refuses too large and empty files', () => {
		expect(checkAnswerFile(jpegWithExif(), ['image'], 10)).toEqual({ ok: false, code: 'file_too_large' });
		expect(checkAnswerFile(new Uint8Array(), ['image'], 10)).toEqual({ ok: false, code: 'file_empty' });
	});

	it('accepts a plain PDF, refuses one with JavaScript, a launch action or without its end', () => {
		const plain = pdf('2 0 obj\n<< /Type /Page >>\nendobj');
		expect(checkAnswerFile(plain, ['pdf'], 1e6)).toMatchObject({
			ok: true,
			file: { contentType: 'application/pdf' }
		});
		for (const active of [
			'<< /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>',
			'<< /S /Launch /F (cmd.exe) >>',
			'<< /S /J#61vaScript >>',
			'<< /Names << /EmbeddedFiles 3 0 R >> >>'
		])
			expect(checkAnswerFile(pdf(active), ['pdf'], 1e6)).toEqual({ ok: false, code: 'file_unsafe' });
		expect(checkAnswerFile(enc('%PDF-1.4\n1 0 obj'), ['pdf'], 1e6)).toEqual({
			ok: false,
			code: 'file_corrupt'
		});
	});

	it('finds JavaScript hidden in a compressed object stream, but not "/JSON" text', () => {
		const hidden = zlibSync(enc('<< /S /JavaScript /JS (x) >>'));
		const withStream = concat(
			enc('%PDF-1.5\n4 0 obj\n<< /Type /ObjStm /Filter /FlateDecode /Length 9 >>\nstream\n'),
			hidden,
			enc('\nendstream\nendobj\n%%EOF\n')
		);
		expect(pdfHasActiveContent(withStream)).toBe(true);
		expect(pdfHasActiveContent(pdf('<< /JSONData 1 >>'))).toBe(false);
	});

	it('refuses a damaged image', () => {
		const broken = jpegWithExif().slice(0, 30);
		expect(checkAnswerFile(broken, ['image'], 1e6)).toEqual({ ok: false, code: 'file_corrupt' });
	});
});

describe('safeFileName', () => {
	it('keeps the last path segment, drops markup characters, sets the extension by content', () => {
		expect(safeFileName('C:\\Users\\x\\Foto vom Platz.JPG', 'jpg', 'datei-1')).toBe('Foto vom Platz.jpg');
		expect(safeFileName('<script>.png', 'pdf', 'datei-1')).toBe('script.pdf');
		expect(safeFileName('.jpg', 'jpg', 'datei-2')).toBe('datei-2.jpg');
		expect(safeFileName('a'.repeat(300), 'pdf', 'd').length).toBe(124);
	});
});
