// Reads area boundaries from GeoJSON or a zipped Shapefile (.shp/.dbf/.prj[/.cpg]) in any CRS a German
// office uses, reprojected to WGS84. Refuses files whose CRS is missing or unknown, or which land outside
// Germany after reprojection (a wrong .prj), instead of importing shapes in the wrong place.
import * as shapefile from 'shapefile';
import {
	reprojectGeometry,
	resolveCrsName,
	resolvePrj,
	toWgs84,
	withinGermany,
	type Position,
	type ResolvedCrs
} from '../../geo/projection';
import { looksLikeXlsx } from './table-file';
import { unzipLimited, type ZipErrorCode } from './zip';

export type Properties = Record<string, string | number | boolean | null>;

export interface BoundaryGeometry {
	type: 'Polygon' | 'MultiPolygon';
	coordinates: Position[][] | Position[][][];
}

export interface BoundaryFeature {
	properties: Properties;
	geometry: BoundaryGeometry;
}

export interface BoundaryData {
	format: 'geojson' | 'shapefile';
	crs: { epsg: number | null; name: string };
	encoding: string | null;
	propertyNames: string[];
	features: BoundaryFeature[];
	bbox: [number, number, number, number];
}

export type BoundaryErrorCode =
	| ZipErrorCode
	| 'missing_shapefile_part'
	| 'missing_prj'
	| 'unknown_crs'
	| 'no_polygons'
	| 'not_a_polygon'
	| 'outside_germany';

export type BoundaryResult =
	| { ok: true; data: BoundaryData }
	| { ok: false; code: BoundaryErrorCode; detail?: string; feature?: number };

function cpgToEncoding(cpg: string | undefined): string | null {
	if (!cpg) return null;
	const label = cpg.trim().toUpperCase();
	if (/^(UTF-?8|65001)$/.test(label)) return 'utf-8';
	if (/^(ISO[-_ ]?8859[-_ ]?1|LATIN-?1|1252|CP1252|WINDOWS-1252|ANSI 1252|8859_1)$/.test(label))
		return 'windows-1252';
	if (/^(ISO[-_ ]?8859[-_ ]?15|LATIN-?9)$/.test(label)) return 'iso-8859-15';
	return null;
}

function walkPositions(coords: unknown, visit: (p: Position) => void): void {
	if (Array.isArray(coords) && typeof coords[0] === 'number') visit(coords as Position);
	else if (Array.isArray(coords)) for (const c of coords) walkPositions(c, visit);
}

function bboxOf(features: BoundaryFeature[]): [number, number, number, number] {
	const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
	for (const f of features)
		walkPositions(f.geometry.coordinates, ([x, y]) => {
			if (x < box[0]) box[0] = x;
			if (y < box[1]) box[1] = y;
			if (x > box[2]) box[2] = x;
			if (y > box[3]) box[3] = y;
		});
	return box;
}

type RawFeature = { properties: Properties | null; geometry: { type: string; coordinates?: unknown } | null };

function finish(
	raw: RawFeature[],
	crs: ResolvedCrs,
	format: BoundaryData['format'],
	encoding: string | null
): BoundaryResult {
	if (raw.length === 0) return { ok: false, code: 'no_polygons' };
	const transform = toWgs84(crs.definition);
	const features: BoundaryFeature[] = [];
	for (let i = 0; i < raw.length; i++) {
		const geometry = raw[i].geometry;
		if (!geometry || (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon'))
			return { ok: false, code: 'not_a_polygon', feature: i + 1, detail: geometry?.type ?? 'null' };
		features.push({
			properties: raw[i].properties ?? {},
			geometry: reprojectGeometry(geometry, transform) as BoundaryGeometry
		});
	}
	const bbox = bboxOf(features);
	if (!withinGermany(bbox))
		return { ok: false, code: 'outside_germany', detail: bbox.map((v) => v.toFixed(3)).join(', ') };
	const propertyNames = [...new Set(features.flatMap((f) => Object.keys(f.properties)))];
	return {
		ok: true,
		data: { format, crs: { epsg: crs.epsg, name: crs.name }, encoding, propertyNames, features, bbox }
	};
}

function readGeoJson(text: string): BoundaryResult {
	let json: { type?: string; crs?: { properties?: { name?: string } }; features?: RawFeature[] };
	try {
		json = JSON.parse(text);
	} catch {
		return { ok: false, code: 'unreadable_file' };
	}
	if (json.type !== 'FeatureCollection' || !Array.isArray(json.features))
		return { ok: false, code: 'unreadable_file' };
	const crs = resolveCrsName(json.crs?.properties?.name);
	if (!crs.ok) return { ok: false, code: 'unknown_crs', detail: json.crs?.properties?.name };
	return finish(json.features, crs, 'geojson', 'utf-8');
}

async function readShapes(shp: Uint8Array, dbf: Uint8Array, encoding: string): Promise<RawFeature[]> {
	const source = await shapefile.open(shp.slice().buffer, dbf.slice().buffer, { encoding });
	const features: RawFeature[] = [];
	for (let r = await source.read(); !r.done; r = await source.read()) {
		const properties: Properties = {};
		for (const [k, v] of Object.entries(r.value.properties ?? {})) {
			properties[k] = typeof v === 'string' ? v.trim() : (v as Properties[string]);
		}
		features.push({ properties, geometry: r.value.geometry as RawFeature['geometry'] });
	}
	return features;
}

async function readZippedShapefile(bytes: Uint8Array): Promise<BoundaryResult> {
	// Only the Shapefile's parts are unpacked (other entries still count towards the entry limit).
	const unzipped = unzipLimited(bytes, (name) => /\.(shp|dbf|prj|cpg)$/i.test(name));
	if (!unzipped.ok) return unzipped;
	const files = unzipped.files;
	const byExt = (ext: string) => {
		const name = Object.keys(files).find((n) => n.toLowerCase().endsWith(ext) && !n.startsWith('__MACOSX/'));
		return name ? files[name] : undefined;
	};
	const shp = byExt('.shp');
	const dbf = byExt('.dbf');
	if (!shp || !dbf) return { ok: false, code: 'missing_shapefile_part', detail: !shp ? '.shp' : '.dbf' };
	const prjBytes = byExt('.prj');
	if (!prjBytes) return { ok: false, code: 'missing_prj' };
	const crs = resolvePrj(new TextDecoder().decode(prjBytes));
	if (!crs.ok)
		return { ok: false, code: 'unknown_crs', detail: new TextDecoder().decode(prjBytes).slice(0, 80) };
	const cpg = byExt('.cpg');
	let encoding = cpgToEncoding(cpg ? new TextDecoder().decode(cpg) : undefined);
	let raw: RawFeature[];
	try {
		if (encoding) raw = await readShapes(shp, dbf, encoding);
		else {
			// No .cpg: UTF-8 if it decodes cleanly, otherwise the dBase default (Windows-1252).
			raw = await readShapes(shp, dbf, 'utf-8');
			encoding = 'utf-8';
			const broken = raw.some((f) =>
				Object.values(f.properties ?? {}).some((v) => typeof v === 'string' && v.includes('\uFFFD'))
			);
			if (broken) {
				raw = await readShapes(shp, dbf, 'windows-1252');
				encoding = 'windows-1252';
			}
		}
	} catch (e) {
		return { ok: false, code: 'unreadable_file', detail: (e as Error).message };
	}
	return finish(raw, crs, 'shapefile', encoding);
}

export async function readBoundaryFile(bytes: Uint8Array): Promise<BoundaryResult> {
	if (looksLikeXlsx(bytes)) return readZippedShapefile(bytes); // ZIP signature: a zipped Shapefile
	const text = new TextDecoder().decode(bytes[0] === 0xef && bytes[1] === 0xbb ? bytes.subarray(3) : bytes);
	return readGeoJson(text);
}
