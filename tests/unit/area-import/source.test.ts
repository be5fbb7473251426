import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readAreaSource } from '../../../src/lib/server/area-import';

const read = (path: string) => new Uint8Array(fs.readFileSync(path));

describe('readAreaSource decides by content', () => {
	it('reads a projected zipped Shapefile, the LOR CSV as a table, and the Bezirke GeoJSON', async () => {
		const shp = await readAreaSource(read('tests/fixtures/generated/bezirke_gk4_latin1.zip'));
		expect(
			shp.ok && [shp.source.kind, shp.source.format, shp.source.records.length, shp.source.fields]
		).toEqual(['boundaries', 'shapefile', 12, ['name']]);
		const lor = await readAreaSource(read('/work/shared/fixtures/berlin-mss-2021/LOR_2021.csv'));
		expect(lor.ok).toBe(true);
		if (lor.ok) {
			expect(lor.source.kind).toBe('table');
			expect(lor.source.records).toHaveLength(542);
			expect(lor.source.records[0]).toMatchObject({
				index: 2,
				values: { 'Planungsraum (Nummer)': '01100101' }
			});
		}
		const geojson = await readAreaSource(
			read('/work/shared/fixtures/berlin-mss-2021/bezirksgrenzen.geojson')
		);
		expect(geojson.ok && geojson.source.format).toBe('geojson');
	});

	it('refuses missing .prj, broken GeoJSON, binary junk and empty files with issue codes', async () => {
		expect(await readAreaSource(read('tests/fixtures/generated/bezirke_utm33_no_prj.zip'))).toEqual({
			ok: false,
			issue: { code: 'missing_prj', row: undefined, detail: undefined }
		});
		expect(await readAreaSource(new TextEncoder().encode('{"type": "FeatureCollection", '))).toMatchObject({
			ok: false,
			issue: { code: 'unreadable_file' }
		});
		expect(await readAreaSource(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1]))).toEqual({
			ok: false,
			issue: { code: 'unsupported_file' }
		});
		expect(await readAreaSource(new Uint8Array())).toEqual({ ok: false, issue: { code: 'empty_file' } });
	});
});
