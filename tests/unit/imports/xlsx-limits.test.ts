// XLSX uploads are zips: a small workbook that expands to far more than any statistics table is
// refused while inflating (bytes counted, none kept), before exceljs unpacks it; a real workbook reads.
import ExcelJS from 'exceljs';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readTable, readXlsx, XLSX_LIMITS } from '../../../src/lib/server/imports/table-file';
import { checkZipLimits } from '../../../src/lib/server/imports/zip';

const limits = { maxTotalBytes: 1024 * 1024, maxEntries: 20 };

/** A workbook-shaped zip whose sheet is `size` bytes of one repeated character. */
function bomb(size: number): Uint8Array {
	return zipSync(
		{
			'[Content_Types].xml': new TextEncoder().encode('<Types/>'),
			'xl/workbook.xml': new TextEncoder().encode('<workbook/>'),
			'xl/worksheets/sheet1.xml': new Uint8Array(size).fill(0x20)
		},
		{ level: 9 }
	);
}

/** Sets the declared uncompressed sizes (central directory and local headers) to 1 KB: a zip that lies. */
function lie(zip: Uint8Array): Uint8Array {
	const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
	for (let i = 0; i + 4 <= zip.length; i++) {
		const sig = view.getUint32(i, true);
		if (sig === 0x04034b50) view.setUint32(i + 22, 1024, true);
		if (sig === 0x02014b50) view.setUint32(i + 24, 1024, true);
	}
	return zip;
}

describe('XLSX unpack limits', () => {
	it('refuses a workbook whose declared sizes exceed the limit', async () => {
		const zip = bomb(4 * 1024 * 1024);
		expect(zip.length).toBeLessThan(64 * 1024);
		expect(await readXlsx(zip, {}, limits)).toEqual({ ok: false, code: 'zip_too_large', detail: '1' });
	});

	it('refuses a workbook that lies about its sizes once the limit has come out of it', async () => {
		const zip = lie(bomb(4 * 1024 * 1024));
		expect(checkZipLimits(zip, { ...limits, maxTotalBytes: 64 * 1024 * 1024 })).toEqual({ ok: true });
		expect(checkZipLimits(zip, limits)).toMatchObject({ ok: false, code: 'zip_too_large' });
		expect(await readXlsx(zip, {}, limits)).toMatchObject({ ok: false, code: 'zip_too_large' });
	});

	it('reads a real workbook under the default limits', async () => {
		const workbook = new ExcelJS.Workbook();
		const sheet = workbook.addWorksheet('Daten');
		sheet.addRow(['Schlüssel', 'Einwohner']);
		sheet.addRow(['01', 1234]);
		sheet.addRow(['02', 567]);
		const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
		expect(checkZipLimits(bytes, XLSX_LIMITS)).toEqual({ ok: true });
		const result = await readTable(bytes);
		if (!result.ok) throw new Error(result.code);
		expect(result.table.rows).toEqual([
			['01', '1234'],
			['02', '567']
		]);
	});
});
