// Browser-safe shapes the contribution maps and forms share.

export type DrawnGeometry =
	| { type: 'Point'; coordinates: number[] }
	| { type: 'LineString'; coordinates: number[][] }
	| { type: 'Polygon'; coordinates: number[][][] };

/** The consultation's areas (GeoJSON from the server). */
export interface AreaShapes {
	type: 'FeatureCollection';
	features: { type: 'Feature'; id: string; geometry: unknown; properties: { key: string; name: string } }[];
}

/** A geometry kept across a form error (JSON text from the form values), or null. */
export function parseDrawnGeometry(text: string | null | undefined): DrawnGeometry | null {
	if (!text) return null;
	try {
		const g = JSON.parse(text) as DrawnGeometry | null;
		return g && ['Point', 'LineString', 'Polygon'].includes(g.type) && Array.isArray(g.coordinates)
			? g
			: null;
	} catch {
		return null;
	}
}
