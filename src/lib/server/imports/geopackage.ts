// Reads polygon layers of a GeoPackage (.gpkg, an SQLite file) with sql.js (SQLite as WebAssembly: no
// native build): the feature layers from gpkg_contents, attributes from the layer's table, geometries from
// GeoPackage binary (header + WKB), and the CRS as WKT from gpkg_spatial_ref_sys.
import { createRequire } from 'node:module';
import path from 'node:path';
import initSqlJs, { type SqlJsStatic } from 'sql.js';

export type GpkgValue = string | number | boolean | null;

export interface GpkgLayer {
	name: string;
	geometryColumn: string;
	/** As declared in gpkg_geometry_columns: POLYGON, MULTIPOLYGON, POINT, GEOMETRY, … */
	geometryType: string;
	srsId: number;
}

export interface GpkgFeature {
	properties: Record<string, GpkgValue>;
	geometry: { type: string; coordinates: unknown } | null;
}

export type GpkgResult =
	| {
			ok: true;
			layers: GpkgLayer[];
			layer: GpkgLayer;
			/** WKT from gpkg_spatial_ref_sys, or "EPSG:<code>" when the definition is missing. */
			crs: string | null;
			features: GpkgFeature[];
	  }
	| { ok: false; code: 'unreadable_file' | 'gpkg_no_layers' | 'gpkg_unknown_layer'; detail?: string };

let sqlJs: Promise<SqlJsStatic> | undefined; // the compiled WebAssembly module, loaded once per process

function loadSqlJs(): Promise<SqlJsStatic> {
	const require = createRequire(import.meta.url);
	const dist = path.dirname(require.resolve('sql.js/dist/sql-wasm.wasm'));
	sqlJs ??= initSqlJs({ locateFile: (file: string) => path.join(dist, file) });
	return sqlJs;
}

/** SQLite files start with this 16-byte header; a GeoPackage is one. */
export function looksLikeSqlite(bytes: Uint8Array): boolean {
	const magic = 'SQLite format 3\0';
	if (bytes.length < 100) return false;
	for (let i = 0; i < magic.length; i++) if (bytes[i] !== magic.charCodeAt(i)) return false;
	return true;
}

class WkbReader {
	private view: DataView;
	constructor(
		bytes: Uint8Array,
		private p = 0
	) {
		this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	}
	geometry(): { type: string; coordinates: unknown } {
		const little = this.view.getUint8(this.p) === 1;
		this.p += 1;
		let type = this.view.getUint32(this.p, little);
		this.p += 4;
		// EWKB flags (Z 0x80000000, M 0x40000000, SRID 0x20000000) or ISO codes (1000s = Z, 2000s = M, 3000s = ZM)
		let dims = 2;
		if (type & 0x20000000) this.p += 4;
		if (type & 0x80000000) dims++;
		if (type & 0x40000000) dims++;
		type &= 0x0fffffff;
		if (type >= 1000) {
			dims += type >= 3000 ? 2 : 1;
			type %= 1000;
		}
		const count = () => {
			const n = this.view.getUint32(this.p, little);
			this.p += 4;
			return n;
		};
		const point = () => {
			const x = this.view.getFloat64(this.p, little);
			const y = this.view.getFloat64(this.p + 8, little);
			this.p += 8 * dims;
			return [x, y];
		};
		const ring = () => Array.from({ length: count() }, point);
		const polygon = () => Array.from({ length: count() }, ring);
		if (type === 3) return { type: 'Polygon', coordinates: polygon() };
		if (type === 6) {
			const parts = Array.from({ length: count() }, () => this.geometry());
			if (parts.some((g) => g.type !== 'Polygon')) return { type: 'GeometryCollection', coordinates: [] };
			return { type: 'MultiPolygon', coordinates: parts.map((g) => g.coordinates) };
		}
		const names: Record<number, string> = {
			1: 'Point',
			2: 'LineString',
			4: 'MultiPoint',
			5: 'MultiLineString'
		};
		return { type: names[type] ?? `WKB type ${type}`, coordinates: [] };
	}
}

const ENVELOPE_BYTES = [0, 32, 48, 48, 64];

/** GeoPackage binary: "GP", version, flags, srs_id, envelope, then standard WKB. */
export function parseGpkgGeometry(blob: Uint8Array): GpkgFeature['geometry'] {
	if (blob.length < 8 || blob[0] !== 0x47 || blob[1] !== 0x50) throw new Error('not a GeoPackage geometry');
	const flags = blob[3];
	if (flags & 0x10) return null; // empty geometry
	const envelope = ENVELOPE_BYTES[(flags >> 1) & 0x07];
	if (envelope === undefined) throw new Error('bad envelope');
	return new WkbReader(blob, 8 + envelope).geometry();
}

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

export async function readGeoPackage(bytes: Uint8Array, layerName?: string): Promise<GpkgResult> {
	const SQL = await loadSqlJs();
	let db;
	try {
		db = new SQL.Database(bytes);
	} catch {
		return { ok: false, code: 'unreadable_file' };
	}
	try {
		const rows = (sql: string, params: (string | number)[] = []) => {
			const statement = db!.prepare(sql);
			statement.bind(params);
			const out: Record<string, GpkgValue | Uint8Array>[] = [];
			while (statement.step()) out.push(statement.getAsObject() as Record<string, GpkgValue | Uint8Array>);
			statement.free();
			return out;
		};
		const layers: GpkgLayer[] = rows(
			`SELECT c.table_name AS name, g.column_name AS geometry_column, g.geometry_type_name AS geometry_type,
			        COALESCE(g.srs_id, c.srs_id) AS srs_id
			 FROM gpkg_contents c JOIN gpkg_geometry_columns g ON g.table_name = c.table_name
			 WHERE c.data_type = 'features' ORDER BY c.table_name`
		).map((r) => ({
			name: String(r.name),
			geometryColumn: String(r.geometry_column),
			geometryType: String(r.geometry_type ?? '').toUpperCase(),
			srsId: Number(r.srs_id)
		}));
		if (layers.length === 0) return { ok: false, code: 'gpkg_no_layers' };
		// Without a choice: the first layer that may hold polygons (a points layer would only be refused).
		const layer = layerName
			? layers.find((l) => l.name === layerName)
			: (layers.find((l) => /POLYGON|SURFACE|^GEOMETRY$/.test(l.geometryType)) ?? layers[0]);
		if (!layer) return { ok: false, code: 'gpkg_unknown_layer', detail: layerName };
		const srs = rows(
			'SELECT definition, organization, organization_coordsys_id FROM gpkg_spatial_ref_sys WHERE srs_id = ?',
			[layer.srsId]
		)[0];
		const definition = typeof srs?.definition === 'string' ? srs.definition.trim() : '';
		const crs =
			definition && definition.toLowerCase() !== 'undefined'
				? definition
				: srs && String(srs.organization).toUpperCase() === 'EPSG'
					? `EPSG:${srs.organization_coordsys_id}`
					: null;
		const features: GpkgFeature[] = [];
		for (const row of rows(`SELECT * FROM ${quote(layer.name)}`)) {
			const properties: Record<string, GpkgValue> = {};
			let geometry: GpkgFeature['geometry'] = null;
			for (const [key, value] of Object.entries(row)) {
				if (key === layer.geometryColumn) {
					geometry = value instanceof Uint8Array ? parseGpkgGeometry(value) : null;
				} else if (!(value instanceof Uint8Array)) {
					properties[key] = typeof value === 'string' ? value.trim() : value;
				}
			}
			features.push({ properties, geometry });
		}
		return { ok: true, layers, layer, crs, features };
	} catch (e) {
		return { ok: false, code: 'unreadable_file', detail: (e as Error).message.slice(0, 80) };
	} finally {
		db.close();
	}
}
