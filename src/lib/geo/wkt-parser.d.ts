// wkt-parser (the WKT reader proj4 uses) ships without types: the parts we read.
declare module 'wkt-parser' {
	export interface WktDefinition {
		name?: string;
		type?: string;
		projName?: string;
		datumCode?: string;
		datum_params?: number[];
		ellps?: string;
		a?: number;
		rf?: number;
		b?: number;
		title?: string;
		AUTHORITY?: Record<string, string | number>;
		GEOGCS?: { name?: string; DATUM?: { name?: string; TOWGS84?: number[] } };
		[key: string]: unknown;
	}
	export default function parseWkt(wkt: string): WktDefinition;
}
