// Reads area boundaries from GeoJSON, a zipped Shapefile (.shp/.dbf/.prj[/.cpg]) or a GeoPackage layer in
// the CRS the file states, reprojected to WGS84. Refuses files whose CRS is missing or unknown, or which land outside
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
import { looksLikeSqlite, readGeoPackage } from './geopackage';
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

/** Character sets a .dbf may be read in (the planner can override the guess). */
export const DBF_ENCODINGS = ['utf-8', 'windows-1252', 'iso-8859-15'] as const;
export type DbfEncoding = (typeof DBF_ENCODINGS)[number];

export interface BoundaryReadOptions {
	/** GeoPackage: the layer to read (default: the first polygon layer by name). */
	layer?: string;
	/** Shapefile: the .dbf character set, overriding .cpg and the guess. */
	encoding?: DbfEncoding;
}

export interface BoundaryData {
	format: 'geojson' | 'shapefile' | 'geopackage';
	crs: { epsg: number | null; name: string };
	encoding: string | null;
	/** How the encoding was found: stated in .cpg, guessed from the bytes, or chosen by the planner. */
	encodingSource: 'cpg' | 'guessed' | 'chosen' | null;
	/** GeoPackage: all feature layers, and the one read. */
	layers: string[];
	layer: string | null;
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
	| 'outside_germany'
	| 'gpkg_no_layers'
	| 'gpkg_unknown_layer';

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

/**
 * A .dbf without .cpg: UTF-8 when its bytes 0x80–0xFF all form valid UTF-8 sequences, Windows-1252
 * (the dBase default in Germany) as soon as one does not. Pure ASCII reads the same either way.
 */
export function guessDbfEncoding(dbf: Uint8Array): { encoding: DbfEncoding; utf8: number; invalid: number } {
	const headerLength = dbf.length >= 10 ? dbf[8] | (dbf[9] << 8) : 0;
	let utf8 = 0;
	let invalid = 0;
	for (let i = Math.min(headerLength, dbf.length); i < dbf.length; i++) {
		const b = dbf[i];
		if (b < 0x80) continue;
		const length = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
		let valid = length > 0 && i + length <= dbf.length;
		for (let k = 1; valid && k < length; k++) valid = (dbf[i + k] & 0xc0) === 0x80;
		if (valid) {
			utf8++;
			i += length - 1;
		} else invalid++;
	}
	return { encoding: invalid > 0 ? 'windows-1252' : 'utf-8', utf8, invalid };
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
	extra: Pick<BoundaryData, 'encoding' | 'encodingSource' | 'layers' | 'layer'>
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
		data: { format, crs: { epsg: crs.epsg, name: crs.name }, ...extra, propertyNames, features, bbox }
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
	return finish(json.features, crs, 'geojson', {
		encoding: 'utf-8',
		encodingSource: null,
		layers: [],
		layer: null
	});
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

async function readZippedShapefile(bytes: Uint8Array, options: BoundaryReadOptions): Promise<BoundaryResult> {
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
	const stated = cpgToEncoding(cpg ? new TextDecoder().decode(cpg) : undefined);
	const encoding = options.encoding ?? stated ?? guessDbfEncoding(dbf).encoding;
	const encodingSource = options.encoding ? 'chosen' : stated ? 'cpg' : 'guessed';
	let raw: RawFeature[];
	try {
		raw = await readShapes(shp, dbf, encoding);
	} catch (e) {
		return { ok: false, code: 'unreadable_file', detail: (e as Error).message };
	}
	return finish(raw, crs, 'shapefile', { encoding, encodingSource, layers: [], layer: null });
}

async function readGeoPackageFile(bytes: Uint8Array, options: BoundaryReadOptions): Promise<BoundaryResult> {
	const gpkg = await readGeoPackage(bytes, options.layer);
	if (!gpkg.ok) return gpkg;
	const crs = resolvePrj(gpkg.crs);
	if (!crs.ok) return { ok: false, code: 'unknown_crs', detail: (gpkg.crs ?? '').slice(0, 80) };
	return finish(gpkg.features, crs, 'geopackage', {
		encoding: 'utf-8',
		encodingSource: null,
		layers: gpkg.layers.map((l) => l.name),
		layer: gpkg.layer.name
	});
}

export async function readBoundaryFile(
	bytes: Uint8Array,
	options: BoundaryReadOptions = {}
): Promise<BoundaryResult> {
	if (looksLikeXlsx(bytes)) return readZippedShapefile(bytes, options); // ZIP signature: a zipped Shapefile
	if (looksLikeSqlite(bytes)) return readGeoPackageFile(bytes, options);
	const text = new TextDecoder().decode(bytes[0] === 0xef && bytes[1] === 0xbb ? bytes.subarray(3) : bytes);
	return readGeoJson(text);
}
