import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
	reprojectGeometry,
	resolveCrsName,
	resolvePrj,
	toWgs84,
	withinGermany
} from '../../../src/lib/geo/projection';

// Reference coordinates computed independently with PROJ's cs2cs (EPSG definitions) for two
// landmarks: Berlin (13.409444 E, 52.520833 N) and Essen (7.0116 E, 51.4556 N).
const BERLIN = [13.409444, 52.520833];
const ESSEN = [7.0116, 51.4556];
const REFERENCE: { epsg: number; xy: [number, number]; wgs84: number[] }[] = [
	{ epsg: 25833, xy: [392082.806, 5820158.154], wgs84: BERLIN },
	{ epsg: 5650, xy: [33392082.806, 5820158.154], wgs84: BERLIN },
	{ epsg: 31468, xy: [4595771.622, 5821791.049], wgs84: BERLIN },
	{ epsg: 25832, xy: [361851.811, 5702366.526], wgs84: ESSEN },
	{ epsg: 4647, xy: [32361851.811, 5702366.526], wgs84: ESSEN },
	{ epsg: 31466, xy: [2570356.489, 5702818.645], wgs84: ESSEN }
];

/** Distance in metres between two WGS84 positions (equirectangular; fine at these distances). */
function metres(a: number[], b: number[]): number {
	const dLat = (a[1] - b[1]) * 111_320;
	const dLon = (a[0] - b[0]) * 111_320 * Math.cos((a[1] * Math.PI) / 180);
	return Math.hypot(dLat, dLon);
}

describe('reprojection to WGS84', () => {
	for (const { epsg, xy, wgs84 } of REFERENCE) {
		it(`EPSG:${epsg} lands within 3 m of PROJ's answer`, () => {
			const crs = resolveCrsName(`urn:ogc:def:crs:EPSG::${epsg}`);
			expect(crs.ok).toBe(true);
			if (!crs.ok) return;
			expect(metres(toWgs84(crs.definition)(xy), wgs84)).toBeLessThan(3);
		});
	}

	it('Gauss-Krüger without the DHDN datum shift would be off by more than 100 m', () => {
		const noShift = '+proj=tmerc +lat_0=0 +lon_0=12 +k=1 +x_0=4500000 +y_0=0 +ellps=bessel +units=m +no_defs';
		expect(metres(toWgs84(noShift)([4595771.622, 5821791.049]), BERLIN)).toBeGreaterThan(100);
	});

	it('reprojects every position of a polygon and keeps its shape', () => {
		const polygon = {
			type: 'Polygon',
			coordinates: [
				[
					[392082.806, 5820158.154],
					[392182.806, 5820158.154],
					[392182.806, 5820258.154],
					[392082.806, 5820158.154]
				]
			]
		};
		const crs = resolveCrsName('EPSG:25833');
		if (!crs.ok) throw new Error('EPSG:25833 must be known');
		const result = reprojectGeometry(polygon, toWgs84(crs.definition));
		const ring = (result.coordinates as number[][][])[0];
		expect(ring).toHaveLength(4);
		expect(metres(ring[0], BERLIN)).toBeLessThan(3);
		expect(metres(ring[0], ring[1])).toBeCloseTo(100, -1);
		expect(ring[0]).toEqual(ring[3]);
	});
});

// Generated once with PROJ (gdaltransform) by scripts/geo/make-projection-reference.sh.
const PROJ_REFERENCE: { label: string; wkt: string; xy: [number, number]; wgs84: [number, number] }[] =
	JSON.parse(
		fs.readFileSync(path.resolve(__dirname, '../../fixtures/generated/projection-reference.json'), 'utf8')
	);

describe('a .prj with its own parameters, against PROJ', () => {
	for (const { label, wkt, xy, wgs84 } of PROJ_REFERENCE) {
		// DHDN: PROJ picks a datum shift by region (in the west another Helmert set than EPSG:1777,
		// 1.6 m apart at Essen); both are 1–3 m approximations of BeTA2007. Everything else: 1 m.
		const tolerance = label.includes('DHDN') ? 2 : 1;
		it(`${label}: within ${tolerance} m of PROJ`, () => {
			const crs = resolvePrj(wkt);
			expect(crs.ok, label).toBe(true);
			if (!crs.ok) return;
			const off = metres(toWgs84(crs.definition)(xy), wgs84);
			expect(off).toBeLessThan(tolerance);
		});
	}

	it('reads the false-easting-2,500,000 case of issue 8, which a list of EPSG codes refused', () => {
		const { wkt, xy } = PROJ_REFERENCE.find((c) => c.label.includes('2,500,000'))!;
		const crs = resolvePrj(wkt);
		expect(crs).toMatchObject({ ok: true, epsg: null, name: 'ETRS89_TM_9_FE_2500000' });
		if (!crs.ok) return;
		const [lon, lat] = toWgs84(crs.definition)(xy);
		expect(withinGermany([lon, lat, lon, lat])).toBe(true);
	});

	it('adds the DHDN datum shift an ESRI .prj leaves out (else 100–150 m off)', () => {
		const { wkt, xy, wgs84 } = PROJ_REFERENCE.find((c) =>
			c.label.startsWith('ESRI DHDN Gauss-Krüger zone 4')
		)!;
		const crs = resolvePrj(wkt);
		if (!crs.ok) throw new Error('must resolve');
		expect(metres(toWgs84(crs.definition)(xy), wgs84)).toBeLessThan(1);
		expect(metres(toWgs84(wkt)(xy), wgs84)).toBeGreaterThan(100);
	});

	it('EPSG names resolve from the generated table', () => {
		expect(resolvePrj('EPSG:25833')).toMatchObject({ ok: true, epsg: 25833 });
		expect(resolveCrsName('urn:ogc:def:crs:EPSG::3068')).toMatchObject({
			ok: true,
			name: 'DHDN / Soldner Berlin'
		});
		expect(resolveCrsName('urn:ogc:def:crs:OGC:1.3:CRS84')).toMatchObject({ ok: true, epsg: 4326 });
	});
});

describe('recognising a CRS', () => {
	const esriUtm33 =
		'PROJCS["ETRS_1989_UTM_Zone_33N",GEOGCS["GCS_ETRS_1989",DATUM["D_ETRS_1989",SPHEROID["GRS_1980",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",15.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
	const esriGk4 =
		'PROJCS["DHDN_3_Degree_Gauss_Zone_4",GEOGCS["GCS_Deutsches_Hauptdreiecksnetz",DATUM["D_Deutsches_Hauptdreiecksnetz",SPHEROID["Bessel_1841",6377397.155,299.1528128]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",4500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",12.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
	const esriUtm32Prefixed = esriUtm33
		.replace('Zone_33N', 'Zone_32N_zE-N')
		.replace('"False_Easting",500000.0', '"False_Easting",32500000.0')
		.replace('"Central_Meridian",15.0', '"Central_Meridian",9.0');
	const ogcWithAuthority =
		'PROJCS["ETRS89 / UTM zone 32N",GEOGCS["ETRS89",DATUM["European_Terrestrial_Reference_System_1989",SPHEROID["GRS 1980",6378137,298.257222101,AUTHORITY["EPSG","7019"]],AUTHORITY["EPSG","6258"]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433],AUTHORITY["EPSG","4258"]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",9],PARAMETER["scale_factor",0.9996],PARAMETER["false_easting",500000],PARAMETER["false_northing",0],UNIT["metre",1],AUTHORITY["EPSG","25832"]]';

	it('reads ESRI and OGC .prj files', () => {
		// Read with their own parameters; named after the EPSG entry they equal (for the planner and the log)
		expect(resolvePrj(esriUtm33)).toMatchObject({ ok: true, epsg: 25833, name: 'ETRS89 / UTM zone 33N' });
		expect(resolvePrj(esriGk4)).toMatchObject({ ok: true, epsg: 31468 });
		expect(resolvePrj(esriUtm32Prefixed)).toMatchObject({ ok: true, epsg: 4647 });
		// A WGS 84 UTM .prj is not called ETRS89, although both give the same coordinates
		expect(
			resolvePrj(esriUtm33.replace(/ETRS_1989/g, 'WGS_1984').replace('GRS_1980', 'WGS_1984'))
		).toMatchObject({ ok: true, epsg: 32633 });
		expect(resolvePrj(ogcWithAuthority)).toMatchObject({ ok: true, epsg: 25832 });
		expect(
			resolvePrj('GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]]]')
		).toMatchObject({ ok: true, epsg: 4326 });
	});

	it('refuses what it does not know instead of guessing', () => {
		expect(resolvePrj('')).toEqual({ ok: false, code: 'unknown_crs' });
		expect(resolvePrj(undefined)).toEqual({ ok: false, code: 'unknown_crs' });
		expect(resolvePrj('PROJCS["Lambert",PROJECTION["Lambert_Conformal_Conic"]]')).toEqual({
			ok: false,
			code: 'unknown_crs'
		});
		expect(resolveCrsName('EPSG:2056')).toEqual({ ok: false, code: 'unknown_crs' });
		expect(resolveCrsName(undefined)).toMatchObject({ ok: true, epsg: 4326 });
	});

	it('tells whether a result lies in Germany', () => {
		expect(withinGermany([13.0, 52.3, 13.8, 52.7])).toBe(true);
		// UTM metres read as degrees, or a swapped axis order, fall outside
		expect(withinGermany([52.3, 13.0, 52.7, 13.8])).toBe(false);
		expect(withinGermany([-3, 40, -2, 41])).toBe(false);
	});
});
