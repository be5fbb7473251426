// Coordinate reference systems and reprojection to WGS84. A .prj (ESRI or OGC WKT) is read by proj4's own
// WKT parser with the file's own parameters, whatever the projection. Our code adds only what the file
// cannot say: the DHDN datum shift when the WKT names DHDN/Potsdam without TOWGS84 (ESRI files never carry
// it; shapes land 100–150 m off without it), EPSG codes from a generated table, and (in withinGermany)
// the plausibility check after reprojection.
import proj4 from 'proj4';
import parseWkt, { type WktDefinition } from 'wkt-parser';
import { EPSG_GERMANY } from './epsg-germany';

/** DHDN → WGS84 (EPSG:1777), the shift PROJ uses for the Gauss-Krüger zones 31466–31469. */
export const DHDN_TOWGS84 = [598.1, 73.7, 418.2, 0.202, 0.045, -2.455, 6.7];
const WGS84 = '+proj=longlat +datum=WGS84 +no_defs';

export type ProjectionDefinition = string | WktDefinition;

export interface ResolvedCrs {
	/** The EPSG code, when the file names one (or it is implied, like WGS84 in GeoJSON); null otherwise. */
	epsg: number | null;
	name: string;
	/** A proj4 string or a parsed WKT definition, ready for toWgs84. */
	definition: ProjectionDefinition;
}

export type CrsResolution = ({ ok: true } & ResolvedCrs) | { ok: false; code: 'unknown_crs' };

export function resolveEpsg(epsg: number): CrsResolution {
	const crs = EPSG_GERMANY[epsg];
	return crs ? { ok: true, epsg, name: crs.name, definition: crs.proj4 } : { ok: false, code: 'unknown_crs' };
}

function epsgFromName(name: string): number | null {
	const match = /^(?:urn:ogc:def:crs:)?EPSG:(?:[\d.]*:)?:?(\d+)$/i.exec(name.trim());
	return match ? Number(match[1]) : null;
}

/** From a GeoJSON `crs.properties.name` such as "urn:ogc:def:crs:EPSG::25833" or "EPSG:25833". */
export function resolveCrsName(name: string | null | undefined): CrsResolution {
	if (!name) return resolveEpsg(4326); // RFC 7946: GeoJSON without crs is WGS84
	if (/CRS:?84$/i.test(name.trim())) return resolveEpsg(4326);
	const epsg = epsgFromName(name);
	if (epsg !== null) return resolveEpsg(epsg);
	if (/^\s*[A-Z]+\[/i.test(name)) return resolvePrj(name); // some writers put WKT there
	return { ok: false, code: 'unknown_crs' };
}

const DHDN_NAME = /DHDN|DEUTSCHES.?HAUPTDREIECKSNETZ|POTSDAM/i;

function datumName(def: WktDefinition): string {
	const geog = (def.GEOGCS ?? def.BASEGEOGCRS) as WktDefinition['GEOGCS'];
	return [def.datumCode, geog?.DATUM?.name, geog?.name, def.name].filter(Boolean).join(' ');
}

/** The EPSG code the WKT gives for the CRS itself (not for its datum or ellipsoid). */
function ownEpsg(def: WktDefinition): number | null {
	const authority = def.AUTHORITY as Record<string, unknown> | undefined;
	const id = def.ID as { EPSG?: unknown } | undefined;
	const code = authority?.EPSG ?? authority?.epsg ?? id?.EPSG;
	return code !== undefined && /^\d+$/.test(String(code)) ? Number(code) : null;
}

// Test points across Germany: a CRS from the file that projects them exactly like an EPSG entry is that entry.
const PROBES = [
	[6.5, 47.8],
	[10.2, 51.3],
	[14.6, 54.4]
];

// Axis-swapped variants (3044 "N-E", 5652 "N-zE", 5676 "E-N") project alike: name the usual code first.
const IDENTIFY_ORDER = Object.entries(EPSG_GERMANY).sort(
	([, a], [, b]) => Number(/\((N-E|N-zE|E-N)\)/.test(a.name)) - Number(/\((N-E|N-zE|E-N)\)/.test(b.name))
);

function datumFamily(name: string): string | null {
	if (DHDN_NAME.test(name)) return 'DHDN';
	if (/ETRS|EUROPEAN.TERRESTRIAL/i.test(name)) return 'ETRS89';
	if (/WGS.?(19)?84/i.test(name)) return 'WGS 84';
	return null;
}

/**
 * Names the file's CRS after the EPSG entry it is equal to (same results within 1 cm, same datum family),
 * for the planner and the import log. Only the name and code: reprojection uses the file's own definition.
 */
function identifyEpsg(def: WktDefinition): { epsg: number; name: string } | null {
	const family = datumFamily(datumName(def));
	let own: proj4.Converter;
	try {
		own = proj4(WGS84, def as never);
	} catch {
		return null;
	}
	const expected = PROBES.map((p) => own.forward(p));
	for (const [code, entry] of IDENTIFY_ORDER) {
		if (family && !entry.name.startsWith(family)) continue;
		const other = proj4(WGS84, entry.proj4);
		const same = PROBES.every((p, i) => {
			const [x, y] = other.forward(p);
			return Math.abs(x - expected[i][0]) < 0.01 && Math.abs(y - expected[i][1]) < 0.01;
		});
		if (same) return { epsg: Number(code), name: entry.name };
	}
	return null;
}

/** From the WKT of a .prj or a GeoPackage's spatial reference (ESRI, OGC WKT1 or WKT2), or an EPSG name. */
export function resolvePrj(wkt: string | null | undefined): CrsResolution {
	const text = wkt?.replace(/^\uFEFF/, '').trim();
	if (!text) return { ok: false, code: 'unknown_crs' };
	const named = epsgFromName(text);
	if (named !== null) return resolveEpsg(named);
	let def: WktDefinition;
	try {
		def = parseWkt(text);
	} catch {
		return { ok: false, code: 'unknown_crs' };
	}
	// Without a datum or ellipsoid the WKT does not say where its coordinates are.
	if (!def || typeof def !== 'object' || !def.projName || (!def.ellps && !def.a && !def.datumCode))
		return { ok: false, code: 'unknown_crs' };
	// Shapefiles, GeoPackages and GeoJSON store easting (longitude) first, whatever AXIS the WKT declares.
	def = { ...def, axis: 'enu' };
	if (DHDN_NAME.test(datumName(def)) && !(def.datum_params && def.datum_params.some((v) => v !== 0)))
		def = { ...def, datum_params: DHDN_TOWGS84 };
	try {
		proj4(def as never, WGS84);
	} catch {
		return { ok: false, code: 'unknown_crs' };
	}
	const stated = ownEpsg(def);
	const known =
		stated !== null && EPSG_GERMANY[stated] ? { epsg: stated, name: EPSG_GERMANY[stated].name } : null;
	const identified = known ?? identifyEpsg(def);
	return {
		ok: true,
		epsg: identified?.epsg ?? stated,
		name: identified?.name ?? def.name ?? def.title ?? 'WKT',
		definition: def
	};
}

export type Position = number[];
type Coordinates = Position | Coordinates[];

/** Returns a transform [x, y] → [lon, lat] (WGS84) for the given proj4 string or parsed WKT. */
export function toWgs84(definition: ProjectionDefinition): (position: Position) => Position {
	if (definition === EPSG_GERMANY[4326].proj4) return (p) => [p[0], p[1]];
	const converter = proj4(definition as string, WGS84);
	return (p) => converter.forward([p[0], p[1]]);
}

function mapCoordinates(coords: Coordinates, fn: (p: Position) => Position): Coordinates {
	return typeof coords[0] === 'number'
		? fn(coords as Position)
		: (coords as Coordinates[]).map((c) => mapCoordinates(c, fn));
}

export interface Geometry {
	type: string;
	coordinates?: unknown;
	geometries?: Geometry[];
}

/** Reprojects any GeoJSON geometry; coordinates rounded to 7 decimals (~1 cm). */
export function reprojectGeometry<G extends Geometry>(geometry: G, transform: (p: Position) => Position): G {
	const round = (p: Position) => p.map((v) => Math.round(v * 1e7) / 1e7);
	if (geometry.type === 'GeometryCollection') {
		return { ...geometry, geometries: geometry.geometries!.map((g) => reprojectGeometry(g, transform)) };
	}
	return {
		...geometry,
		coordinates: mapCoordinates(geometry.coordinates as Coordinates, (p) => round(transform(p)))
	};
}

/** Germany with a margin: a reprojected shape outside this box means a wrong or missing CRS. */
export const GERMANY_BOUNDS = { minLon: 5.5, minLat: 47.0, maxLon: 15.5, maxLat: 55.2 };

export function withinGermany(bbox: [number, number, number, number]): boolean {
	const [minLon, minLat, maxLon, maxLat] = bbox;
	return (
		minLon >= GERMANY_BOUNDS.minLon &&
		maxLon <= GERMANY_BOUNDS.maxLon &&
		minLat >= GERMANY_BOUNDS.minLat &&
		maxLat <= GERMANY_BOUNDS.maxLat
	);
}
