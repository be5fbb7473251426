// GeoJSON: one FeatureCollection; properties = the columns (keys), geometry from the definition.
// Tables without a geometry function are not spatial and left out; rows without a place have
// geometry null (valid GeoJSON). Suppressed cells are null.
import { isSuppressed, type CellValue, type ExportTable } from './table';

export interface ExportFeatureCollection {
	type: 'FeatureCollection';
	features: {
		type: 'Feature';
		geometry: GeoJSON.Geometry | null;
		properties: Record<string, CellValue>;
	}[];
}

export function toGeoJson(tables: readonly ExportTable[]): ExportFeatureCollection {
	const features: ExportFeatureCollection['features'] = [];
	for (const table of tables) {
		if (!table.geometries) continue;
		table.rows.forEach((row, i) => {
			const properties: Record<string, CellValue> = {};
			table.columns.forEach((c, j) => {
				const cell = row[j];
				properties[c.key] = isSuppressed(cell) ? null : cell;
			});
			features.push({ type: 'Feature', geometry: table.geometries![i], properties });
		});
	}
	return { type: 'FeatureCollection', features };
}
