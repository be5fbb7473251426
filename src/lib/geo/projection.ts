// Coordinate reference systems German statistics offices deliver, and reprojection to WGS84.
// Gauss-Krüger (DHDN) needs the datum shift (towgs84) or shapes land 100–150 m off; ESRI .prj files
// usually omit it, so known systems are recognised and mapped to complete proj4 definitions.
import proj4 from 'proj4';

const DHDN_TOWGS84 = '+towgs84=598.1,73.7,418.2,0.202,0.045,-2.455,6.7';

function gaussKrueger(zone: number): string {
	return `+proj=tmerc +lat_0=0 +lon_0=${zone * 3} +k=1 +x_0=${zone * 1_000_000 + 500_000} +y_0=0 +ellps=bessel ${DHDN_TOWGS84} +units=m +no_defs`;
}

function utm(zone: number, zonePrefixedEasting: boolean): string {
	const falseEasting = zonePrefixedEasting ? zone * 1_000_000 + 500_000 : 500_000;
	return `+proj=tmerc +lat_0=0 +lon_0=${zone * 6 - 183} +k=0.9996 +x_0=${falseEasting} +y_0=0 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs`;
}

/** EPSG codes we know, with complete definitions (datum shift included). */
export const KNOWN_CRS: Record<number, { name: string; proj4: string }> = {
	4326: { name: 'WGS 84', proj4: '+proj=longlat +datum=WGS84 +no_defs' },
	4258: { name: 'ETRS89', proj4: '+proj=longlat +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +no_defs' },
	4314: { name: 'DHDN', proj4: `+proj=longlat +ellps=bessel ${DHDN_TOWGS84} +no_defs` },
	3857: {
		name: 'WGS 84 / Pseudo-Mercator',
		proj4:
			'+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +no_defs'
	},
	25832: { name: 'ETRS89 / UTM zone 32N', proj4: utm(32, false) },
	25833: { name: 'ETRS89 / UTM zone 33N', proj4: utm(33, false) },
	4647: { name: 'ETRS89 / UTM zone 32N (zE-N)', proj4: utm(32, true) },
	5650: { name: 'ETRS89 / UTM zone 33N (zE-N)', proj4: utm(33, true) },
	31466: { name: 'DHDN / 3-degree Gauss-Kruger zone 2', proj4: gaussKrueger(2) },
	31467: { name: 'DHDN / 3-degree Gauss-Kruger zone 3', proj4: gaussKrueger(3) },
	31468: { name: 'DHDN / 3-degree Gauss-Kruger zone 4', proj4: gaussKrueger(4) },
	31469: { name: 'DHDN / 3-degree Gauss-Kruger zone 5', proj4: gaussKrueger(5) }
};

export type CrsResolution =
	{ ok: true; epsg: number; name: string; proj4: string } | { ok: false; code: 'unknown_crs' };

function known(epsg: number): CrsResolution {
	const crs = KNOWN_CRS[epsg];
	return crs ? { ok: true, epsg, ...crs } : { ok: false, code: 'unknown_crs' };
}

/** From a GeoJSON `crs.properties.name` such as "urn:ogc:def:crs:EPSG::25833" or "EPSG:25833". */
export function resolveCrsName(name: string | null | undefined): CrsResolution {
	if (!name) return known(4326); // RFC 7946: GeoJSON without crs is WGS84
	if (/CRS84$/i.test(name)) return known(4326);
	const match = /EPSG:{1,2}(\d+)$/i.exec(name.trim());
	return match ? known(Number(match[1])) : { ok: false, code: 'unknown_crs' };
}

function parameter(wkt: string, name: string): number | null {
	const match = new RegExp(`PARAMETER\\["${name}",\\s*(-?[\\d.]+)`, 'i').exec(wkt);
	return match ? Number(match[1]) : null;
}

/** From the WKT of a shapefile's .prj (ESRI or OGC flavour). */
export function resolvePrj(wkt: string | null | undefined): CrsResolution {
	if (!wkt || !wkt.trim()) return { ok: false, code: 'unknown_crs' };
	const text = wkt.replace(/\s+/g, ' ');
	const upper = text.toUpperCase();
	// The CRS's own authority is the last one in WKT1 (the outermost element closes last).
	const authorities = [...upper.matchAll(/(?:AUTHORITY|ID)\["EPSG",\s*"?(\d+)"?\]/g)];
	const ownAuthority = authorities.at(-1);
	const projected = upper.startsWith('PROJCS') || upper.startsWith('PROJCRS');
	if (ownAuthority && (projected ? upper.trimEnd().endsWith(']]') : true)) {
		const byCode = known(Number(ownAuthority[1]));
		if (byCode.ok && (projected ? byCode.proj4.includes('+proj=tmerc') || byCode.epsg === 3857 : true))
			return byCode;
	}
	const bessel = /BESSEL|DHDN|DEUTSCHES_HAUPTDREIECKSNETZ|POTSDAM/.test(upper);
	const grs80 = /GRS.?1980|GRS80|ETRS|WGS.?84|WGS_1984/.test(upper);
	if (!projected) {
		if (bessel) return known(4314);
		if (grs80) return known(4326);
		return { ok: false, code: 'unknown_crs' };
	}
	if (/MERCATOR_AUXILIARY_SPHERE|PSEUDO.MERCATOR|POPULAR VISUALISATION/.test(upper)) return known(3857);
	if (!/TRANSVERSE_MERCATOR|TRANSVERSE MERCATOR|GAUSS/.test(upper)) return { ok: false, code: 'unknown_crs' };
	const centralMeridian =
		parameter(text, 'central_meridian') ?? parameter(text, 'Longitude of natural origin');
	const falseEasting = parameter(text, 'false_easting') ?? parameter(text, 'False easting');
	const scale = parameter(text, 'scale_factor') ?? parameter(text, 'Scale factor at natural origin');
	if (centralMeridian === null || falseEasting === null) return { ok: false, code: 'unknown_crs' };
	if (bessel && (scale === null || Math.abs(scale - 1) < 1e-9)) {
		const zone = Math.round(centralMeridian / 3);
		if (zone >= 2 && zone <= 5 && Math.abs(falseEasting - (zone * 1_000_000 + 500_000)) < 1)
			return known(31464 + zone);
		return { ok: false, code: 'unknown_crs' };
	}
	if (grs80 && scale !== null && Math.abs(scale - 0.9996) < 1e-9) {
		const zone = Math.round((centralMeridian + 183) / 6);
		const prefixed = Math.abs(falseEasting - (zone * 1_000_000 + 500_000)) < 1;
		if (zone === 32) return known(prefixed ? 4647 : 25832);
		if (zone === 33) return known(prefixed ? 5650 : 25833);
	}
	return { ok: false, code: 'unknown_crs' };
}

export type Position = number[];
type Coordinates = Position | Coordinates[];

/** Returns a transform [x, y] → [lon, lat] (WGS84) for the given proj4 definition. */
export function toWgs84(proj4Definition: string): (position: Position) => Position {
	if (proj4Definition === KNOWN_CRS[4326].proj4) return (p) => [p[0], p[1]];
	const converter = proj4(proj4Definition, KNOWN_CRS[4326].proj4);
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
