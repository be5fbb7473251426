import fs from 'node:fs';
import path from 'node:path';
import { zipSync, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readBoundaryFile, type BoundaryData } from '../../../src/lib/server/imports/boundary-file';

const SHARED = path.resolve(__dirname, '../../../../shared/fixtures/berlin-mss-2021');
const GENERATED = path.resolve(__dirname, '../../fixtures/generated');
const bytes = (file: string) => new Uint8Array(fs.readFileSync(file));

async function read(file: string): Promise<BoundaryData> {
	const result = await readBoundaryFile(bytes(file));
	if (!result.ok) throw new Error(`${result.code} ${result.detail ?? ''}`);
	return result.data;
}

/** Metres between two WGS84 points (equirectangular, fine for Berlin). */
function metres(a: number[], b: number[]): number {
	return Math.hypot((a[1] - b[1]) * 111_320, (a[0] - b[0]) * 111_320 * Math.cos((a[1] * Math.PI) / 180));
}

describe('boundary files', () => {
	it('reads the Berlin Bezirke GeoJSON (WGS84, no key, only a name)', async () => {
		const data = await read(path.join(SHARED, 'bezirksgrenzen.geojson'));
		expect(data.features).toHaveLength(12);
		expect(data.crs.epsg).toBe(4326);
		expect(data.features.map((f) => f.properties.name)).toContain('Friedrichshain-Kreuzberg');
	});

	it('zipped Shapefiles in UTM 33 and Gauss-Krüger (with the datum shift) land where the WGS84 original is', async () => {
		const original = await read(path.join(SHARED, 'bezirksgrenzen.geojson'));
		// The .prj files are ESRI WKT without an EPSG code: read with their own parameters, named after
		// the EPSG entry they equal.
		for (const [file, epsg, encoding] of [
			['bezirke_utm33_utf8.zip', 25833, 'utf-8'],
			['bezirke_gk4_latin1.zip', 31468, 'windows-1252'],
			['bezirke_gk4_latin1_no_cpg.zip', 31468, 'windows-1252']
		] as const) {
			const data = await read(path.join(GENERATED, file));
			expect(data.crs.epsg).toBe(epsg);
			expect(data.encoding).toBe(encoding);
			expect(data.features.map((f) => f.properties.name).sort()).toEqual(
				original.features.map((f) => f.properties.name).sort()
			);
			// Latin-1 umlauts decoded right
			expect(data.features.map((f) => f.properties.name)).toContain('Tempelhof-Schöneberg');
			expect(metres(data.bbox.slice(0, 2), original.bbox.slice(0, 2))).toBeLessThan(5);
			expect(metres(data.bbox.slice(2), original.bbox.slice(2))).toBeLessThan(5);
		}
	});

	it('refuses a Shapefile without .prj, or with an unknown CRS, with a named reason', async () => {
		expect(await readBoundaryFile(bytes(path.join(GENERATED, 'bezirke_utm33_no_prj.zip')))).toEqual({
			ok: false,
			code: 'missing_prj'
		});
		const files = unzipSync(bytes(path.join(GENERATED, 'bezirke_utm33_utf8.zip')));
		files['bezirke.prj'] = new TextEncoder().encode(
			'PROJCS["Lambert",PROJECTION["Lambert_Conformal_Conic"]]'
		);
		expect(await readBoundaryFile(zipSync(files))).toMatchObject({ ok: false, code: 'unknown_crs' });
		delete files['bezirke.dbf'];
		expect(await readBoundaryFile(zipSync(files))).toMatchObject({
			ok: false,
			code: 'missing_shapefile_part'
		});
	});

	it('refuses shapes that land outside Germany (a CRS that does not match the coordinates)', async () => {
		// Degrees declared as UTM metres: the "reprojected" shapes end up near the equator.
		const original = JSON.parse(fs.readFileSync(path.join(SHARED, 'bezirksgrenzen.geojson'), 'utf8'));
		original.crs = { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::25833' } };
		const result = await readBoundaryFile(new TextEncoder().encode(JSON.stringify(original)));
		expect(result).toMatchObject({ ok: false, code: 'outside_germany' });
	});

	it('refuses GeoJSON with points, or that is not GeoJSON at all', async () => {
		const points = JSON.stringify({
			type: 'FeatureCollection',
			features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [13.4, 52.5] } }]
		});
		expect(await readBoundaryFile(new TextEncoder().encode(points))).toMatchObject({
			ok: false,
			code: 'not_a_polygon',
			feature: 1
		});
		expect(await readBoundaryFile(new TextEncoder().encode('{"type":'))).toEqual({
			ok: false,
			code: 'unreadable_file'
		});
	});
});
