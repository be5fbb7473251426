// The demo city's documentation of the past Planungswerkstatt, generated (no binary files in the repo):
// minutes as a real PDF (pdfkit) and a photo-like PNG of the workshop tables (no people on it).
import { deflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';

export function demoMinutesPdf(input: {
	title: string;
	date: string;
	results: string[];
}): Promise<Uint8Array> {
	return new Promise((resolve, reject) => {
		const doc = new PDFDocument({
			size: 'A4',
			margin: 56,
			info: { Title: `Protokoll: ${input.title}`, Creator: 'Quartierskompass (Demo)' },
			lang: 'de-DE'
		});
		const chunks: Buffer[] = [];
		doc.on('data', (c: Buffer) => chunks.push(c));
		doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
		doc.on('error', reject);
		doc.font('Helvetica-Bold').fontSize(18).text(`Protokoll: ${input.title}`);
		doc.moveDown(0.5).font('Helvetica').fontSize(11).text(`${input.date} · Bürgerhaus Altstadt`);
		doc.text('Anwesend: 5 Personen aus der Nachbarschaft, 2 Personen der Stadtverwaltung');
		doc.moveDown().font('Helvetica-Bold').fontSize(13).text('Ergebnisse der Thementische');
		doc.font('Helvetica').fontSize(11);
		for (const r of input.results) doc.text(`• ${r}`, { indent: 10 });
		doc
			.moveDown()
			.text(
				'Alle Ergebnisse sind als Beiträge (Kanal „Werkstatt“) auf der Karte des Verfahrens eingetragen. ' +
					'Die Stadt antwortet dort auf jeden Beitrag.'
			);
		doc.end();
	});
}

const CRC_TABLE = (() => {
	const t = new Uint32Array(256);
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		t[n] = c >>> 0;
	}
	return t;
})();

function crc32(bytes: Uint8Array): number {
	let c = 0xffffffff;
	for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
	const head = Buffer.alloc(8);
	head.writeUInt32BE(data.length, 0);
	head.write(type, 4, 'latin1');
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
	return Buffer.concat([head, data, crc]);
}

/** A 480×320 RGB PNG: floor, three workshop tables with a map and coloured notes on them. */
export function demoWorkshopPng(width = 480, height = 320): Uint8Array {
	const raw = Buffer.alloc((width * 3 + 1) * height);
	const tables = [
		[40, 60, 150, 120],
		[200, 150, 150, 120],
		[360, 50, 100, 140]
	];
	const notes = [
		[60, 80, [250, 220, 60]],
		[120, 140, [120, 200, 120]],
		[230, 170, [250, 150, 170]],
		[300, 230, [120, 180, 240]],
		[380, 80, [250, 220, 60]],
		[410, 150, [120, 200, 120]]
	] as const;
	// floor first, then the tables with their map lines, then the notes (whole rectangles at once)
	const fill = (
		x0: number,
		y0: number,
		w: number,
		h: number,
		rgb: (x: number, y: number) => readonly number[]
	) => {
		for (let y = Math.max(0, y0); y < Math.min(height, y0 + h); y++) {
			const row = y * (width * 3 + 1) + 1;
			for (let x = Math.max(0, x0); x < Math.min(width, x0 + w); x++) {
				const c = rgb(x, y);
				raw[row + x * 3] = c[0];
				raw[row + x * 3 + 1] = c[1];
				raw[row + x * 3 + 2] = c[2];
			}
		}
	};
	for (let y = 0; y < height; y++) {
		const floor = [196 - (y >> 3), 168 - (y >> 3), 130 - (y >> 4)];
		fill(0, y, width, 1, () => floor); // wooden floor (filter byte 0 stays: none)
	}
	const paper = [245, 245, 240] as const;
	const street = [170, 170, 175] as const;
	for (const [tx, ty, tw, th] of tables)
		fill(tx, ty, tw, th, (x, y) => ((x - tx) % 30 < 2 || (y - ty) % 25 < 2 ? street : paper));
	for (const [nx, ny, c] of notes) fill(nx, ny, 22, 22, () => c);
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(width, 0);
	ihdr.writeUInt32BE(height, 4);
	ihdr[8] = 8; // bit depth
	ihdr[9] = 2; // RGB
	return new Uint8Array(
		Buffer.concat([
			Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
			chunk('IHDR', ihdr),
			chunk('IDAT', deflateSync(raw)),
			chunk('IEND', new Uint8Array(0))
		])
	);
}
